import { describe, expect, it } from 'vitest'

import { createGuestToken } from './guestToken'
import { createOrderLinkToken, orderIdFromLinkToken } from './orderLinkToken'

const SECRET = 'a-server-secret'
const DAY_MS = 24 * 60 * 60 * 1000

describe('order link tokens', () => {
  it('name the order they were made for, under the secret they were made with', async () => {
    expect(await orderIdFromLinkToken(SECRET, await createOrderLinkToken(SECRET, 42))).toBe(42)
    expect(await orderIdFromLinkToken('another-secret', await createOrderLinkToken(SECRET, 42))).toBeNull()
  })

  it('expire after the lifetime they were given, counted from when they were made', async () => {
    const made = (daysAgo: number) => createOrderLinkToken(SECRET, 7, { issuedAt: new Date(Date.now() - daysAgo * DAY_MS), lifetimeDays: 3 })
    expect(await orderIdFromLinkToken(SECRET, await made(2.9))).toBe(7)
    expect(await orderIdFromLinkToken(SECRET, await made(3.1))).toBeNull()
  })

  it('refuse junk, an overlong string and a guest token without throwing', async () => {
    for (const junk of ['', 'x', 'a.b.c', `${'a'.repeat(2000)}.b.c`, createGuestToken(SECRET, 42)]) expect(await orderIdFromLinkToken(SECRET, junk)).toBeNull()
  })
})
