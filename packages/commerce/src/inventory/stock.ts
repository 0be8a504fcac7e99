import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { AuditActor } from '../audit/auditActor'
import type { CommerceSlugs } from '../types'
import type { StockActorType, StockMovementReason } from './movementReasons'

import { auditActorOf, requestIdOf } from '../audit/auditActor'
import { auditRowsSql } from '../audit/record'
import { type Sql, type SQL, tableOf, transactionSql } from '../database'

/** A quantity of one product, or of one of its variants (by the variant row's id). */
export type StockLine = { product: number; quantity: number; variant?: null | string }

/** A line checkout could not take, with what was available when it asked. */
export type Shortage = StockLine & { available: number }

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

export type StockTables = { audit: string; movements: string; products: string; productsSlug: string; variants: string }

export type StockSlugs = Pick<CommerceSlugs, 'auditLog' | 'products' | 'stockMovements'>

/** The tables that hold stock: the product's row, its variants' rows, the ledger beside them and the audit log. */
export const stockTables = (req: PayloadRequest, slugs: StockSlugs): StockTables => {
  const products = tableOf(req, slugs.products)
  return { audit: tableOf(req, slugs.auditLog), movements: tableOf(req, slugs.stockMovements), products, productsSlug: slugs.products, variants: `${products}_variants` }
}

/** Who the audit log names for a stock move, and the request's id. */
export type StockAudit = { actor: AuditActor; requestId: null | string }

/**
 * The audit entries of the ledger rows a statement just wrote (the CTE `logged`, which returns
 * `product_id, variant_id, sku, delta, stock_after, reason, order_id`): one `stock` entry per move on
 * its product, with the level before and after. A CTE body, so the entries are part of the statement
 * that moves the stock.
 */
export const ledgerAuditSql = (t: StockTables, audit: StockAudit): SQL =>
  auditRowsSql(t.audit, { ...audit, collection: t.productsSlug, operation: 'stock' }, sql`
    select l.product_id::text as document_id, l.sku::text as document_title,
      jsonb_build_array(jsonb_build_object('field', case when l.variant_id is null then 'stock' else 'variants[' || l.sku || '].stock' end,
        'before', l.stock_after - l.delta, 'after', l.stock_after)) as changes,
      l.reason::text || coalesce(', order ' || l.order_id, '') as note
    from logged l`)

const LOGGED_COLUMNS = sql`returning product_id, variant_id, sku, delta, stock_after, reason, order_id`

const id = sql.identifier

/** The audit actor and request id of a stock move made in `req`. */
export const stockAuditOf = (req: PayloadRequest): StockAudit => ({ actor: auditActorOf(req), requestId: requestIdOf(req) })

/**
 * The movement the ledger records for the rows a stock statement `moved` (`id, variant, sku, stock`),
 * for an order given by id or by a query (the order written in the same statement).
 */
const logged = (t: StockTables, delta: number | SQL, movement: Omit<Movement, 'order'> & { order?: null | number | SQL }): SQL => sql`
  insert into ${id(t.movements)} (product_id, variant_id, sku, delta, stock_after, reason, order_id, actor_id, actor_type)
  select id, variant, sku, ${typeof delta === 'number' ? sql`${delta}::numeric` : delta}, stock, ${movement.reason}::${id(`enum_${t.movements}_reason`)},
    ${typeof movement.order === 'object' && movement.order !== null ? sql`(${movement.order})` : sql`${movement.order ?? null}::integer`},
    ${movement.actor ?? null}::integer, ${movement.actorType}::${id(`enum_${t.movements}_actor_type`)}
  from moved
  ${LOGGED_COLUMNS}`

/**
 * One statement that moves a line's stock by `delta` (only while it stays ≥ 0) and records the move in
 * the ledger: both or neither.
 */
const move = async (db: Sql, t: StockTables, line: StockLine, delta: number, movement: Movement, audit: StockAudit): Promise<StockChange | undefined> => {
  const change = line.variant
    ? sql`
        update ${id(t.variants)} set stock = stock + ${delta}::numeric
        where id = ${line.variant} and _parent_id = ${line.product} and stock + ${delta}::numeric >= 0
        returning _parent_id as id, id as variant, sku, stock`
    : sql`
        update ${id(t.products)} set stock = stock + ${delta}::numeric
        where id = ${line.product} and stock + ${delta}::numeric >= 0
        returning id, null::varchar as variant, sku, stock`
  const { rows } = await db.execute<{ sku: string; stock: number | string }>(
    sql`with moved as (${change}), logged as (${logged(t, delta, movement)}), audited as (${ledgerAuditSql(t, audit)}) select sku, stock from moved`,
  )
  const row = rows[0]
  return row && { delta, product: line.product, sku: row.sku, stock: Number(row.stock), variant: line.variant ?? null }
}

/**
 * Locks the product's row, in a statement of its own, before its variants' stock moves. An editor's
 * save holds the same lock (`stockEdits.ts`) while Payload rewrites the variant rows, so a move waits
 * for it; and because the move is a later statement, it sees the rows that save wrote.
 */
export const lockProduct = (db: Sql, t: StockTables, product: number) =>
  db.execute(sql`select 1 from ${id(t.products)} where id = ${product} for update`)

/** Locks rows in one global order (product, then variant), so two multi-line orders never deadlock. */
const inLockOrder = (lines: StockLine[]) =>
  lines
    .map((line, index) => ({ index, line }))
    .sort((a, b) => a.line.product - b.line.product || String(a.line.variant ?? '').localeCompare(String(b.line.variant ?? '')))

