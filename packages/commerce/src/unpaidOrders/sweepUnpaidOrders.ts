import { commitTransaction, createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { cancelExpiredOrder } from './cancelExpiredOrder'
import { claimDueOrder, type DueOrder } from './claimDueOrder'

/** Orders one sweep cancels at most; the next sweep goes on with the rest. */
const BATCH = 100

export type SweepResult = {
  /** Orders this sweep cancelled as expired. */
  expired: number[]
  /** Orders it could not cancel (logged; the next sweep tries again). */
  failed: number[]
}

export type SweepOptions = {
  /**
   * Called inside each order's transaction once the claim has run, with the order it locked (null:
   * none left for this sweeper). Tests hold two sweepers here to force them to overlap.
   */
  afterClaim?: (order: DueOrder | null) => Promise<void> | void
}

/**
 * Cancels every pending order past its payment due time, one transaction per order: claim it
 * (`claimDueOrder`, which skips orders another process holds), cancel it as expired
 * (`cancelExpiredOrder`), commit — after which its webhooks go out. Safe to run in any number of
 * processes at once. An order that fails is rolled back on its own, logged with its id and left for
 * the next sweep; a failure to claim (the database is down) is thrown.
 */
export const sweepUnpaidOrders = async (payload: Payload, config: SanitizedCommercePluginConfig, options: SweepOptions = {}): Promise<SweepResult> => {
  const result: SweepResult = { expired: [], failed: [] }
  while (result.expired.length + result.failed.length < BATCH) {
    const req = await createLocalReq({}, payload)
    await initTransaction(req)
    let order: DueOrder | null = null
    try {
      order = await claimDueOrder(req, config, result.failed)
      await options.afterClaim?.(order)
      if (order) await cancelExpiredOrder(req, config, order)
      await commitTransaction(req)
    } catch (error) {
      await killTransaction(req)
      if (!order) throw new Error('Could not look for expired unpaid orders', { cause: error })
      result.failed.push(order.id)
      payload.logger.error({ err: error, msg: 'Could not cancel an expired unpaid order; the next sweep tries again', order: order.id })
      continue
    }
    if (!order) break
    result.expired.push(order.id)
    payload.logger.info({ dueAt: order.dueAt, msg: 'Cancelled an unpaid order past its due time; its stock is back on sale', order: order.id })
  }
  return result
}
