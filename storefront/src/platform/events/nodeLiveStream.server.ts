import type { IncomingMessage, ServerResponse } from 'node:http'

import { log } from '../observability/log'
import { httpRequests } from '../observability/storefrontMetrics'

const CRLF = Buffer.from('\r\n')

/**
 * Each SSE frame as one HTTP/1.1 chunk (`<size>\r\n<bytes>\r\n`), built once per frame: an event
 * goes to thousands of streams, and Node's own chunked `write` builds the size line and hands the
 * socket four pieces for each of them. The live stream gives every stream the same frame object.
 */
const chunks = new WeakMap<Uint8Array, Buffer>()
const httpChunkOf = (frame: Uint8Array): Buffer => {
  let chunk = chunks.get(frame)
  if (!chunk) {
    chunk = Buffer.concat([Buffer.from(`${frame.byteLength.toString(16)}\r\n`, 'latin1'), frame, CRLF])
    chunks.set(frame, chunk)
  }
  return chunk
}

type LiveStreams = Pick<typeof import('./liveStream.server'), 'LIVE_HEADERS' | 'lastEventIdOf' | 'openLiveStream'>

/** Loaded on the first stream, after start-up (it reads the Redis settings, which are there only then). */
let streams: Promise<LiveStreams> | undefined
const loadLiveStreams = (): Promise<LiveStreams> => (streams ??= import('./liveStream.server'))

/**
 * Serves `channel`'s live stream straight on the Node response, without Astro's pipeline: thousands
 * of open pages may each hold one, so each must cost a socket and a listener, not a web `Request`,
 * `ReadableStream` and their pipes. Same headers, events and lifecycle as `liveResponse`; counted
 * in the HTTP metrics under `route` (a route pattern such as `/live/products/[id]`).
 *
 * The head goes out only once the stream listens: a client that has the headers misses no event
 * published after that (the first stream of an instance waits for its Redis subscription). What the
 * stream writes before then waits in memory. `load` is for tests.
 */
export const serveLiveStreamOnNode = (
  request: IncomingMessage,
  response: ServerResponse,
  channel: string,
  route: string,
  load: () => Promise<LiveStreams> = loadLiveStreams,
): void => {
  void load()
    .then(async ({ LIVE_HEADERS, lastEventIdOf, openLiveStream }) => {
      /** Frames written before the head went out. */
      let early: Uint8Array[] | undefined = []
      let chunked = false
      const send = (frame: Uint8Array): void => {
        const { socket } = response
        if (response.destroyed || !socket || socket.destroyed) throw new Error('the client went away')
        // Straight to the socket: one write of one shared buffer per stream and event.
        socket.write(chunked ? httpChunkOf(frame) : frame)
      }
      const lastEventId = request.headers['last-event-id']
      const close = await openLiveStream(channel, lastEventIdOf(typeof lastEventId === 'string' ? lastEventId : undefined), {
        // `end` writes the last chunk (`0\r\n\r\n`) after the whole ones written here.
        end: () => response.end(),
        write: (frame) => {
          if (early) early.push(frame)
          else send(frame)
        },
      })
      if (response.destroyed) {
        close()
        return
      }
      response.once('close', close)
      response.writeHead(200, LIVE_HEADERS)
      // The head goes out now, so what follows can be written to the socket as it is.
      response.flushHeaders()
      // Small writes go out at once.
      response.socket?.setNoDelay(true)
      // Chunked unless the client spoke HTTP/1.0 (then the body is the bytes as they are, to the close).
      chunked = response.chunkedEncoding
      const frames = early
      early = undefined
      try {
        for (const frame of frames) send(frame)
      } catch {
        close()
      }
      httpRequests.inc({ method: 'GET', route, status: '200' })
    })
    .catch((error: unknown) => {
      log.error('A live stream could not open', { err: error, path: request.url?.split('?')[0] })
      httpRequests.inc({ method: 'GET', route, status: '500' })
      if (!response.headersSent) response.writeHead(500, { 'Cache-Control': 'no-store' })
      response.end()
    })
}
