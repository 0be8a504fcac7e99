/** What a promotion takes off. */
export const PROMOTION_KINDS = ['percentage', 'fixed', 'freeShipping'] as const
/** Where it applies: the whole order, or only chosen products and categories. */
export const APPLIES_TO = ['order', 'items'] as const

/** A code as stored and matched: trimmed, upper-case. */
export const normalizedCode = (code: string): string => code.trim().toUpperCase()
export const CODE_PATTERN = /^[A-Z0-9_-]{3,40}$/

type Amount = { amount: number; currency: string }

/** A promotion as the rules read it (ids of products and categories, amounts in minor units). */
export type Promotion = {
  active: boolean
  amounts: Amount[]
  appliesTo: (typeof APPLIES_TO)[number]
  /** The chosen categories with all their subcategories (see `readPromotions`). */
  categories: number[]
  /** Null for an automatic promotion. */
  code: null | string
  combinable: boolean
  endsAt: null | string
  id: number
  kind: (typeof PROMOTION_KINDS)[number]
  minimumSubtotals: Amount[]
  percentage: null | number
  perCustomerLimit: null | number
  products: number[]
  startsAt: null | string
  title: string
  usageLimit: null | number
}

/** How often a promotion was used by orders that are not cancelled: in all, and with this shopper's email. */
export type Usage = { byCustomer: number; total: number }

/** Why a code is refused, in the order the rules check them. */
export const REFUSAL_REASONS = [
  'unknown',
  'not-started',
  'expired',
  'wrong-currency',
  'minimum-not-met',
  'not-for-these-items',
  'used-up',
  'already-used',
] as const
export type RefusalReason = (typeof REFUSAL_REASONS)[number]
export type Refusal = { message: string; reason: RefusalReason }
