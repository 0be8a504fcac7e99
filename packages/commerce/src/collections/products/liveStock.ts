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
  const { rows } = await db.execute<{ id: number; sku: string; stock: number | string }>(
    sql`select id, sku, stock from ${sql.identifier(t.products)} where id in (${list})`,
  )
  for (const row of rows) result.set(Number(row.id), { sku: row.sku, stock: Number(row.stock), variants: new Map() })
  const { rows: variants } = await db.execute<{ id: string; parent: number; sku: string; stock: number | string }>(
    sql`select _parent_id as parent, id, sku, stock from ${sql.identifier(t.variants)} where _parent_id in (${list})`,
  )
  for (const row of variants) result.get(Number(row.parent))?.variants.set(row.id, { sku: row.sku, stock: Number(row.stock) })
  return result
}
