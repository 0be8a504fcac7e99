import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { CommerceSlugs } from '../types'
import type { StockActorType, StockMovementReason } from './movementReasons'

import { type Sql, type SQL, tableOf, transactionSql } from '../database'

/** A quantity of one product, or of one of its variants (by the variant row's id). */
export type StockLine = { product: number; quantity: number; variant?: null | string }

export type Shortage = StockLine & { available: number; index: number }

/** What a stock move did to one row: its SKU, the stock after the move and the change (negative when taken). */
export type StockChange = { delta: number; product: number; sku: string; stock: number; variant: null | string }

/** Why a move happened and on whose behalf, as the ledger records it. */
export type Movement = {
  /** The signed-in user who caused it; null for a guest or the shop itself. */
  actor?: null | number
  actorType: StockActorType
  order?: null | number
  reason: StockMovementReason
}

/** Thrown when at least one line cannot be taken; nothing was taken (the caller's transaction rolls back). */
export class OutOfStockError extends Error {
  constructor(readonly shortages: Shortage[]) {
    super(`Not enough stock for ${shortages.length} line(s)`)
    this.name = 'OutOfStockError'
  }
}

export type StockTables = { movements: string; products: string; variants: string }

/** The tables that hold stock: the product's row, its variants' rows, and the ledger beside them. */
export const stockTables = (req: PayloadRequest, slugs: Pick<CommerceSlugs, 'products' | 'stockMovements'>): StockTables => {
  const products = tableOf(req, slugs.products)
  return { movements: tableOf(req, slugs.stockMovements), products, variants: `${products}_variants` }
}

const id = sql.identifier

/** The movement the ledger records for the rows a stock statement `moved` (`id, variant, sku, stock`). */
const logged = (t: StockTables, delta: number | SQL, movement: Movement): SQL => sql`
  insert into ${id(t.movements)} (product_id, variant_id, sku, delta, stock_after, reason, order_id, actor_id, actor_type)
  select id, variant, sku, ${typeof delta === 'number' ? sql`${delta}::numeric` : delta}, stock, ${movement.reason}::${id(`enum_${t.movements}_reason`)},
    ${movement.order ?? null}::integer, ${movement.actor ?? null}::integer, ${movement.actorType}::${id(`enum_${t.movements}_actor_type`)}
  from moved`

/**
 * One statement that moves a line's stock by `delta` (only while it stays ≥ 0, and for a product only
 * while it is published when taking) and records the move in the ledger: both or neither.
 */
const move = async (db: Sql, t: StockTables, line: StockLine, delta: number, movement: Movement): Promise<StockChange | undefined> => {
  const change = line.variant
    ? sql`
        update ${id(t.variants)} set stock = stock + ${delta}::numeric
        where id = ${line.variant} and _parent_id = ${line.product} and stock + ${delta}::numeric >= 0
        returning _parent_id as id, id as variant, sku, stock`
    : sql`
        update ${id(t.products)} set stock = stock + ${delta}::numeric
        where id = ${line.product} and stock + ${delta}::numeric >= 0 ${delta < 0 ? sql`and _status = 'published'` : sql``}
        returning id, null::varchar as variant, sku, stock`
  const { rows } = await db.execute<{ sku: string; stock: number | string }>(
    sql`with moved as (${change}), logged as (${logged(t, delta, movement)}) select sku, stock from moved`,
  )
  const row = rows[0]
  return row && { delta, product: line.product, sku: row.sku, stock: Number(row.stock), variant: line.variant ?? null }
}

/**
 * Locks the product's row, in a statement of its own, before a variant's stock moves. An editor's save
 * holds the same lock (`stockEdits.ts`) while Payload rewrites the variant rows, so a move waits for it;
 * and because the move is the next statement, it sees the rows that save wrote.
 */
export const lockProduct = (db: Sql, t: StockTables, product: number) =>
  db.execute(sql`select 1 from ${id(t.products)} where id = ${product} for update`)

