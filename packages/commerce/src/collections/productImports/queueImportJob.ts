import type { CollectionAfterChangeHook } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { IMPORT_QUEUE, IMPORT_TASK } from '../../csv/importTask'
import { perTransaction } from '../../webhooks/afterCommit'

const STARTED = Symbol('product imports queued in this transaction')

/**
 * Queues the import's job in the upload's transaction (so the job exists only if the upload is
 * saved) and runs it in this process as soon as that commits. The upload's response does not wait
 * for it: the import document shows the progress.
 */
export const queueImportJob =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    if (operation !== 'create' || config.disabled) return doc
    const job = await req.payload.jobs.queue({ input: { importId: Number(doc.id) }, queue: IMPORT_QUEUE, req, task: IMPORT_TASK })
    const run = (): void => {
      req.payload.jobs.runByID({ id: job.id, silent: true }).catch((error: unknown) => req.payload.logger.error({ err: error, msg: `Could not run the product import ${doc.id}` }))
    }
    const jobs = await perTransaction(req, STARTED, () => [] as Array<() => void>, (queued) => queued.forEach((start) => start()))
    if (jobs) jobs.push(run)
    else run()
    return doc
  }
