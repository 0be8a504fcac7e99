import type { PayloadRequest, TaskConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { WEBHOOK_QUEUE, WEBHOOK_TASK } from './constants'
import { drainTarget } from './deliver'

/**
 * Queues "send what is waiting for `target`" in the request's transaction, so the job exists only if
 * the change commits. Payload-level retries are off: each delivery keeps its own schedule (`deliver.ts`).
 */
export const queueDeliveryJob = async (req: PayloadRequest, target: string): Promise<number | string> => {
  const job = await req.payload.jobs.queue({ input: { target }, queue: WEBHOOK_QUEUE, req, task: WEBHOOK_TASK })
  return job.id
}

/** The Payload task that sends a target's waiting deliveries, oldest first. */
export const deliverWebhooksTask = (config: SanitizedCommercePluginConfig): TaskConfig => ({
  slug: WEBHOOK_TASK,
  handler: async ({ input, req }) => {
    const target = (input as { target?: unknown }).target
    if (typeof target !== 'string') throw new Error('deliverWebhooks: the job has no target')
    config.webhooks.onJobRun()
    await drainTarget(req.payload, config, target)
    return { output: {} }
  },
  inputSchema: [{ name: 'target', type: 'text', required: true }],
  label: 'Send webhooks',
  retries: 0,
})
