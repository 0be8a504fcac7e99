import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { type Sql, type SQL, tableOf, transactionSql } from '../database'

/** A quantity of one product, or of one of its variants (by the variant row's id). */
export type StockLine = { product: number; quantity: number; variant?: null | string }

export type Shortage = StockLine & { available: number; index: number }

/** What a stock move did to one row: its SKU, the stock after the move and the change (negative when taken). */
export type StockChange = { delta: number; product: number; sku: string; stock: number; variant: null | string }

/** Thrown when at least one line cannot be taken; nothing was taken (the caller's transaction rolls back). */
export class OutOfStockError extends Error {
  constructor(readonly shortages: Shortage[]) {
    super(`Not enough stock for ${shortages.length} line(s)`)
    this.name = 'OutOfStockError'
  }
}

type Tables = { products: string; variants: string; versionVariants: string; versions: string }

/** The tables that hold a product's stock: its row, its variants, and the copies in its versions. */
export const stockTables = (req: PayloadRequest, productsSlug: string): Tables => {
  const products = tableOf(req, productsSlug)
  return {
    products,
    variants: `${products}_variants`,
    versionVariants: `_${products}_v_version_variants`,
    versions: `_${products}_v`,
  }
}

const id = sql.identifier

/**
 * The statement that moves the copy of the stock in the product's latest version (the one the admin
 * edits) by `delta`, so an editor opening the product sees what is really on hand. `when` gates it,
 * for use inside a statement that first takes the stock.
 */
const latestVersionUpdate = (t: Tables, line: StockLine, delta: number, when: SQL = sql`true`): SQL =>
  line.variant
    ? sql`
        update ${id(t.versionVariants)} vv set stock = vv.stock + ${delta}
        from ${id(t.versions)} v
        where vv._parent_id = v.id and v.parent_id = ${line.product} and v.latest and vv._uuid = ${line.variant} and ${when}`
    : sql`
        update ${id(t.versions)} set version_stock = version_stock + ${delta}
        where parent_id = ${line.product} and latest and ${when}`

/**
 * Locks the product's row, in a statement of its own, before its stock (or a variant's) moves. An
 * editor's save holds the same lock (`rebaseStockEdits`), so a stock move waits for it; and because the
 * move is the next statement, it sees the version that save made latest (a statement that had waited
 * inside would still look at the old one and leave the new version's copy too high).
 */
export const lockProduct = (db: Sql, t: Tables, product: number) => db.execute(sql`select 1 from ${id(t.products)} where id = ${product} for update`)

/**
 * One conditional decrement: succeeds only while enough is on hand, so concurrent buyers cannot oversell.
 * The latest version's copy follows in the same statement (only when the stock was taken).
 */
const decrement = async (db: Sql, t: Tables, line: StockLine): Promise<StockChange | undefined> => {
  await lockProduct(db, t, line.product)
  const take = line.variant
    ? sql`
        update ${id(t.variants)} set stock = stock - ${line.quantity}
        where id = ${line.variant} and _parent_id = ${line.product} and stock >= ${line.quantity}
        returning stock, sku`
    : sql`
        update ${id(t.products)} set stock = stock - ${line.quantity}
        where id = ${line.product} and _status = 'published' and stock >= ${line.quantity}
        returning stock, sku`
  const mirror = latestVersionUpdate(t, line, -line.quantity, sql`exists (select 1 from taken)`)
  const { rows } = await db.execute<{ sku: string; stock: number | string }>(
    sql`with taken as (${take}), mirrored as (${mirror}) select stock, sku from taken`,
  )
  const row = rows[0]
  return row && { delta: -line.quantity, product: line.product, sku: row.sku, stock: Number(row.stock), variant: line.variant ?? null }
}

const available = async (db: Sql, t: Tables, line: StockLine): Promise<number> => {
  const { rows } = line.variant
    ? await db.execute<{ stock: null | number | string }>(
        sql`select stock from ${id(t.variants)} where id = ${line.variant} and _parent_id = ${line.product}`,
      )
    : await db.execute<{ stock: null | number | string }>(sql`select stock from ${id(t.products)} where id = ${line.product}`)
  return Number(rows[0]?.stock ?? 0)
}

/** Locks rows in one global order (product, then variant), so two multi-line orders never deadlock. */
const inLockOrder = (lines: StockLine[]) =>
  lines
    .map((line, index) => ({ index, line }))
    .sort((a, b) => a.line.product - b.line.product || String(a.line.variant ?? '').localeCompare(String(b.line.variant ?? '')))

/**
 * Takes stock for every line, in the request's transaction, or throws `OutOfStockError` naming each
 * short line and what is available. Each line is a single conditional `UPDATE … WHERE stock >= n`:
 * no read-then-write window, and stock never goes below zero.
 */
export const takeStock = async (req: PayloadRequest, productsSlug: string, lines: StockLine[]): Promise<StockChange[]> => {
  const db = await transactionSql(req)
  const t = stockTables(req, productsSlug)
  const shortages: Shortage[] = []
  const changes: StockChange[] = []
  for (const { index, line } of inLockOrder(lines)) {
    const change = await decrement(db, t, line)
    if (change) changes.push(change)
    else shortages.push({ ...line, available: await available(db, t, line), index })
  }
  if (shortages.length > 0) throw new OutOfStockError(shortages.sort((a, b) => a.index - b.index))
  return changes
}

/** Puts stock back (a cancelled or refunded order), in the request's transaction. */
export const returnStock = async (req: PayloadRequest, productsSlug: string, lines: StockLine[]): Promise<StockChange[]> => {
  const db = await transactionSql(req)
  const t = stockTables(req, productsSlug)
  const changes: StockChange[] = []
  for (const { line } of inLockOrder(lines)) {
    await lockProduct(db, t, line.product)
    const { rows } = line.variant
      ? await db.execute<{ sku: string; stock: number | string }>(
          sql`update ${id(t.variants)} set stock = stock + ${line.quantity} where id = ${line.variant} and _parent_id = ${line.product} returning stock, sku`,
        )
      : await db.execute<{ sku: string; stock: number | string }>(
          sql`update ${id(t.products)} set stock = stock + ${line.quantity} where id = ${line.product} returning stock, sku`,
        )
    await db.execute(latestVersionUpdate(t, line, line.quantity))
    const row = rows[0]
    // A product or variant deleted since the order has nothing to return to.
    if (row) changes.push({ delta: line.quantity, product: line.product, sku: row.sku, stock: Number(row.stock), variant: line.variant ?? null })
  }
  return changes
}
