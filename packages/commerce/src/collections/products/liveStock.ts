import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { StockTables } from '../../inventory/stock'

import { transactionSql } from '../../database'

/** A product's live stock: its own row's, and each live variant row's by id (with SKUs, for the ledger). */
export type LiveStock = { sku: string; stock: number; variants: Map<string, { sku: string; stock: number }> }

/**
 * The stock levels in the live rows (`products.stock`, `products_variants.stock`) of the given products,
 * in the request's transaction. These rows are the source of truth: checkouts and returns move them,
 * never the product's versions.
 */
export const readLiveStock = async (req: PayloadRequest, t: StockTables, ids: number[]): Promise<Map<number, LiveStock>> => {
  const result = new Map<number, LiveStock>()
  if (ids.length === 0) return result
  const db = await transactionSql(req)
  const list = sql.join(ids.map((id) => sql`${id}`), sql`, `)
  // One round trip for both tables (a save reads them once or twice; an import saves thousands).
  const { rows } = await db.execute<{ parent: number; sku: string; stock: number | string; variant: null | string }>(sql`
    select id as parent, null::varchar as variant, sku, stock from ${sql.identifier(t.products)} where id in (${list})
    union all
    select _parent_id, id, sku, stock from ${sql.identifier(t.variants)} where _parent_id in (${list})`)
  for (const row of rows) if (row.variant === null) result.set(Number(row.parent), { sku: row.sku, stock: Number(row.stock), variants: new Map() })
  for (const row of rows) if (row.variant !== null) result.get(Number(row.parent))?.variants.set(row.variant, { sku: row.sku, stock: Number(row.stock) })
  return result
}
