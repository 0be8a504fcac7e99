import { createServer, get, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

import { afterEach, describe, expect, it } from 'vitest'

import type { LiveSink } from './liveStream.server'
import { serveLiveStreamOnNode } from './nodeLiveStream.server'

const encode = (text: string): Uint8Array => new TextEncoder().encode(text)

describe('a live stream served on the Node response', () => {
  const servers: Array<ReturnType<typeof createServer>> = []
  afterEach(() => {
    for (const server of servers.splice(0)) server.close()
  })

  it('sends its head only once it listens, then what was written meanwhile, then live events', async () => {
    let served: ServerResponse | undefined
    let headSentWhileSubscribing: boolean | undefined
    let subscribed!: () => void
    const subscribing = new Promise<void>((resolve) => (subscribed = resolve))
    let sink: LiveSink | undefined
    let openCalled!: () => void
    const opened = new Promise<void>((resolve) => (openCalled = resolve))
    const load = async () => ({
      LIVE_HEADERS: { 'Cache-Control': 'no-store', 'Content-Type': 'text/event-stream; charset=utf-8' } as const,
      lastEventIdOf: () => undefined,
      openLiveStream: async (_channel: string, _lastEventId: string | undefined, given: LiveSink) => {
        sink = given
        given.write(encode(': connected\n\n'))
        openCalled()
        // The subscription (Redis SUBSCRIBE for an instance's first stream) is still on its way.
        await subscribing
        headSentWhileSubscribing = served?.headersSent
        return () => undefined
      },
    })
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      served = response
      serveLiveStreamOnNode(request, response, 'product:1', '/live/products/[id]', load as never)
    })
    servers.push(server)
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo

    const response = new Promise<IncomingMessage>((resolve) => get(`http://127.0.0.1:${port}/live/products/1`, resolve))
    await opened
    // Nothing has told the client the stream is there while it does not listen yet.
    expect(served?.headersSent).toBe(false)
    subscribed()
    const answer = await response
    expect(headSentWhileSubscribing).toBe(false)
    expect(answer.headers['content-type']).toBe('text/event-stream; charset=utf-8')
    answer.setEncoding('utf8')
    let body = ''
    const received = (text: string) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (body.includes(text)) {
            answer.off('data', onData)
            resolve()
          }
        }
        const onData = (chunk: string): void => {
          body += chunk
          check()
        }
        answer.on('data', onData)
        check()
      })
    await received(': connected\n\n')
    sink?.write(encode('event: price\ndata: 1200\n\n'))
    await received('data: 1200')
    expect(body).toBe(': connected\n\nevent: price\ndata: 1200\n\n')
    answer.destroy()
  })
})
