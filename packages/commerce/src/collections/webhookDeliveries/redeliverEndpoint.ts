import type { Endpoint, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isStaffUser } from '../../access/roles'
import { STOREFRONT_TARGET } from '../../webhooks/constants'
import { drainTarget, requeueDeliveries } from '../../webhooks/deliver'

const problem = (message: string, status: number) => Response.json({ errors: [{ message }] }, { status })

/** Staff only: the answer to send when the caller is not, or undefined. */
const refuseNonStaff = (config: SanitizedCommercePluginConfig, req: PayloadRequest): Response | undefined => {
  if (!req.user) return problem('Sign in as staff to redeliver webhooks.', 401)
  if (!isStaffUser(config.roles, req.user)) return problem('Only staff can redeliver webhooks.', 403)
  return undefined
}

/**
 * `POST /webhook-deliveries/:id/redeliver` (staff): sends a delivery again now, with the same
 * `webhook-id` and body, so a receiver that already has it can tell. It takes its place at the head of
 * its receiver's queue with a new round of retries; the answer is the delivery after that attempt.
 */
export const redeliverEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const refused = refuseNonStaff(config, req)
    if (refused) return refused
    const id = Number(req.routeParams?.id)
    if (!Number.isSafeInteger(id) || id <= 0) return problem('Unknown delivery.', 404)
    const collection = config.slugs.webhookDeliveries
    const delivery = (await req.payload.findByID({ collection, depth: 0, disableErrors: true, id, overrideAccess: true })) as { target: string } | null
    if (!delivery) return problem('Unknown delivery.', 404)
    const { count } = await requeueDeliveries(req.payload, config, sql`id = ${id}`)
    if (count === 0) return problem('This delivery is being sent right now; look again in a moment.', 409)
    await drainTarget(req.payload, config, delivery.target)
    const doc = await req.payload.findByID({ collection, depth: 0, id, overrideAccess: false, req })
    return Response.json({ doc }, { status: 200 })
  },
  method: 'post',
  path: '/:id/redeliver',
})

const TARGET_PATTERN = /^(?:storefront|endpoint:[1-9]\d{0,15})$/

/**
 * `POST /webhook-deliveries/recover` (staff) with `{ target, since? }`: after a receiver was down
 * longer than the retries last, sends every delivery it was given up on again (since `since`, an ISO
 * date, or all), oldest first, each with its own `webhook-id` and a new round of retries. Answers 202
 * with how many were queued; the sending goes on in the background, in order.
 */
export const recoverEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const refused = refuseNonStaff(config, req)
    if (refused) return refused
    const body: unknown = await req.json?.().catch(() => undefined)
    const { since, target } = (body && typeof body === 'object' ? body : {}) as { since?: unknown; target?: unknown }
    if (typeof target !== 'string' || !TARGET_PATTERN.test(target)) {
      return problem(`"target" must be "${STOREFRONT_TARGET}" or "endpoint:<id>".`, 400)
    }
    const from = since === undefined || since === null ? undefined : typeof since === 'string' ? new Date(since) : new Date(Number.NaN)
    if (from && Number.isNaN(from.getTime())) return problem('"since" must be a date, such as 2026-11-21T09:00:00Z.', 400)
    if (target !== STOREFRONT_TARGET) {
      // Sending to an endpoint that is gone or switched off would only fail every delivery again.
      const endpoint = (await req.payload.findByID({
        collection: config.slugs.webhookEndpoints,
        depth: 0,
        disableErrors: true,
        id: Number(target.slice('endpoint:'.length)),
        overrideAccess: true,
      })) as { active?: boolean | null } | null
      if (!endpoint) return problem('That webhook endpoint no longer exists.', 404)
      if (!endpoint.active) return problem('That webhook endpoint is inactive: activate it first.', 409)
    } else if (!config.webhooks.storefront) {
      return problem('No storefront webhook is configured (STOREFRONT_WEBHOOK_URL).', 409)
    }
    const { count } = await requeueDeliveries(
      req.payload,
      config,
      sql`target = ${target} and status = 'failed'${from ? sql` and created_at >= ${from.toISOString()}` : sql``}`,
    )
    if (count > 0) {
      // Not awaited: a long backlog would outlast the request. The poller picks up whatever this leaves.
      void drainTarget(req.payload, config, target).catch((error: unknown) => req.payload.logger.error({ err: error, msg: 'Recovering webhook deliveries failed' }))
    }
    return Response.json({ requeued: count }, { status: 202 })
  },
  method: 'post',
  path: '/recover',
})
