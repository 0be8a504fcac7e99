import type { APIRoute } from 'astro'

import { receiveWebhook } from '../../../features/webhooks/receiveWebhook.server'

/** CMS change notifications (Standard Webhooks): cache invalidation and live updates. */
export const POST: APIRoute = (context) => receiveWebhook(context)
