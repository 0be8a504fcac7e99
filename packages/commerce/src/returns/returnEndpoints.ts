import { createHash } from 'node:crypto'

import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffUser } from '../access/roles'
import { orderIdParam, readBody } from '../checkout/endpointRequest'
import { CheckoutError } from '../checkout/errors'
import { findReadableOrder, ownedByCaller } from '../checkout/ownedByCaller'
import { newRecordId } from './refundContext'
import { refundError, refundOf, returnDecisionBodySchema, returnRequestBodySchema, runOrderRefundOperation } from './refundEndpoint'

/**
 * `POST /orders/:id/returns` `{ lines: [{ item, quantity }], reason }`: a customer asks to send back
 * lines of her delivered order (signed in, or a guest with the checkout's order token; an email's
 * read-only link token is not enough). 404 for an order she cannot see, 403 for one that is not hers,
 * 409 when it is not delivered, 400 for a quantity beyond what was bought, refunded or already asked back.
 */
export const requestReturnEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      const id = orderIdParam(req)
      const { lines, reason } = await readBody(req, returnRequestBodySchema, 'Send { "lines": [{ "item": order line id, "quantity": whole number ≥ 1 }], "reason": text up to 500 characters }.')
      const found = await findReadableOrder(req, config.slugs.orders, id)
      if (!ownedByCaller(req, found, id)) throw new CheckoutError('Only the order’s customer can ask to return it.', 403)
      const requestId = newRecordId()
      const order = await runOrderRefundOperation(req, config, id, { kind: 'requestReturn', lines, reason, requestId })
      return Response.json({ order, returnRequest: order.returnRequests?.find((entry) => entry.id === requestId) }, { status: 201 })
    } catch (error) {
      return refundError(error, 'The order changed meanwhile; reload it and try again.')
    }
  },
  method: 'post',
  path: '/:id/returns',
})

/**
 * `POST /orders/:id/returns/:returnId` `{ decision: accept | reject, note?, amount? }`: staff settle a
 * return request. Accepting refunds its lines (their price, or `amount`) through the provider and puts
 * them back on sale; rejecting records the note. 409 when it was already settled.
 */
export const decideReturnEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    try {
      if (!isStaffUser(config.roles, req.user)) throw new CheckoutError('Only staff can accept or reject a return.', 403)
      const id = orderIdParam(req)
      const returnRequest = String(req.routeParams?.returnId ?? '')
      if (!/^[0-9a-f]{24}$/.test(returnRequest)) throw new CheckoutError('This order has no such return request.', 404)
      const { amount, decision, note } = await readBody(req, returnDecisionBodySchema, 'Send { "decision": "accept" or "reject", "note"?: text, "amount"?: minor units ≥ 1 (accept only) }.')
      if (decision === 'reject') {
        if (amount !== undefined) throw new CheckoutError('A rejected return refunds nothing: leave out the amount.', 400)
        const order = await runOrderRefundOperation(req, config, id, { kind: 'rejectReturn', note, returnRequest })
        return Response.json({ order })
      }
      // From the request (accepted once at most): a retry after the provider did not answer asks it with
      // the same key, so it refunds once.
      const refundId = createHash('sha256').update(`return:${id}:${returnRequest}`).digest('hex').slice(0, 24)
      const order = await runOrderRefundOperation(req, config, id, { amount, kind: 'acceptReturn', note, refundId, returnRequest })
      return Response.json({ order, refund: refundOf(order, refundId) })
    } catch (error) {
      return refundError(error, 'The order changed meanwhile; reload it and try again.')
    }
  },
  method: 'post',
  path: '/:id/returns/:returnId',
})
