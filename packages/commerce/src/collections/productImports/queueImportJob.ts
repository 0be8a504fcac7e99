import type { CollectionAfterChangeHook } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { IMPORT_QUEUE, IMPORT_TASK } from '../../csv/importTask'
import { queueJobRunAfterCommit } from '../../webhooks/afterCommit'

/**
 * Queues the import's job in the upload's transaction (so the job exists only if the upload is
 * saved) and runs it in this process as soon as that commits. The upload's response does not wait
 * for it: the import document shows the progress.
 */
export const queueImportJob =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    if (operation !== 'create' || config.disabled) return doc
    await queueJobRunAfterCommit(req, { input: { importId: Number(doc.id) }, queue: IMPORT_QUEUE, task: IMPORT_TASK }, `Could not run the product import ${doc.id}`)
    return doc
  }
