/** A live event's id: `<ms>-<n>`, the form of a Redis stream entry id (the bus's ids, also in memory). */
const EVENT_ID = /^(\d{1,15})-(\d{1,15})$/

export const isLiveEventId = (value: string): boolean => EVENT_ID.test(value)

/** An event id (`<ms>-<n>`) as its two numbers (0, 0 when it is not one), to compare without parsing again. */
export const liveEventOrder = (id: string): readonly [number, number] => {
  const [, ms = '0', seq = '0'] = EVENT_ID.exec(id) ?? []
  return [Number(ms), Number(seq)]
}

/** Orders two event ids (`<ms>-<n>`, as text or parsed by `liveEventOrder`): negative when `a` came first. */
export const compareLiveEventIds = (a: string | readonly [number, number], b: string | readonly [number, number]): number => {
  const [aMs, aSeq] = typeof a === 'string' ? liveEventOrder(a) : a
  const [bMs, bSeq] = typeof b === 'string' ? liveEventOrder(b) : b
  return aMs - bMs || aSeq - bSeq
}
