import type { Endpoint } from 'payload'

import { z } from 'zod'

import type { SanitizedCommercePluginConfig } from '../types'

import { orderEndpointError, readBody } from '../checkout/endpointRequest'
import { orderInputSchema, quoteInputSchema } from '../checkout/orderInput'
import { refuseRepeatedLines } from '../checkout/priceLines'
import { quoteOrder } from '../checkout/quoteOrder'
import { readStoreSettings } from '../pricing/storeSettings'
import { emailOf } from './emailOf'
import { quoteDiscount } from './quoteDiscount'
import { catalogueLocales } from '../localization/catalogueLocales'

/** The body of `POST /promotions/apply`. */
export const applyPromotionSchema = z.object({
  code: orderInputSchema.shape.discountCode,
  currency: orderInputSchema.shape.currency,
  items: orderInputSchema.shape.items,
  /** With `shippingMethod`: the destination, so shipping, free shipping and tax are those checkout charges. */
  shippingAddress: quoteInputSchema.shape.shippingAddress.optional(),
  /** The shipping method the shopper chose (a code of the destination's zone). */
  shippingMethod: z.string().trim().min(1).max(40).optional(),
})

const USAGE =
  'Send JSON {"items": [{"product": id, "quantity": n, "variant"?: id}], "code"?: "CODE", "currency"?: "EUR", "shippingAddress"?: {"country": "DE"}, "shippingMethod"?: code}.'

type Answer = {
  currency: string
  discountTotal: number
  freeShipping: boolean
  lines: Array<{ discountAmount: number; product: number; variant?: string }>
  promotions: Array<{ amount: number; code: null | string; shippingDiscount: number; title: string }>
  saving: number
  shippingDiscount: number
  subtotal: number
}

/**
 * `POST /promotions/apply`: what the promotions (and a code) take off a cart now. With a destination
 * and shipping method it is `POST /orders/quote`'s answer (`quoteOrder`), so the saving is the one
 * checkout charges, shipping waived included; without one, the same rules on the lines in the order's
 * currency (`quoteDiscount`), with no shipping to waive yet. 200 with the saving; a code that cannot be
 * used is a 422 whose message says why (`data.reason`) and whose `data.quote` is the cart without it.
 * Anyone may ask (the cart page does, for guests too); it reveals no promotion that the cart does not
 * qualify for. The per-customer limit is checked for a signed-in customer; a guest's at checkout.
 */
export const applyPromotionEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      const body = await readBody(req, applyPromotionSchema, USAGE)
      refuseRepeatedLines(body)
      const lineOf = (index: number) => ({ product: body.items[index]?.product ?? 0, ...(body.items[index]?.variant ? { variant: body.items[index]?.variant } : {}) })
      let answer: Answer
      let refusal: undefined | { message: string; reason: string }
      if (body.shippingAddress && body.shippingMethod) {
        const quote = await quoteOrder(req, config, { currency: body.currency, discountCode: body.code, items: body.items, shippingAddress: body.shippingAddress, shippingMethod: body.shippingMethod })
        refusal = quote.discountRefusal
        answer = {
          currency: quote.currency,
          discountTotal: quote.discountTotal,
          freeShipping: quote.shippingDiscount > 0 || quote.promotions.some((item) => item.shippingDiscount > 0),
          lines: quote.items.map((line, index) => ({ discountAmount: line.discountAmount, ...lineOf(index) })),
          promotions: quote.promotions,
          saving: quote.discountTotal + quote.shippingDiscount,
          shippingDiscount: quote.shippingDiscount,
          subtotal: quote.subtotal,
        }
      } else {
        const settings = await readStoreSettings(req, config)
        const rules = {
          currency: body.currency ?? null,
          // Titles play no part in a discount's rules.
          locale: catalogueLocales(req.payload).defaultLocale,
          method: { code: '-', freeFrom: [], label: '-', rates: [] },
          offered: settings.currencies,
          pricesIncludeTax: settings.pricesIncludeTax,
          tax: { byClass: {} },
          taxShipping: false,
        }
        const { currency, evaluation } = await quoteDiscount({ code: body.code, config, email: emailOf(req.user), items: body.items, req, rules })
        refusal = evaluation.refusal
        answer = {
          currency,
          discountTotal: evaluation.discountTotal,
          freeShipping: evaluation.freeShipping,
          lines: body.items.map((_, index) => ({ discountAmount: evaluation.lines[index]?.discount ?? 0, ...lineOf(index) })),
          promotions: evaluation.applied.map(({ amount, code, title }) => ({ amount, code, shippingDiscount: 0, title })),
          saving: evaluation.discountTotal,
          shippingDiscount: 0,
          subtotal: evaluation.subtotal,
        }
      }
      if (refusal) return Response.json({ errors: [{ data: { quote: answer, reason: refusal.reason }, message: refusal.message }] }, { status: 422 })
      return Response.json(answer)
    } catch (error) {
      return orderEndpointError(error, 'The cart changed; try again.')
    }
  },
  method: 'post',
  path: '/apply',
})
