import { cacheControl } from '../../cacheControl'
import { onDrain } from '../lifecycle/lifecycle.server'
import { liveConnections, liveEventsSent } from '../observability/storefrontMetrics'
import { subscribeLive } from './liveBus.server'
import { isLiveEventId, sseComment, sseEvent } from './liveMessage'

/** How often an idle stream sends a comment line, well under common proxy idle timeouts (60 s). */
const HEARTBEAT_MS = 15_000
/** How long a browser waits before reconnecting after the stream drops. */
const RETRY_MS = 3000
/** How soon a browser reconnects when this instance shuts down: at once, to another instance. */
const SHUTDOWN_RETRY_MS = 500

/**
 * A Server-Sent Events response streaming `channel`'s events as `event: <type>` messages whose `id`
 * lets a reconnect resume (`Last-Event-ID`). Ends, and stops listening, when the client goes away.
 */
export const liveResponse = async (request: Request, channel: string): Promise<Response> => {
  const lastHeader = request.headers.get('last-event-id')?.trim()
  const lastEventId = lastHeader && isLiveEventId(lastHeader) ? lastHeader : undefined
  const encoder = new TextEncoder()
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
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  // `start` runs during construction, so the controller is there before anything is written.
  const stream = new ReadableStream<Uint8Array>({ cancel: close, start: (given) => void (controller = given) })
  const write = (text: string): void => {
    try {
      controller?.enqueue(encoder.encode(text))
    } catch {
      // The stream was closed under us (client gone): stop listening.
      close()
    }
  }
  write(`retry: ${RETRY_MS}\n${sseComment('connected')}`)
  // Listening before the response is returned: an event published once the client sees the headers is not missed.
  stop = await subscribeLive(channel, lastEventId, (event) => {
    const type = typeof event.data === 'object' && event.data !== null && 'type' in event.data ? String(event.data.type) : 'message'
    write(sseEvent({ data: event.data, event: type, id: event.id }))
    liveEventsSent.inc()
  })
  heartbeat = setInterval(() => write(sseComment('keep-alive')), HEARTBEAT_MS)
  if (request.signal.aborted) close()
  request.signal.addEventListener('abort', close, { once: true })
  // On shutdown the stream ends cleanly; EventSource reconnects (with Last-Event-ID) to another instance.
  stopDrain = onDrain(() => {
    write(`retry: ${SHUTDOWN_RETRY_MS}\n${sseComment('shutting down')}`)
    close()
    try {
      controller?.close()
    } catch {
      // Already closed by the client going away.
    }
  })
  return new Response(stream, {
    headers: {
      'Cache-Control': cacheControl.none,
      'Content-Type': 'text/event-stream; charset=utf-8',
      // nginx and similar buffer responses by default, which would hold events back.
      'X-Accel-Buffering': 'no',
    },
  })
}
