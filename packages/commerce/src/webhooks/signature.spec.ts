import { randomBytes } from 'node:crypto'

import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'

import { retryDelayMs } from './backoff'
import { secretProblem, signWebhook } from './signature'

describe('webhook secrets', () => {
  it('accept whsec_ + base64 of 24–64 bytes only', () => {
    expect(secretProblem(`whsec_${randomBytes(32).toString('base64')}`)).toBeNull()
    expect(secretProblem(randomBytes(32).toString('base64'))).toMatch(/whsec_/)
    expect(secretProblem('whsec_not base64!')).toMatch(/base64/)
    expect(secretProblem(`whsec_${randomBytes(8).toString('base64')}`)).toMatch(/24 to 64 bytes/)
    expect(secretProblem(`whsec_${randomBytes(65).toString('base64')}`)).toMatch(/24 to 64 bytes/)
  })
})

describe('signWebhook', () => {
  it('produces headers the standardwebhooks library verifies', () => {
    const secret = `whsec_${randomBytes(32).toString('base64')}`
    const body = JSON.stringify({ data: { id: 1 }, timestamp: new Date().toISOString(), type: 'product.updated' })
    const headers = signWebhook({ body, id: 'msg_1', secret, timestamp: new Date() })
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body))
    expect(() => new Webhook(secret).verify(`${body} `, headers)).toThrow()
  })
})

describe('retryDelayMs', () => {
  const retry = { initialDelayMs: 1000, maxAttempts: 10, maxDelayMs: 10_000 }
  it('doubles per attempt, with 50–100 % jitter, up to the cap', () => {
    expect(retryDelayMs(1, retry, () => 1)).toBe(1000)
    expect(retryDelayMs(3, retry, () => 1)).toBe(4000)
    expect(retryDelayMs(3, retry, () => 0)).toBe(2000)
    expect(retryDelayMs(30, retry, () => 1)).toBe(10_000)
  })
})