const available = async (db: Sql, t: StockTables, line: StockLine): Promise<number> => {
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
 * Takes every line of products without variants in one statement: line k is taken only once line k-1
 * was (its `exists`), so the rows are locked one after the other in the given order and a short line
 * stops the rest. One round trip instead of one per line, while the rows stay locked until the commit.
 */
const takeProducts = async (db: Sql, t: StockTables, lines: StockLine[], movement: Movement): Promise<StockChange[]> => {
  const steps = lines.map((line, k) => {
    const previous = k === 0 ? sql`` : sql`and exists (select 1 from ${id(`l${k - 1}`)})`
    return sql`${id(`l${k}`)} as (
      update ${id(t.products)} set stock = stock - ${line.quantity}::numeric
      where id = ${line.product} and _status = 'published' and stock - ${line.quantity}::numeric >= 0 ${previous}
      returning id, null::varchar as variant, sku, stock, ${line.quantity}::numeric as quantity)`
  })
  const moved = sql.join(lines.map((_, k) => sql`select * from ${id(`l${k}`)}`), sql` union all `)
  const { rows } = await db.execute<{ id: number | string; quantity: number | string; sku: string; stock: number | string }>(sql`
    with ${sql.join(steps, sql`, `)}, moved as (${moved}), logged as (${logged(t, sql`-quantity`, movement)})
    select id, sku, stock, quantity from moved`)
  return rows.map((row) => ({ delta: -Number(row.quantity), product: Number(row.id), sku: row.sku, stock: Number(row.stock), variant: null }))
}

/**
 * Takes stock for every line, in the request's transaction, or throws `OutOfStockError` naming each
 * short line and what is available. Each line is a single conditional `UPDATE … WHERE stock - n >= 0`
 * with its ledger entry: no read-then-write window, and stock never goes below zero. A product's own
 * row is locked by that update; a variant line locks its product first (see `lockProduct`).
 */
export const takeStock = async (req: PayloadRequest, slugs: Pick<CommerceSlugs, 'products' | 'stockMovements'>, lines: StockLine[], movement: Movement): Promise<StockChange[]> => {
  const db = await transactionSql(req)
  const t = stockTables(req, slugs)
  const ordered = inLockOrder(lines)
  const changes: StockChange[] = []
  if (ordered.every(({ line }) => !line.variant)) {
    changes.push(...(await takeProducts(db, t, ordered.map(({ line }) => line), movement)))
  } else {
    for (const { line } of ordered) {
      if (line.variant) await lockProduct(db, t, line.product)
      const change = await move(db, t, line, -line.quantity, movement)
      if (!change) break
      changes.push(change)
    }
  }
  const shortages: Shortage[] = []
  if (changes.length < lines.length) {
    for (const { index, line } of ordered) {
      if (changes.some((change) => change.product === line.product && change.variant === (line.variant ?? null))) continue
      const left = await available(db, t, line)
      if (left < line.quantity) shortages.push({ ...line, available: left, index })
    }
  }
  if (shortages.length > 0) throw new OutOfStockError(shortages.sort((a, b) => a.index - b.index))
  return changes
}

/**
 * Puts an order's stock back (payment failed, cancelled, refunded, expired), in the request's
 * transaction, with a ledger entry per line carrying `movement.reason`. The caller makes sure it runs
 * once per order (the status workflow locks the order and moves it to a final status).
 */
export const returnStock = async (req: PayloadRequest, slugs: Pick<CommerceSlugs, 'products' | 'stockMovements'>, lines: StockLine[], movement: Movement): Promise<StockChange[]> => {
  const db = await transactionSql(req)
  const t = stockTables(req, slugs)
  const changes: StockChange[] = []
  for (const { line } of inLockOrder(lines)) {
    await lockProduct(db, t, line.product)
    const change = await move(db, t, line, line.quantity, movement)
    // A product or variant deleted since the order has nothing to return to.
    if (change) changes.push(change)
  }
  return changes
}

/** Records moves that already happened to the rows (a staff edit Payload wrote), in the request's transaction. */
export const recordMovements = async (req: PayloadRequest, t: StockTables, changes: StockChange[], movement: Movement): Promise<void> => {
  if (changes.length === 0) return
  const db = await transactionSql(req)
  const rows = changes.map((c) => sql`(${c.product}::integer, ${c.variant}::varchar, ${c.sku}::varchar, ${c.delta}::numeric, ${c.stock}::numeric)`)
  await db.execute(sql`with moved (id, variant, sku, delta, stock) as (values ${sql.join(rows, sql`, `)})
    insert into ${id(t.movements)} (product_id, variant_id, sku, delta, stock_after, reason, order_id, actor_id, actor_type)
    select id, variant, sku, delta, stock, ${movement.reason}::${id(`enum_${t.movements}_reason`)}, null, ${movement.actor ?? null}::integer,
      ${movement.actorType}::${id(`enum_${t.movements}_actor_type`)}
    from moved`)
}
