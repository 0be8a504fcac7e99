/** The Payload jobs queue and task that send webhooks. */
export const WEBHOOK_QUEUE = 'webhooks'
export const WEBHOOK_TASK = 'deliverWebhooks'

/** The delivery target of the storefront endpoint configured from the environment. */
export const STOREFRONT_TARGET = 'storefront'

/** What every `webhook-endpoints` record's delivery target starts with, before its id. */
export const ENDPOINT_TARGET_PREFIX = 'endpoint:'

/** The delivery target of a `webhook-endpoints` record. */
export const endpointTarget = (id: number): string => `${ENDPOINT_TARGET_PREFIX}${id}`

/** The delivery target of the in-process receiver (`webhooks.inProcess`: the shop's emails). */
export const IN_PROCESS_TARGET = 'in-process'
