import type { CollectionBeforeChangeHook, NumberField } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { isStaffField } from '../../access/isStaffField'
import { transactionSql } from '../../database'
import { lockProduct, stockTables } from '../../inventory/stock'

/**
 * `stockSeen`, beside every stock field: the stock the editor's form showed when it opened. Virtual
 * and hidden, so the admin form carries it back on save; staff only. API clients may send it too, to
 * make a stock edit relative to what they read; without it a stock value is taken as it is.
 */
export const stockSeenField = (): NumberField => ({
  name: 'stockSeen',
  type: 'number',
  access: { create: isStaffField, read: isStaffField, update: isStaffField },
  admin: { disableListColumn: true, disableListFilter: true, hidden: true },
  hooks: {
    // The value the document holds as read (the latest version's, which checkouts keep current).
    afterRead: [({ findMany, siblingData }) => (findMany ? undefined : (siblingData as { stock?: unknown }).stock)],
  },
  virtual: true,
})

type StockRow = { stock?: unknown; stockSeen?: unknown }
type VariantRow = StockRow & { id?: unknown }

const seenOf = (row: StockRow): number | undefined => (typeof row.stockSeen === 'number' && Number.isInteger(row.stockSeen) ? row.stockSeen : undefined)

/** `submitted` moved by what happened to the stock since the form saw `seen` (never below zero). */
const rebase = (submitted: unknown, seen: number, current: number | undefined): unknown =>
  typeof submitted === 'number' && current !== undefined && current !== seen ? Math.max(0, submitted + current - seen) : submitted

/**
 * Keeps an editor's save from undoing what sold while their form was open. A form opened at stock 5
 * and saved after two checkouts took the stock to 3 would write 5 back: the shop would sell two units
 * it does not have. Instead the submitted value is moved by the same amount the stock moved: an
 * untouched 5 saves as 3, and 5 → 8 (three units received) saves as 6. The same holds per variant.
 *
 * The product row is locked first, so no checkout slips in between this read and the write; the
 * current values are read from the latest version, which every stock move keeps in step with the
 * live row and which is what the form was loaded from (a draft included).
 */
export const rebaseStockEdits =
  (productsSlug: string): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    const product = data as StockRow & { variants?: VariantRow[] | null }
    const variants = Array.isArray(product.variants) ? product.variants : []
    const productSeen = seenOf(product)
    if (operation !== 'update' || !originalDoc || (productSeen === undefined && !variants.some((row) => seenOf(row) !== undefined))) return data

    const id = Number((originalDoc as { id: unknown }).id)
    const db = await transactionSql(req)
    const t = stockTables(req, productsSlug)
    await lockProduct(db, t, id)
    const versions = sql.identifier(t.versions)
    const { rows: [latest] } = await db.execute<{ stock: null | number | string }>(
      sql`select version_stock as stock from ${versions} where parent_id = ${id} and latest order by id desc limit 1`,
    )
    const { rows: variantRows } = await db.execute<{ id: string; stock: number | string }>(sql`
      select vv._uuid as id, vv.stock from ${sql.identifier(t.versionVariants)} vv
      join ${versions} v on v.id = vv._parent_id
      where v.parent_id = ${id} and v.latest`)
    const currentVariant = new Map(variantRows.map((row) => [row.id, Number(row.stock)]))

    if (productSeen !== undefined) product.stock = rebase(product.stock, productSeen, latest?.stock === null || latest === undefined ? undefined : Number(latest.stock))
    for (const row of variants) {
      const seen = seenOf(row)
      if (seen !== undefined && typeof row.id === 'string') row.stock = rebase(row.stock, seen, currentVariant.get(row.id))
    }
    return data
  }
