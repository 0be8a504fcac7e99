import type { OrderStatus } from '../collections/orders/statuses'

/**
 * Orders that count as sales: paid, and neither cancelled nor refunded since. Pending orders (a bank
 * transfer not yet received) are "awaiting payment", not sales.
 */
export const SALES_STATUSES: readonly OrderStatus[] = ['paid', 'fulfilled', 'shipped', 'delivered']

export type SalesPeriodName = 'last7Days' | 'previous7Days' | 'previousDay' | 'today'

const DAY_MS = 86_400_000

/**
 * The dashboard's sales periods, each `[from, to)` in UTC: today so far, and the same hours of
 * yesterday to compare with; the last 7 × 24 hours, and the 7 × 24 hours before them.
 */
export const salesPeriods = (now: Date): Record<SalesPeriodName, { from: Date; to: Date }> => {
  const startOfToday = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()))
  const at = (ms: number) => new Date(ms)
  return {
    last7Days: { from: at(now.getTime() - 7 * DAY_MS), to: now },
    previous7Days: { from: at(now.getTime() - 14 * DAY_MS), to: at(now.getTime() - 7 * DAY_MS) },
    previousDay: { from: at(startOfToday.getTime() - DAY_MS), to: at(now.getTime() - DAY_MS) },
    today: { from: startOfToday, to: now },
  }
}