/**
 * A line's stock as `products` and `variants` (tables, or the CTEs that locked their rows: both have
 * `id, _status, stock` and `id, _parent_id, stock`) show it: the product's own level, or its variant's,
 * and nothing while the product is not published. `n` is the line (`product, variant`).
 */
const availableSql = (products: SQL, variants: SQL): SQL => sql`coalesce(case when n.variant is null
    then (select lp.stock from ${products} lp where lp.id = n.product and lp._status = 'published')
    else (select lv.stock from ${variants} lv where lv.id = n.variant and lv._parent_id = n.product
      and exists (select 1 from ${products} lp where lp.id = n.product and lp._status = 'published')) end, 0)`

/** The lines a stock statement takes, numbered from 1 in the order given: `need (ord, product, variant, quantity)`. */
export const stockNeedCte = (lines: StockLine[]): SQL => {
  const needs = lines.map((line, index) => sql`(${index + 1}::integer, ${line.product}::integer, ${line.variant ?? null}::varchar, ${line.quantity}::numeric)`)
  return sql`need (ord, product, variant, quantity) as (values ${sql.join(needs, sql`, `)})`
}

/**
 * The common table expressions that take every line's stock inside one statement, all lines or none,
 * after `stockNeedCte` has listed the lines as `need`. First, without locking anything, `hopeful`
 * asks whether the statement's snapshot has every line (and the caller's `allowed` holds, such as the
 * lines being priced): when not, the order is refused with those levels and no row is locked or
 * written, so a sold-out product's refusals never queue for its row lock. Otherwise `locked_products`
 * locks the lines' products (in id order, so two orders never deadlock; an editor's save holds the same
 * lock, see `lockProduct`), then `locked_variants` their variant rows; both read the rows' latest
 * committed stock, which `levels` compares with what each line needs. Only when every line can be had
 * (`ok`) do `took_products`/`took_variants` take it, a product only while it is published; `moved` lists
 * what was taken (`id, variant, sku, stock, quantity`). The caller's statement builds on these names (the
 * order, the ledger, the events) and reads `ok` and `levels` to learn what happened. Run as one
 * autocommitted statement, the rows stay locked only while the server runs it and commits: no round
 * trip to the application while they are held.
 */
export const stockTakeCtes = (t: StockTables, allowed: SQL = sql`true`): SQL => {
  const tables = { products: sql`${id(t.products)}`, variants: sql`${id(t.variants)}` }
  return sql`
    hopeful as (select (${allowed}) and bool_and(${availableSql(tables.products, tables.variants)} >= n.quantity) as hopeful from need n),
    locked_products as (
      select p.id, p._status, p.stock from ${tables.products} p
      where p.id in (select product from need) and (select hopeful from hopeful) order by p.id for update),
    locked_variants as (
      select v.id, v._parent_id, v.stock from ${tables.variants} v
      where v.id in (select variant from need where variant is not null) and (select count(*) from locked_products) >= 0
        and (select hopeful from hopeful)
      order by v._parent_id, v.id for update),
    levels as (
      select n.product, n.variant, n.quantity, case when (select hopeful from hopeful)
        then ${availableSql(sql`locked_products`, sql`locked_variants`)}
        else ${availableSql(tables.products, tables.variants)} end as available
      from need n),
    ok as (select (select hopeful from hopeful) and bool_and(available >= quantity) as ok from levels),
    took_products as (
      update ${tables.products} p set stock = p.stock - n.quantity from need n
      where n.variant is null and p.id = n.product and (select ok from ok)
      returning p.id, null::varchar as variant, p.sku, p.stock, n.quantity),
    took_variants as (
      update ${tables.variants} v set stock = v.stock - n.quantity from need n
      where n.variant is not null and v.id = n.variant and v._parent_id = n.product and (select ok from ok)
      returning v._parent_id as id, v.id as variant, v.sku, v.stock, n.quantity),
    moved as (select * from took_products union all select * from took_variants)`
}

/**
 * The ledger entries, one per row in `moved`, for the order whose id `order` selects: a CTE body for the
 * statement that `stockTakeCtes` starts.
 */
export const ledgerOfTakeSql = (t: StockTables, order: SQL, movement: Omit<Movement, 'order'>): SQL => logged(t, sql`-quantity`, { ...movement, order })

/**
 * Puts an order's stock back (payment failed, cancelled, refunded, expired), in the request's
 * transaction, with a ledger entry per line carrying `movement.reason`. The caller makes sure it runs
 * once per order (the status workflow locks the order and moves it to a final status).
 */
export const returnStock = async (req: PayloadRequest, slugs: StockSlugs, lines: StockLine[], movement: Movement): Promise<StockChange[]> => {
  const db = await transactionSql(req)
  const t = stockTables(req, slugs)
  const changes: StockChange[] = []
  const audit = stockAuditOf(req)
  for (const { line } of inLockOrder(lines)) {
    await lockProduct(db, t, line.product)
    const change = await move(db, t, line, line.quantity, movement, audit)
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
  await db.execute(sql`with moved (id, variant, sku, delta, stock) as (values ${sql.join(rows, sql`, `)}),
    logged as (
      insert into ${id(t.movements)} (product_id, variant_id, sku, delta, stock_after, reason, order_id, actor_id, actor_type)
      select id, variant, sku, delta, stock, ${movement.reason}::${id(`enum_${t.movements}_reason`)}, null, ${movement.actor ?? null}::integer,
        ${movement.actorType}::${id(`enum_${t.movements}_actor_type`)}
      from moved
      ${LOGGED_COLUMNS}),
    audited as (${ledgerAuditSql(t, stockAuditOf(req))})
    select 1`)
}
