import type { APIRoute } from 'astro'

import { receiveWebhook } from '../../../platform/webhooks/receiveWebhook.server'

/** CMS change notifications (Standard Webhooks): cache invalidation and live updates. */
export const POST: APIRoute = (context) => receiveWebhook(context)
