import { encode } from 'eventsource-encoder'

/** One event of the live bus: its stream id and its JSON-able data (an object with a `type` names the SSE event). */
export type LiveEvent = { data: unknown; id: string }

const encoder = new TextEncoder()

/** An SSE comment: ignored by browsers, but keeps proxies from closing an idle stream. */
export const sseComment = (comment: string): Uint8Array => encoder.encode(encode({ comment }))

/**
 * How long a browser waits before reconnecting, and a comment saying why, as one block
 * (`retry: 500\n: shutting down\n\n`): `encode({ retry })` alone would end its own block with an
 * extra blank line.
 */
export const sseRetry = (retry: number, comment: string): Uint8Array => encoder.encode(`retry: ${Math.trunc(retry)}\n${encode({ comment })}`)

/**
 * Each event's SSE message (`eventsource-encoder`), serialised once however many streams of this
 * instance send it: a price change on a busy product goes to thousands of open pages at once, and
 * every stream gets the same bytes (the same object: a sink may keep work per frame, such as the
 * HTTP chunk `nodeLiveStream.server.ts` builds).
 */
const frames = new WeakMap<LiveEvent, Uint8Array>()
export const liveFrameOf = (event: LiveEvent): Uint8Array => {
  let frame = frames.get(event)
  if (!frame) {
    const type = typeof event.data === 'object' && event.data !== null && 'type' in event.data ? String(event.data.type) : 'message'
    frame = encoder.encode(encode({ data: JSON.stringify(event.data), event: type, id: event.id }))
    frames.set(event, frame)
  }
  return frame
}
