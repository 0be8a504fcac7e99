import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isStaffUser } from '../../access/roles'
import { drainTarget } from '../../webhooks/deliver'

const problem = (message: string, status: number) => Response.json({ errors: [{ message }] }, { status })

/**
 * `POST /webhook-deliveries/:id/redeliver` (staff): sends a delivery again now, with the same
 * `webhook-id` and body, so a receiver that already has it can tell. It takes its place at the head of
 * its receiver's queue; the answer is the delivery after that attempt.
 */
export const redeliverEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    if (!req.user) return problem('Sign in as staff to redeliver webhooks.', 401)
    if (!isStaffUser(req.user)) return problem('Only staff can redeliver webhooks.', 403)
    const id = Number(req.routeParams?.id)
    if (!Number.isSafeInteger(id) || id <= 0) return problem('Unknown delivery.', 404)
    const collection = config.slugs.webhookDeliveries
    const delivery = (await req.payload.findByID({ collection, depth: 0, disableErrors: true, id, overrideAccess: true, showHiddenFields: true })) as {
      leaseUntil?: null | string
      target: string
    } | null
    if (!delivery) return problem('Unknown delivery.', 404)
    if (delivery.leaseUntil && new Date(delivery.leaseUntil) > new Date()) {
      return problem('This delivery is being sent right now; look again in a moment.', 409)
    }
    await req.payload.update({
      collection,
      data: { nextAttemptAt: new Date().toISOString(), status: 'pending' },
      depth: 0,
      id,
      overrideAccess: true,
    })
    await drainTarget(req.payload, config, delivery.target)
    const doc = await req.payload.findByID({ collection, depth: 0, id, overrideAccess: false, req })
    return Response.json({ doc }, { status: 200 })
  },
  method: 'post',
  path: '/:id/redeliver',
})
