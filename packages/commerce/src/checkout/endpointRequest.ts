import { APIError, type PayloadRequest } from 'payload'
import type { z } from 'zod'

import { CheckoutError } from './errors'

/** The `:id` route parameter as an order id; anything else is an unknown order (404). */
export const orderIdParam = (req: PayloadRequest): number => {
  const id = Number(req.routeParams?.id)
  if (!Number.isSafeInteger(id) || id <= 0) throw new CheckoutError('Unknown order.', 404)
  return id
}

/** The JSON body checked against `schema`; 400 naming what to send (`usage`) when it does not fit. */
export const readBody = async <T>(req: PayloadRequest, schema: z.ZodType<T>, usage: string): Promise<T> => {
  let body: unknown
  try {
    body = req.json ? await req.json() : undefined
  } catch {
    throw new CheckoutError('The request body is not valid JSON.', 400)
  }
  const parsed = schema.safeParse(body)
  if (!parsed.success) throw new CheckoutError(usage, 400)
  return parsed.data
}

/**
 * The answer to an order endpoint's error: a `CheckoutError` with its status and message, the status
 * workflow's 409 (the order moved on meanwhile) with `conflict`. Anything else is re-thrown for
 * Payload to answer (its validation errors are 400s naming the field).
 */
export const orderEndpointError = (error: unknown, conflict: string): Response => {
  if (error instanceof CheckoutError) return Response.json({ errors: [{ message: error.message }] }, { status: error.status })
  if (error instanceof APIError && error.status === 409) return Response.json({ errors: [{ message: conflict }] }, { status: 409 })
  throw error
}
