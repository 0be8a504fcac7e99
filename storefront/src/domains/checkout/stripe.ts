import { z } from 'astro/zod'

import type { PaymentMethod } from './checkoutOptions'

/** The payment method the CMS names `stripe` (docs/payments.md): its card is entered in Stripe.js's own field. */
export const STRIPE_METHOD = 'stripe'

/** What the CMS asks the browser to finish with Stripe.js after placing an order (3-D Secure). */
export const paymentActionSchema = z.object({
  clientSecret: z.string().regex(/^pi_[A-Za-z0-9]+_secret_[A-Za-z0-9]+$/),
  publishableKey: z.string().regex(/^pk_[A-Za-z0-9_]+$/),
  type: z.literal('stripe.handleNextAction'),
})

export type PaymentAction = z.infer<typeof paymentActionSchema>

/** The publishable key of the CMS's `stripe` method, or undefined for any other method (or a malformed key). */
export const stripeKeyOf = (method: Pick<PaymentMethod, 'client' | 'name'>): string | undefined => {
  const key = method.name === STRIPE_METHOD ? method.client?.publishableKey : undefined
  return key !== undefined && /^pk_[A-Za-z0-9_]+$/.test(key) ? key : undefined
}

/**
 * The CSP sources a page using Stripe.js needs (Stripe's documented list: its script, its API, its
 * iframes for the card field and 3-D Secure). A Stripe.js stand-in (`STRIPE_JS_URL` elsewhere, tests
 * only) needs just its own origin.
 */
export const stripeCspSources = (scriptUrl: string): { connect: string[]; frame: string[]; script: string[] } => {
  const origin = new URL(scriptUrl).origin
  if (origin !== 'https://js.stripe.com') return { connect: [origin], frame: [origin], script: [origin] }
  return {
    connect: ['https://api.stripe.com'],
    frame: ['https://js.stripe.com', 'https://*.js.stripe.com', 'https://hooks.stripe.com'],
    script: ['https://js.stripe.com', 'https://*.js.stripe.com'],
  }
}
