import type { Endpoint } from 'payload'
import { z } from 'zod'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffUser } from '../access/roles'
import { orderEndpointError, orderIdParam, readBody } from './endpointRequest'
import { CheckoutError } from './errors'

/** What `POST /orders/:id/payment-due` accepts (also the source of its OpenAPI description). */
export const paymentDueBodySchema = z.object({ dueAt: z.iso.datetime({ offset: true }) })

/**
 * `POST /orders/:id/payment-due` `{ dueAt }`: staff give a pending order's customer longer to pay (or
 * less), so its stock stays held until then. The rules (pending only, in the future, at most a year
 * ahead) are the orders collection's (`holdUnpaidStock`), so the admin form follows them too; the order
 * is locked while they are checked, so a sweep that expires it at the same moment wins or loses whole.
 */
export const paymentDueEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      if (!isStaffUser(config.roles, req.user)) throw new CheckoutError('Only staff can change when an order’s payment is due.', 403)
      const id = orderIdParam(req)
      const { dueAt } = await readBody(req, paymentDueBodySchema, 'Send { "dueAt": a date and time in ISO 8601, such as 2026-12-24T18:00:00Z }.')
      const order = await req.payload.update({
        collection: config.slugs.orders,
        context: { requireStatus: 'pending' },
        data: { payment: { dueAt } },
        depth: 0,
        id,
        overrideAccess: true,
        req,
      })
      return Response.json({ order })
    } catch (error) {
      return orderEndpointError(error, 'The order is no longer pending, so its payment due time cannot change.')
    }
  },
  method: 'post',
  path: '/:id/payment-due',
})
