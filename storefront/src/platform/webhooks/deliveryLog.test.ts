import { describe, expect, it } from 'vitest'

import { createMemoryDeliveryLog } from './deliveryLog'

describe('createMemoryDeliveryLog', () => {
  it('claims an id once until it is released', async () => {
    const log = createMemoryDeliveryLog()
    expect(await log.claim('msg_1')).toBe(true)
    expect(await log.claim('msg_1')).toBe(false)
    await log.release('msg_1')
    expect(await log.claim('msg_1')).toBe(true)
  })

  it('accepts only higher sequences per resource, and undoes one whose event failed to apply', async () => {
    const log = createMemoryDeliveryLog()
    expect(await log.advance('product:1', 5)).toBeTypeOf('function')
    expect(await log.advance('product:1', 5)).toBe(false)
    expect(await log.advance('product:2', 1)).toBeTypeOf('function')
    const undo = await log.advance('product:1', 7)
    if (!undo) throw new Error('7 should be newer than 5')
    await undo()
    // The retry of 7 applies; 6 is newer than 5 again meanwhile.
    expect(await log.advance('product:1', 6)).toBeTypeOf('function')
    expect(await log.advance('product:1', 7)).toBeTypeOf('function')
  })

  it('forgets the oldest entries past its bound', async () => {
    const log = createMemoryDeliveryLog(2)
    for (const id of ['a', 'b', 'c']) await log.claim(id)
    expect(await log.claim('a')).toBe(true)
    expect(await log.claim('c')).toBe(false)
  })

  it('admits an id once, refuses a stale sequence (keeping the id claimed), and undoes both for a retry', async () => {
    const log = createMemoryDeliveryLog()
    const first = await log.admit('msg_1', 'product:1', 5)
    expect(first.kind).toBe('new')
    expect((await log.admit('msg_1', 'product:1', 6)).kind).toBe('duplicate')
    expect((await log.admit('msg_2', 'product:1', 4)).kind).toBe('stale')
    expect((await log.admit('msg_2', 'product:1', 9)).kind).toBe('duplicate')
    const failed = await log.admit('msg_3', 'product:1', 7)
    if (failed.kind !== 'new') throw new Error('7 should be newer than 5')
    await failed.undo()
    // The CMS's retry of the same delivery is applied.
    expect((await log.admit('msg_3', 'product:1', 7)).kind).toBe('new')
  })
})
