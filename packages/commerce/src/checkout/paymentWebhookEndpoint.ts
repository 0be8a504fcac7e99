import { APIError, type Endpoint, type PayloadRequest, ValidationError } from 'payload'

import type { WebhookEvent } from '../payments'
import type { SanitizedCommercePluginConfig } from '../types'

import type { PAYMENT_STATUSES } from '../collections/orders/statuses'

import { PaymentInputError, PaymentWebhookSignatureError } from '../payments'
import { recordLatePayment } from './recordLatePayment'

const RETRY_LATER = 'the order is still being placed; send the event again later'

type Move = { from: string[]; payment: (typeof PAYMENT_STATUSES)[number]; to: 'cancelled' | 'paid' | 'refunded' }

/** What a provider's event does to the order, from which statuses. Anything else is a no-op. */
const MOVES: Partial<Record<WebhookEvent['status'], Move>> = {
  failed: { from: ['pending'], payment: 'failed', to: 'cancelled' },
  paid: { from: ['pending'], payment: 'paid', to: 'paid' },
  refunded: { from: ['paid', 'fulfilled', 'shipped', 'delivered'], payment: 'refunded', to: 'refunded' },
}

type OrderRef = { id: number; payment?: null | { status?: null | string }; status: string }

const findOrder = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, reference: string): Promise<OrderRef | undefined> => {
  const { docs } = await req.payload.find({
    collection: config.slugs.orders,
    depth: 0,
    limit: 1,
    overrideAccess: true,
    req,
    where: { 'payment.reference': { equals: reference } },
  })
  return docs[0] as OrderRef | undefined
}

const applyEvent = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, event: WebhookEvent): Promise<string> => {
  const order = await findOrder(req, config, event.reference)
  if (!order) return 'no order has this payment reference'
  // Money for an order that expired (or was cancelled) meanwhile: never silently dropped, never revived.
  if (event.status === 'paid' && order.status === 'cancelled') return recordLatePayment(req, config, order, event)
  // Checkout has not recorded its own outcome yet: the provider is asked to send the event again later.
  if (order.payment?.status === 'charging') return RETRY_LATER
  const move = MOVES[event.status]
  if (!move || !move.from.includes(order.status)) return `nothing to do for a ${order.status} order`
  try {
    await req.payload.update({
      collection: config.slugs.orders,
      // The workflow locks the order and re-checks: a repeated or concurrent event changes nothing.
      context: { auditActor: 'payment-provider', refundedByProvider: move.to === 'refunded', statusChange: move.to, statusNote: `payment provider: ${event.status} (${event.eventId})` },
      data: { payment: { paidAt: move.to === 'paid' ? new Date().toISOString() : undefined, status: move.payment } },
      depth: 0,
      id: order.id,
      overrideAccess: true,
      req,
    })
    return `order ${order.id} is now ${move.to}`
  } catch (error) {
    if (!(error instanceof ValidationError || (error instanceof APIError && error.status === 409))) throw error
    // Cancelled between our read and the workflow's lock (the sweeper expired it): the payment still counts.
    const now = event.status === 'paid' ? await findOrder(req, config, event.reference) : undefined
    return now?.status === 'cancelled' ? recordLatePayment(req, config, now, event) : 'already applied'
  }
}

/**
 * `POST /payments/:method/webhook`: a payment provider reports a payment's outcome. The adapter
 * checks the signature (401 when missing or wrong) and parses the event; the order then follows the
 * status workflow. Answers 200 for anything it understood, so the provider stops retrying; applying
 * the same event twice changes nothing the second time.
 */
export const paymentWebhookEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const method = String(req.routeParams?.method ?? '')
    if (!config.payments.names().includes(method)) return Response.json({ errors: [{ message: 'Unknown payment method.' }] }, { status: 404 })
    const body = req.text ? await req.text() : ''
    let event: null | WebhookEvent
    try {
      event = await config.payments.get(method).handleWebhook({ body, headers: req.headers })
    } catch (error) {
      if (error instanceof PaymentWebhookSignatureError) return Response.json({ errors: [{ message: 'Invalid signature.' }] }, { status: 401 })
      if (error instanceof PaymentInputError) return Response.json({ errors: [{ message: error.message }] }, { status: 400 })
      throw error
    }
    const outcome = event ? await applyEvent(req, config, event) : 'event ignored'
    if (outcome === RETRY_LATER) return Response.json({ errors: [{ message: outcome }] }, { headers: { 'Retry-After': '5' }, status: 503 })
    return Response.json({ outcome, received: true })
  },
  // The provider decides the body's type; its signature, checked over the raw body, is what counts.
  custom: { anyContentType: true },
  method: 'post',
  path: '/payments/:method/webhook',
})
