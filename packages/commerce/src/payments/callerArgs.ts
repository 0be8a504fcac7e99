import { z } from 'zod'

import type { ConfirmArgs, InitiateArgs, RefundArgs } from './types'

// These arguments come from our own code (the order's totals, its stored reference), not from the
// shopper, so a bad one is a bug: a TypeError (500), never a PaymentInputError (400).

const minorUnits = z.number().int().positive()
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in upper case, such as EUR')
const nonEmpty = z.string().trim().min(1).max(255)

const initiateArgsSchema = z.object({
  amount: minorUnits,
  currency,
  idempotencyKey: nonEmpty,
  orderId: z.union([nonEmpty, z.number().int().positive()]).optional(),
  orderNumber: nonEmpty,
})

const confirmArgsSchema = z.object({ reference: nonEmpty })

const refundArgsSchema = z.object({ amount: minorUnits, currency, idempotencyKey: nonEmpty, reference: nonEmpty })

const check = (schema: z.ZodType, args: unknown, where: string): void => {
  const parsed = schema.safeParse(args)
  if (parsed.success) return
  throw new TypeError(`${where} was called with invalid arguments:\n${z.prettifyError(parsed.error)}`, { cause: parsed.error })
}

/** Throws a `TypeError` naming `adapter` when the caller's arguments to `initiate` are malformed. */
export const assertInitiateArgs = (adapter: string, args: InitiateArgs): void => check(initiateArgsSchema, args, `${adapter}.initiate`)

/** Throws a `TypeError` naming `adapter` when the caller's arguments to `confirm` are malformed. */
export const assertConfirmArgs = (adapter: string, args: ConfirmArgs): void => check(confirmArgsSchema, args, `${adapter}.confirm`)

/** Throws a `TypeError` naming `adapter` when the caller's arguments to `refund` are malformed. */
export const assertRefundArgs = (adapter: string, args: RefundArgs): void => check(refundArgsSchema, args, `${adapter}.refund`)
