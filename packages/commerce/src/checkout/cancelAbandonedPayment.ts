import type { CollectionAfterChangeHook, Payload, TaskConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { queueJobRunAfterCommit } from '../webhooks/afterCommit'

export const CANCEL_PAYMENT_TASK = 'cancelPayment'
/** Run by the webhook runner's poll too, so a job whose process stopped, or a retry, still runs. */
export const PAYMENT_QUEUE = 'payments'

type OrderPayment = { id: number; payment?: null | { method?: null | string; reference?: null | string; status?: null | string }; status?: null | string }

/** The adapter that can still stop this order's pending payment, if there is one. */
/** Whether any configured payment adapter can cancel a payment (else no `cancelPayment` job is ever queued). */
export const paymentsCanBeCancelled = (config: SanitizedCommercePluginConfig): boolean => config.payments.adapters().some((adapter) => Boolean(adapter.cancel))

const cancellingAdapter = (config: SanitizedCommercePluginConfig, order: OrderPayment) => {
  const { method, reference, status } = order.payment ?? {}
  if (order.status !== 'cancelled' || status !== 'pending' || !reference || !method) return null
  const adapter = config.payments.adapters().find((candidate) => candidate.name === method)
  return adapter?.cancel ? { adapter, reference } : null
}

/**
 * Stops the pending payment of a cancelled order at its provider (a 3-D Secure challenge the shopper
 * abandoned, found by the unpaid-order sweeper or cancelled by staff), so that finishing it later cannot
 * take money for an order whose stock went back on sale. Records the payment as `failed` once stopped;
 * a payment that succeeded meanwhile is left to the provider's webhook, which records it as a late payment.
 */
export const cancelAbandonedPayment = async (payload: Payload, config: SanitizedCommercePluginConfig, orderId: number): Promise<void> => {
  const order = (await payload.findByID({ collection: config.slugs.orders, depth: 0, id: orderId, overrideAccess: true })) as unknown as OrderPayment
  const target = cancellingAdapter(config, order)
  if (!target) return
  const { status } = await target.adapter.cancel!({ idempotencyKey: `order-${orderId}-cancel-${target.reference}`, reference: target.reference })
  if (status === 'too-late') {
    payload.logger.warn({ msg: 'The cancelled order’s payment had already succeeded; the provider’s webhook records it for staff', order: orderId })
    return
  }
  await payload.update({
    collection: config.slugs.orders,
    context: { auditActor: 'system' },
    data: { payment: { status: 'failed' } },
    depth: 0,
    id: orderId,
    overrideAccess: true,
  })
  payload.logger.info({ msg: 'Stopped the pending payment of a cancelled order at its provider', order: orderId, reference: target.reference })
}

/** The Payload task behind `queuePaymentCancel`, retried with backoff while the provider does not answer. */
export const cancelPaymentTask = (config: SanitizedCommercePluginConfig): TaskConfig => ({
  slug: CANCEL_PAYMENT_TASK,
  handler: async ({ input, req }) => {
    const orderId = Number((input as { orderId?: unknown }).orderId)
    if (!Number.isSafeInteger(orderId)) throw new Error('cancelPayment: the job has no order id')
    await cancelAbandonedPayment(req.payload, config, orderId)
    return { output: {} }
  },
  inputSchema: [{ name: 'orderId', type: 'number', required: true }],
  label: 'Stop a cancelled order’s pending payment',
  retries: { attempts: 8, backoff: { delay: 5_000, type: 'exponential' } },
})

/**
 * An order that goes from pending to cancelled with a payment its provider could still complete gets a
 * `cancelPayment` job in the same transaction (so it exists only if the cancel commits), run in this
 * process once that commits.
 */
export const queuePaymentCancel =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    if (operation !== 'update' || previousDoc?.status !== 'pending' || !cancellingAdapter(config, doc as OrderPayment)) return doc
    await queueJobRunAfterCommit(req, { input: { orderId: Number(doc.id) }, queue: PAYMENT_QUEUE, task: CANCEL_PAYMENT_TASK }, `Could not stop the payment of cancelled order ${doc.id}; retried later`)
    return doc
  }
