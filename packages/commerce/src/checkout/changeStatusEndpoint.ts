import { APIError, type Endpoint } from 'payload'
import { z } from 'zod'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffUser } from '../access/roles'
import { ORDER_STATUSES } from '../collections/orders/statuses'
import { orderEndpointError, orderIdParam, readBody } from './endpointRequest'
import { findReadableOrder, ownedByCaller } from './ownedByCaller'
import { CheckoutError } from './errors'

/** What `POST /orders/:id/status` accepts (also the source of its OpenAPI description). */
export const changeStatusBodySchema = z.object({
  note: z.string().trim().max(500).optional(),
  status: z.enum(ORDER_STATUSES),
})

/**
 * `POST /orders/:id/status` `{ status, note? }`: staff move an order along its workflow; a customer
 * (or a guest with the order's token) may cancel their own order while it is pending; an order email's
 * link token opens the order for reading only, and cancels nothing. The workflow
 * itself — allowed transitions, history, restocking — is enforced on the collection for every path.
 */
export const changeStatusEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      const id = orderIdParam(req)
      const { note, status } = await readBody(req, changeStatusBodySchema, `Send { "status": one of ${ORDER_STATUSES.join(', ')}, "note"?: text }.`)

      // Whoever may read the order (owner, guest token, staff) may ask; what they may ask differs.
      const found = await findReadableOrder(req, config.slugs.orders, id)
      const staff = isStaffUser(config.roles, req.user)
      if (!staff && !ownedByCaller(req, found, id)) throw new CheckoutError('An order link only shows the order; sign in, or use the browser it was placed in, to change it.', 403)
      if (!staff && status !== 'cancelled') throw new CheckoutError('Only staff can change an order’s status; you may cancel it.', 403)

      const order = await req.payload.update({
        collection: config.slugs.orders,
        // Checked by the workflow after it locks the order, so a concurrent payment cannot slip in; the
        // workflow refunds a paid order's money only then (see `enforceStatusWorkflow`).
        context: { requireStatus: staff ? undefined : 'pending', statusChange: status, statusNote: note },
        data: { status },
        depth: 0,
        id,
        overrideAccess: true,
        req,
      })
      return Response.json({ order })
    } catch (error) {
      // The workflow's own 409 says why when it can (already paid, shipped…).
      return orderEndpointError(error, error instanceof APIError && error.isPublic ? error.message : 'You can cancel an order only while it is pending.')
    }
  },
  method: 'post',
  path: '/:id/status',
})
