import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { CheckoutError } from './errors'
import { quoteInputSchema } from './orderInput'
import { problem, readJson } from './placeOrderEndpoint'
import { quoteOrder } from './quoteOrder'

/**
 * `POST /orders/quote` `{ items, currency?, shippingAddress: { country, region? }, shippingMethod }` →
 * 200 with the subtotal, discounts, shipping, tax lines and total an order of those lines would have,
 * priced exactly as `POST /orders` prices one; writes nothing. Public, like checkout.
 */
export const quoteEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      const parsed = quoteInputSchema.safeParse(await readJson(req))
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ message: issue.message, path: issue.path.join('.') }))
        throw new CheckoutError(`The quote request is not valid: ${issues.map((issue) => `${issue.path || 'body'}: ${issue.message}`).join('; ')}`, 400, { issues })
      }
      return Response.json(await quoteOrder(req, config, parsed.data), { headers: { 'Cache-Control': 'no-store' } })
    } catch (error) {
      if (error instanceof CheckoutError) return problem(error)
      throw error
    }
  },
  method: 'post',
  path: '/quote',
})
