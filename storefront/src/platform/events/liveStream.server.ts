import { onDrain } from '../lifecycle/lifecycle.server'
import { liveConnections } from '../observability/storefrontMetrics'
import { subscribeLive } from './liveBus.server'
import { isLiveEventId } from './liveEventId'
import { liveFrameOf, sseComment, sseRetry } from './liveFrame'

/** How often an idle stream sends a comment line, well under common proxy idle timeouts (60 s). */
const HEARTBEAT_MS = 15_000
/** How long a browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3000
/** How soon a browser reconnects when this instance shuts down: at once, to another instance. */
const SHUTDOWN_RETRY_MS = 500

/** The response headers of every live stream. */
export const LIVE_HEADERS = {
  'Cache-Control': 'no-store',
  'Content-Type': 'text/event-stream; charset=utf-8',
  // nginx and similar buffer responses by default, which would hold events back.
  'X-Accel-Buffering': 'no',
} as const

/** The fixed parts of every stream, encoded once. */
const CONNECTED = sseRetry(RETRY_MS, 'connected')
const KEEP_ALIVE = sseComment('keep-alive')
const SHUTTING_DOWN = sseRetry(SHUTDOWN_RETRY_MS, 'shutting down')

/** Where a stream's bytes go: a web `ReadableStream` (Astro's endpoints) or a Node response (`server.mjs`). */
export type LiveSink = {
  /** Ends the response (on shutdown). */
  end: () => void
  /** Writes bytes; throws when the client is gone. */
  write: (chunk: Uint8Array) => void
}

/** A `Last-Event-ID` header's value when it is one of ours, else `undefined` (start from now). */
export const lastEventIdOf = (header: null | string | undefined): string | undefined => {
  const trimmed = header?.trim()
  return trimmed && isLiveEventId(trimmed) ? trimmed : undefined
}

/**
 * Streams `channel`'s events into `sink` as `event: <type>` messages whose `id` lets a reconnect
 * resume (`Last-Event-ID`), after the events since `lastEventId`; a comment every 15 s keeps proxies
 * from closing it. Resolves, once listening, to the function that stops it (call it when the client
 * goes away). On shutdown the stream ends cleanly and EventSource reconnects to another instance.
 */
export const openLiveStream = async (channel: string, lastEventId: string | undefined, sink: LiveSink): Promise<() => void> => {
  let stop: (() => void) | undefined
  let heartbeat: ReturnType<typeof setInterval> | undefined
  let stopDrain: (() => void) | undefined
  let open = true
  liveConnections.inc()
  const close = (): void => {
    stop?.()
    stop = undefined
    stopDrain?.()
    clearInterval(heartbeat)
    if (open) liveConnections.dec()
    open = false
  }
  /** Writes `chunk`; false when the stream is closed (or just closed under us: the client is gone). */
  const write = (chunk: Uint8Array): boolean => {
    if (!open) return false
    try {
      sink.write(chunk)
      return true
    } catch {
      // The stream was closed under us (client gone): stop listening.
      close()
      return false
    }
  }
  write(CONNECTED)
  // Listening before the caller answers: an event published once the client sees the headers is not missed.
  // The same frame object for every stream of this instance: a sink may keep work per frame (`nodeLiveStream.server.ts`).
  stop = await subscribeLive(channel, lastEventId, (event) => write(liveFrameOf(event)))
  if (!open) stop()
  heartbeat = setInterval(() => write(KEEP_ALIVE), HEARTBEAT_MS)
  stopDrain = onDrain(() => {
    write(SHUTTING_DOWN)
    close()
    sink.end()
  })
  return close
}
