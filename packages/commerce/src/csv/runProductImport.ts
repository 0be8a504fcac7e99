import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload, TypedUser } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { analyzeDatabase } from '../analyzeDatabase'
import { categoryIdsByPath } from './categoryPaths'
import { PRODUCT_COLUMNS } from './productColumns'
import { type NumberedRow, productImportItems, type RowError } from './productImportItems'
import { ERROR_COLUMNS, readProductCsv } from './readProductCsv'
import { trackImport } from './runningImports'
import { upsertProducts } from './upsertProducts'
import { csvText } from './writeCsv'

/** What a `product-imports` document holds for the job (the CSV and who uploaded it are never sent to clients). */
type ImportDoc = { createdBy?: null | number | TypedUser; id: number; source?: null | string }

/** The errors file: each failed row as it was, after its row number, column and message. */
export const errorsCsv = (errors: readonly RowError[], rows: readonly NumberedRow[]): string => {
  const cellsByRow = new Map(rows.map((row) => [row.row, row.cells]))
  return csvText(
    [...ERROR_COLUMNS, ...PRODUCT_COLUMNS],
    errors.map((error) => {
      const cells = cellsByRow.get(error.row)
      return [String(error.row), error.column, error.message, ...PRODUCT_COLUMNS.map((column) => cells?.[column] ?? '')]
    }),
  )
}

/** Products between two progress records. */
const IMPORT_BATCH = 200
/** Products saved between two refreshes of the planner statistics. */
const ANALYZE_EVERY = 2000

/** Saves at once: the pool's size minus two (one connection Payload holds, one to spare), 1–8. */
export const importConcurrency = (payload: Payload): number => {
  const poolMax = (payload.db as unknown as Partial<PostgresAdapter>).poolOptions?.max ?? 10
  return Math.max(1, Math.min(8, poolMax - 2))
}

/**
 * The `importProducts` job: reads an uploaded product CSV, saves its products by SKU through the
 * bulk path (`upsertProducts`) as the staff member who uploaded it, records progress on the import
 * document after every batch, and ends with its counts and the errors file.
 */
export const runProductImport = (payload: Payload, config: SanitizedCommercePluginConfig, importId: number): Promise<void> =>
  trackImport(payload, (stopping) => importProducts(payload, config, importId, stopping))

const importProducts = async (payload: Payload, config: SanitizedCommercePluginConfig, importId: number, stopping: () => boolean): Promise<void> => {
  const collection = config.slugs.productImports
  const record = (data: Record<string, unknown>) => payload.update({ collection, data, depth: 0, id: importId, overrideAccess: true, select: { status: true } })
  const doc = (await payload.findByID({ collection, depth: 1, id: importId, overrideAccess: true })) as unknown as ImportDoc
  try {
    const rows = readProductCsv(doc.source ?? '')
    const { errors, failedRows, items } = productImportItems(rows, await categoryIdsByPath(payload, config.slugs.categories))
    const failedBefore = new Set(failedRows.map((row) => row.cells.sku || `row ${row.row}`)).size
    const total = items.length + failedBefore
    await record({ failed: failedBefore, processed: failedBefore, status: 'running', total })
    const user = typeof doc.createdBy === 'object' && doc.createdBy ? { ...doc.createdBy, collection: config.slugs.users } : null
    if (!user) throw new Error('The import has no uploader to act as.')
    const result = await upsertProducts(payload, items, {
      batchSize: IMPORT_BATCH,
      collection: config.slugs.products,
      concurrency: importConcurrency(payload),
      context: { auditActor: 'import', importId },
      stopping,
      onBatch: async ({ created, failed, processed, updated }) => {
        await record({ created, failed: failedBefore + failed, processed: failedBefore + processed, updated })
        // Fresh planner statistics as the tables grow (Postgres without autovacuum has none; with it, they lag).
        if (Math.floor(processed / ANALYZE_EVERY) > Math.floor((processed - IMPORT_BATCH) / ANALYZE_EVERY)) await analyzeDatabase(payload)
      },
      user: user as TypedUser,
    })
    if (result.stopped) {
      const saved = failedBefore + result.processed
      await record({
        created: result.created,
        failed: failedBefore + result.failed,
        finishedAt: new Date().toISOString(),
        message: `The CMS was stopped during this import, after ${saved} of ${total} products. Import the same file again to finish: products already imported are updated, never duplicated.`,
        processed: saved,
        status: 'failed',
        updated: result.updated,
      })
      return
    }
    if (result.created + result.updated >= IMPORT_BATCH) await analyzeDatabase(payload)
    const allErrors = [...errors, ...result.errors].sort((a, b) => a.row - b.row)
    await record({
      created: result.created,
      errorRows: allErrors.length,
      errorsCsv: allErrors.length > 0 ? errorsCsv(allErrors, [...failedRows, ...result.failedRows]) : null,
      failed: failedBefore + result.failed,
      finishedAt: new Date().toISOString(),
      processed: total,
      status: 'done',
      updated: result.updated,
    })
  } catch (error) {
    payload.logger.error({ err: error, importId, msg: 'A product import failed' })
    await record({ finishedAt: new Date().toISOString(), message: error instanceof Error ? error.message : String(error), status: 'failed' })
  }
}
