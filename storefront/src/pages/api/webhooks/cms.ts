import type { APIRoute } from 'astro'

import { invalidationTagsFor } from '../../../domains/catalogue/invalidationTags'
import { liveUpdatesFor } from '../../../domains/live/liveUpdates'
import { type EffectsOf, receiveWebhook } from '../../../platform/webhooks/receiveWebhook.server'

/** What a CMS event changes in the shop: the catalogue pages that show it, and the live pages that follow it. */
const effectsOf: EffectsOf = (event) => ({ live: liveUpdatesFor(event), tags: invalidationTagsFor(event) })

/** CMS change notifications (Standard Webhooks): cache invalidation and live updates. */
export const POST: APIRoute = (context) => receiveWebhook(context, effectsOf)
