import { LIVE_HEADERS, lastEventIdOf, openLiveStream } from './liveStream.server'

/**
 * A Server-Sent Events response streaming `channel` (see `openLiveStream`), for Astro endpoints.
 * Ends, and stops listening, when the client goes away. (Product streams are served by `server.mjs`
 * before Astro, see `domains/live/productStream.server.ts`; this one serves order streams, and `astro dev`.)
 */
export const liveResponse = async (request: Request, channel: string): Promise<Response> => {
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined
  let close: (() => void) | undefined
  // `start` runs during construction, so the controller is there before anything is written.
  const stream = new ReadableStream<Uint8Array>({ cancel: () => close?.(), start: (given) => void (controller = given) })
  close = await openLiveStream(channel, lastEventIdOf(request.headers.get('last-event-id')), {
    end: () => {
      try {
        controller?.close()
      } catch {
        // Already closed by the client going away.
      }
    },
    write: (chunk) => controller?.enqueue(chunk),
  })
  if (request.signal.aborted) close()
  request.signal.addEventListener('abort', close, { once: true })
  return new Response(stream, { headers: LIVE_HEADERS })
}
