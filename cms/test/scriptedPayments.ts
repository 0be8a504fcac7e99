import type { PaymentAdapter, PaymentResult } from '@showroom/payload-commerce'

/** What the scripted provider does next; a test changes it between requests. */
export type Script = { charge: 'authorize' | 'decline' | 'pay' | 'throw'; refund: 'ok' | 'throw' }

export type ScriptedPayments = {
  adapter: PaymentAdapter
  /** Every `initiate` call's idempotency key, in order (a retry repeats its key). */
  chargeCalls: string[]
  /** Every refund the provider made (not the refused or failed calls), by idempotency key. */
  refundsMade: string[]
  /** Every `refund` call, made or not. */
  refundCalls: string[]
  script: Script
}

/**
 * A payment provider a test scripts: it pays, authorises, declines or fails (throws, like a provider
 * that does not answer), and its refunds succeed or fail. The gateway is the one part mocked here.
 * Like a real provider it never charges twice for one idempotency key.
 */
export const createScriptedPayments = (): ScriptedPayments => {
  const script: Script = { charge: 'pay', refund: 'ok' }
  const charges = new Map<string, PaymentResult>()
  const chargeCalls: string[] = []
  const refundCalls: string[] = []
  const refundsMade: string[] = []
  const adapter: PaymentAdapter = {
    name: 'scripted',
    label: 'Scripted provider',
    description: 'A provider the tests script: pays, declines or fails as told.',
    fields: [],
    initiate: async ({ idempotencyKey }) => {
      chargeCalls.push(idempotencyKey)
      const earlier = charges.get(idempotencyKey)
      if (earlier) return earlier
      if (script.charge === 'throw') throw new Error('scripted: the provider did not answer')
      const reference = `scripted_${charges.size + 1}`
      const result: PaymentResult =
        script.charge === 'decline'
          ? { message: 'Your card was declined.', reference, status: 'failed' }
          : { reference, status: script.charge === 'pay' ? 'paid' : 'authorized' }
      charges.set(idempotencyKey, result)
      return result
    },
    confirm: async ({ reference }) => ({ reference, status: 'paid' }),
    refund: async ({ idempotencyKey }) => {
      refundCalls.push(idempotencyKey)
      if (script.refund === 'throw') throw new Error('scripted: the refund API did not answer')
      refundsMade.push(idempotencyKey)
      return { reference: `scripted_re_${refundsMade.length}`, status: 'refunded' }
    },
    handleWebhook: async () => null,
  }
  return { adapter, chargeCalls, refundCalls, refundsMade, script }
}
