import type { Endpoint, PayloadRequest } from 'payload'

import type { PaymentRegistry } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'

import { CheckoutError } from './errors'
import { orderInputSchema } from './orderInput'
import { placeOrder } from './placeOrder'

/** An order request is a few kilobytes; anything much larger is not one. */
const MAX_BODY_BYTES = 64 * 1024
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{8,255}$/

export const readJson = async (req: PayloadRequest): Promise<unknown> => {
  const declared = Number(req.headers.get('content-length') ?? 0)
  if (declared > MAX_BODY_BYTES) throw new CheckoutError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413)
  const text = req.text ? await req.text() : ''
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw new CheckoutError(`The request body is larger than ${MAX_BODY_BYTES} bytes.`, 413)
  try {
    return JSON.parse(text) as unknown
  } catch {
    throw new CheckoutError('The request body is not valid JSON.', 400)
  }
}

export const problem = (error: CheckoutError): Response =>
  Response.json({ errors: [{ message: error.message, ...(error.details ? { data: error.details } : {}) }] }, { status: error.status })

/**
 * `POST /orders`: places an order for the signed-in customer or a guest. Parses and checks the
 * request, then hands it to `placeOrder`. `Idempotency-Key` (8–255 visible ASCII characters) makes
 * retries safe. Answers 201 with the order (and a guest's `guestToken`), 200 for a replay.
 */
export const placeOrderEndpoint = (config: SanitizedCommercePluginConfig, payments: PaymentRegistry): Endpoint => ({
  handler: async (req) => {
    try {
      const idempotencyKey = req.headers.get('idempotency-key') ?? undefined
      if (idempotencyKey !== undefined && !IDEMPOTENCY_KEY.test(idempotencyKey)) {
        throw new CheckoutError('Idempotency-Key must be 8 to 255 visible ASCII characters.', 400)
      }
      const parsed = orderInputSchema.safeParse(await readJson(req))
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ message: issue.message, path: issue.path.join('.') }))
        const summary = issues.map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ')
        throw new CheckoutError(`The order request is not valid: ${summary}`, 400, { issues })
      }
      const result = await placeOrder({ config, idempotencyKey, input: parsed.data, payments, req })
      return Response.json(
        { guestToken: result.guestToken, order: result.order, paymentAction: result.paymentAction },
        { headers: result.replayed ? { 'Idempotent-Replayed': 'true' } : {}, status: result.replayed ? 200 : 201 },
      )
    } catch (error) {
      if (error instanceof CheckoutError) return problem(error)
      throw error
    }
  },
  method: 'post',
  path: '/',
})
