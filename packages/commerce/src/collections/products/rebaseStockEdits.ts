import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook, NumberField } from 'payload'

import type { CommerceSlugs, RoleNames } from '../../types'

import { isStaffField } from '../../access/isStaffField'
import { transactionSql } from '../../database'
import { lockProduct, stockTables } from '../../inventory/stock'
import { type LiveStock, readLiveStock } from './liveStock'

/**
 * `stockSeen`, beside every stock field: the stock the editor's form showed when it opened. Virtual
 * and hidden, so the admin form carries it back on save; staff only. API clients may send it too, to
 * make a stock edit relative to what they read; without it a stock value is taken as it is.
 */
export const stockSeenField = (roles: RoleNames): NumberField => ({
  name: 'stockSeen',
  type: 'number',
  access: { create: isStaffField(roles), read: isStaffField(roles), update: isStaffField(roles) },
  admin: { disableListColumn: true, disableListFilter: true, hidden: true },
  hooks: {
    // The value the document holds as read; a draft read gets the live level (`overlayLiveStock`).
    afterRead: [({ findMany, siblingData }) => (findMany ? undefined : (siblingData as { stock?: unknown }).stock)],
  },
  virtual: true,
})

type StockRow = { stock?: unknown; stockSeen?: unknown }
type VariantRow = StockRow & { id?: unknown }

const SUBMITTED = 'stock:submitted'

/**
 * Keeps the stock values the client really sent. By the time `beforeChange` runs, Payload has filled
 * what the request left out from the product's latest version, whose stock (and `stockSeen`) is a copy
 * from when that version was saved; only the request itself tells a sent value from a filled one.
 */
export const captureSubmittedStock: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'update' || operation === 'updateByID') req.context[SUBMITTED] = (args as { data?: unknown }).data ?? {}
  return args
}

/** Where `recordStockEdits` finds the live levels this save started from. */
export const liveBeforeKey = (id: number) => `stock:liveBefore:${id}`

const seenOf = (row: StockRow): number | undefined => (typeof row.stockSeen === 'number' && Number.isInteger(row.stockSeen) ? row.stockSeen : undefined)

/**
 * The level a save sets: the submitted value moved by what happened since the form saw `seen` (never
 * below zero); the submitted value as it is without `seen`; the live level when nothing was submitted.
 */
const target = (row: StockRow, sent: StockRow | undefined, current: number | undefined): unknown => {
  if (current === undefined) return row.stock
  if (typeof sent?.stock !== 'number') return current
  const seen = seenOf(sent)
  return seen === undefined || seen === current ? sent.stock : Math.max(0, sent.stock + current - seen)
}

/**
 * Keeps an editor's save from undoing what sold while their form was open. A form opened at stock 5
 * and saved after two checkouts took the stock to 3 would write 5 back: the shop would sell two units
 * it does not have. Instead the submitted value is moved by the same amount the stock moved: an
 * untouched 5 saves as 3, and 5 → 8 (three units received) saves as 6. The same holds per variant.
 * A save that sends no stock (a PATCH of the title, or a draft Payload fills from the product's latest
 * version) keeps the live level, never the copy in a version.
 *
 * The product row is locked first, so no checkout slips in between this read and the write; the
 * levels are read from the live rows, which are what every stock move changes. `recordStockEdits`
 * then writes the ledger (and, for a draft save, the live level) after Payload has saved.
 */
export const rebaseStockEdits =
  (slugs: Pick<CommerceSlugs, 'auditLog' | 'products' | 'stockMovements'>): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    if (operation !== 'update' || !originalDoc) return data
    const id = Number((originalDoc as { id: unknown }).id)
    const t = stockTables(req, slugs)
    await lockProduct(await transactionSql(req), t, id)
    const live: LiveStock | undefined = (await readLiveStock(req, t, [id])).get(id)
    if (!live) return data
    req.context[liveBeforeKey(id)] = live

    const product = data as StockRow & { variants?: null | VariantRow[] }
    const sent = (req.context[SUBMITTED] ?? data) as StockRow & { variants?: unknown }
    const sentVariants = new Map(
      (Array.isArray(sent.variants) ? (sent.variants as VariantRow[]) : []).flatMap((row) => (typeof row?.id === 'string' ? [[row.id, row] as const] : [])),
    )
    product.stock = target(product, sent, live.stock)
    // Rows the save did not send are filled by Payload from the latest version, whose stock is a copy
    // from when it was saved: send them with the live levels instead.
    const rows = Array.isArray(product.variants) ? product.variants : ((originalDoc as { variants?: null | VariantRow[] }).variants ?? [])
    if (rows.length > 0 || Array.isArray(product.variants)) {
      product.variants = rows.map((row) => {
        const known = typeof row.id === 'string'
        return { ...row, stock: target(row, known ? sentVariants.get(String(row.id)) : row, known ? live.variants.get(String(row.id))?.stock : undefined) }
      })
    }
    return data
  }
