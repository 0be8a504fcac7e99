import type { z } from 'zod'

import { PaymentInputError } from './errors'

/**
 * Parses untrusted input (what the shopper entered, a webhook body) with `schema`. The schema's messages
 * must be shopper-safe: the first becomes the error's message and all of them its `issues`.
 */
export const parseInput = <Schema extends z.ZodType>(schema: Schema, input: unknown): z.output<Schema> => {
  const parsed = schema.safeParse(input)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((issue) => ({ path: issue.path, message: issue.message }))
  throw new PaymentInputError(issues[0]?.message ?? 'The payment details are not valid.', { cause: parsed.error, issues })
}
