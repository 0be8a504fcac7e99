import { Webhook } from 'standardwebhooks'
import { describe, expect, it } from 'vitest'

import { verifyWebhookSignature } from './webhookSignature'

const secret = `whsec_${Buffer.from('a test secret of thirty-two bytes').toString('base64')}`
const body = JSON.stringify({ data: { id: 1 }, timestamp: '2026-01-01T00:00:00.000Z', type: 'product.updated' })
const now = 1_800_000_000

/** Headers as a Standard Webhooks sender (the reference library) writes them. */
const signed = (id: string, at: number, payload = body, key = secret): Headers =>
  new Headers({ 'webhook-id': id, 'webhook-signature': new Webhook(key).sign(id, new Date(at * 1000), payload), 'webhook-timestamp': String(at) })

describe('verifyWebhookSignature', () => {
  it('accepts a delivery signed by the reference library, also among several signatures', () => {
    expect(verifyWebhookSignature({ body, headers: signed('msg_1', now), now, secret })).toEqual({ id: 'msg_1', ok: true, timestamp: now })
    const headers = signed('msg_2', now)
    headers.set('webhook-signature', `v1,AAAA v2,zzz ${headers.get('webhook-signature')}`)
    expect(verifyWebhookSignature({ body, headers, now, secret })).toMatchObject({ ok: true })
  })

  it('refuses missing headers, another secret, a changed body and a changed id', () => {
    const headers = signed('msg_1', now)
    headers.delete('webhook-signature')
    expect(verifyWebhookSignature({ body, headers, now, secret })).toMatchObject({ ok: false, reason: expect.stringMatching(/Missing/) })
    const other = `whsec_${Buffer.from('another secret entirely, 32 byte').toString('base64')}`
    expect(verifyWebhookSignature({ body, headers: signed('msg_1', now, body, other), now, secret }).ok).toBe(false)
    expect(verifyWebhookSignature({ body: body.replace('1', '2'), headers: signed('msg_1', now), now, secret }).ok).toBe(false)
    const moved = signed('msg_1', now)
    moved.set('webhook-id', 'msg_9')
    expect(verifyWebhookSignature({ body, headers: moved, now, secret }).ok).toBe(false)
  })

  it('refuses timestamps outside five minutes either way (replays) and malformed ones', () => {
    expect(verifyWebhookSignature({ body, headers: signed('msg_1', now - 301), now, secret })).toMatchObject({ ok: false, reason: expect.stringMatching(/window/) })
    expect(verifyWebhookSignature({ body, headers: signed('msg_1', now + 301), now, secret }).ok).toBe(false)
    expect(verifyWebhookSignature({ body, headers: signed('msg_1', now - 299), now, secret }).ok).toBe(true)
    const headers = signed('msg_1', now)
    headers.set('webhook-timestamp', '1.8e9')
    expect(verifyWebhookSignature({ body, headers, now, secret }).ok).toBe(false)
  })
})
