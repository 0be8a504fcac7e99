import type { TaskConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { runProductImport } from './runProductImport'

export const IMPORT_TASK = 'importProducts'
export const IMPORT_QUEUE = 'imports'

/** The Payload task that runs one product import (`runProductImport`); it records its own failure. */
export const importProductsTask = (config: SanitizedCommercePluginConfig): TaskConfig => ({
  slug: IMPORT_TASK,
  handler: async ({ input, req }) => {
    const importId = Number((input as { importId?: unknown }).importId)
    if (!Number.isSafeInteger(importId)) throw new Error('importProducts: the job has no import id')
    await runProductImport(req.payload, config, importId)
    return { output: {} }
  },
  inputSchema: [{ name: 'importId', type: 'number', required: true }],
  label: 'Import products',
  // Re-running is safe (products are matched by SKU) but would repeat every stock edit in the ledger.
  retries: 0,
})
