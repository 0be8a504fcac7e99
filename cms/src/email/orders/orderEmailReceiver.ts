import { createOrderLinkToken, type InProcessReceiver, zoneFor } from '@showroom/payload-commerce'
import type { Payload } from 'payload'

import { z } from 'zod'

import { type EmailLocale, emailLocaleOf, ORDER_EMAIL_STRINGS } from './orderEmailStrings'
import { type EmailOrder, type OrderEmailKind, renderOrderEmail } from './renderOrderEmail'

export type OrderEmailOptions = {
  /** The admin's public URL (`SERVER_URL`), for the staff notice's link. */
  adminUrl: string
  /** The account bank transfers go to (`BANK_TRANSFER_DETAILS`). @default none */
  bankTransferDetails?: string
  /** Where staff hear of each new order (`ORDER_NOTICE_EMAIL`). Unset: no notice. */
  noticeAddress?: string
  /** How many days a guest's order link opens her order after the email (`GUEST_ORDER_TOKEN_DAYS`). @default 30 */
  orderLinkDays?: number
  /** The shop's name in subjects and headers (`EMAIL_FROM_NAME`). */
  shopName: string
  /**
   * The storefront's main origin: order links go to `<storefrontUrl>/order/<id>`, or the page in the
   * order's language (`/de/order/<id>`), a guest's with `?t=<link token>`.
   */
  storefrontUrl: string
}

/** The event bodies this receiver reads (`WebhookEvent` in the commerce plugin), parsed before use. */
const eventSchema = z.discriminatedUnion('type', [
  z.object({ data: z.object({ id: z.number().int() }), type: z.literal('order.created') }),
  z.object({
    data: z.object({ id: z.number().int(), reason: z.string().optional(), to: z.string() }),
    type: z.literal('order.status_changed'),
  }),
  z.object({ data: z.object({ id: z.number().int(), refund: z.object({ id: z.string(), wholeOrder: z.boolean() }) }), type: z.literal('order.refunded') }),
])

/** The customer's email for a status an order moved to; other moves (fulfilled, delivered…) send none. */
const statusEmail = (to: string, reason: string | undefined): null | OrderEmailKind => {
  if (to === 'paid' || to === 'shipped' || to === 'refunded') return to
  if (to === 'cancelled') return reason === 'expired-unpaid' ? 'expired' : 'cancelled'
  return null
}

type Kinds = Array<{ kind: OrderEmailKind; to: 'customer' | 'staff' }>

/** Which emails an event sends: the whole-order refund is told by the status email (refunded, cancelled). */
const emailsFor = (event: z.infer<typeof eventSchema>, options: OrderEmailOptions): Kinds => {
  if (event.type === 'order.created') {
    return [{ kind: 'confirmation', to: 'customer' }, ...(options.noticeAddress ? [{ kind: 'staffNotice' as const, to: 'staff' as const }] : [])]
  }
  if (event.type === 'order.refunded') return event.data.refund.wholeOrder ? [] : [{ kind: 'partialRefund', to: 'customer' }]
  return [statusEmail(event.data.to, event.data.reason)].flatMap((kind) => (kind ? [{ kind, to: 'customer' as const }] : []))
}

/**
 * The shop's transactional emails, received from the commerce plugin's outbox (`webhooks.inProcess`):
 * each event arrives after its transaction committed, in one process at a time, and is retried until
 * every email it causes has gone. An email already sent for an event is remembered (Payload's key-value
 * store, keyed by the event's id), so a retry after a partial failure sends only what is missing.
 */
export const orderEmailReceiver = (options: OrderEmailOptions): InProcessReceiver => ({
  events: ['order.created', 'order.status_changed', 'order.refunded'],
  receive: async (payload, { body, webhookId }) => {
    const event = eventSchema.safeParse(body)
    if (!event.success) throw new Error(`Order email: unexpected event body (${event.error.message})`)
    const kinds = emailsFor(event.data, options)
    if (kinds.length === 0) return
    const order = (await payload.findByID({ collection: 'orders', depth: 0, disableErrors: true, id: event.data.data.id, overrideAccess: true })) as EmailOrder | null
    // A deleted order has nobody left to tell.
    if (!order) return
    // The storefront serves German pages under `/de/` (docs/languages.md): the link opens the order in its language.
    const orderPage = `${options.storefrontUrl.replace(/\/+$/, '')}${ORDER_EMAIL_STRINGS[emailLocaleOf(order.locale)].pathPrefix}/order/${order.id}`
    const context = {
      adminUrl: `${options.adminUrl.replace(/\/+$/, '')}/admin/collections/orders/${order.id}`,
      bankTransferDetails: options.bankTransferDetails,
      refundId: event.data.type === 'order.refunded' ? event.data.data.refund.id : undefined,
      // A guest has no account to sign in with: her link carries a read-only, expiring token for this
      // order. A customer's opens the page, which asks her to sign in and then shows the order.
      orderUrl:
        order.customer === null || order.customer === undefined
          ? `${orderPage}?t=${await createOrderLinkToken(payload.secret, order.id, { lifetimeDays: options.orderLinkDays })}`
          : orderPage,
      // Named only in the emails that list the totals: the confirmation (the order's language) and the staff notice (English).
      shippingLabels: await shippingLabelsOf(
        payload,
        order,
        new Set(kinds.flatMap(({ kind }) => (kind === 'staffNotice' ? ['en' as const] : kind === 'confirmation' ? [emailLocaleOf(order.locale)] : []))),
      ),
      shopName: options.shopName,
    }
    for (const { kind, to } of kinds) await sendOnce(payload, `email:${webhookId}:${kind}`, () => {
      const email = renderOrderEmail(kind, order, context)
      return payload.sendEmail({ ...email, to: to === 'staff' ? options.noticeAddress : order.email })
    })
  },
})

/**
 * The order's shipping method as the zone that ships to it names it (checkout's `zoneFor`), in each of
 * `languages`. A method no zone offers any more is left to its code.
 */
const shippingLabelsOf = async (payload: Payload, order: EmailOrder, languages: Set<EmailLocale>): Promise<Partial<Record<EmailLocale, string>>> => {
  const labels: Partial<Record<EmailLocale, string>> = {}
  if (!order.shippingMethod) return labels
  for (const language of languages) {
    const { docs } = await payload.find({ collection: 'shipping-zones', depth: 0, locale: language, overrideAccess: true, pagination: false, sort: 'id' })
    const zones = docs.map((zone) => ({ countries: zone.countries ?? [], everywhereElse: zone.everywhereElse === true, methods: zone.methods ?? [] }))
    const label = zoneFor(zones, order.shippingAddress?.country ?? undefined)?.methods.find((method) => method.code === order.shippingMethod)?.label
    if (label) labels[language] = label
  }
  return labels
}

const sendOnce = async (payload: Payload, key: string, send: () => Promise<unknown>): Promise<void> => {
  if (await payload.kv.has(key)) return
  await send()
  await payload.kv.set(key, { sentAt: new Date().toISOString() })
}
