import { createParser, type EventSourceMessage } from 'eventsource-parser'
import { describe, expect, it } from 'vitest'

import { compareLiveEventIds } from './liveEventId'
import { liveFrameOf, sseComment, sseRetry } from './liveFrame'

/** What a browser's EventSource makes of `bytes`: its messages and the reconnection delay it was told. */
const parse = (...chunks: Uint8Array[]): { messages: EventSourceMessage[]; retry: number | undefined } => {
  const messages: EventSourceMessage[] = []
  let retry: number | undefined
  const parser = createParser({ onEvent: (message) => messages.push(message), onRetry: (ms) => (retry = ms) })
  for (const chunk of chunks) parser.feed(new TextDecoder().decode(chunk))
  return { messages, retry }
}

describe('live frames', () => {
  it('are Server-Sent Events named after the data type, with the id a reconnect resumes from', () => {
    const data = { note: 'two\nlines', type: 'price' }
    const { messages, retry } = parse(sseRetry(3000, 'connected'), sseComment('keep-alive'), liveFrameOf({ data, id: '17-3' }), liveFrameOf({ data: 42, id: '17-4' }))
    expect(retry).toBe(3000)
    expect(new TextDecoder().decode(sseRetry(500, 'shutting down'))).toBe('retry: 500\n: shutting down\n\n')
    expect(messages).toEqual([
      { data: JSON.stringify(data), event: 'price', id: '17-3' },
      { data: '42', event: 'message', id: '17-4' },
    ])
  })

  it('are encoded once per event, whatever the number of streams sending it', () => {
    const event = { data: { type: 'stock' }, id: '1-0' }
    expect(liveFrameOf(event)).toBe(liveFrameOf(event))
  })
})

describe('live event ids', () => {
  it('order by stream id, numerically', () => {
    expect(compareLiveEventIds('1700000000000-2', '1700000000000-10')).toBeLessThan(0)
    expect(compareLiveEventIds('1700000000001-0', '1700000000000-10')).toBeGreaterThan(0)
  })
})
