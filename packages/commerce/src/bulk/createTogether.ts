import { AsyncLocalStorage } from 'node:async_hooks'

import { upsertRow } from '@payloadcms/drizzle'
import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { buildVersionCollectionFields, type CollectionSlug, createLocalReq, type Payload, type PayloadRequest, type RequestContext, type TypedUser } from 'payload'

import { tableOfCollection } from '../database'
import { insertRows } from './insertRows'

/**
 * Many new documents, created through Payload's own create operation (access, every field and
 * collection hook, validation, versions), in ONE transaction, with the database work of all of them
 * coalesced: the creates run side by side, and whenever every one of them waits for the database, the
 * rows they wait to insert go in one multi-row statement per table, and the created documents are read
 * back with one query. A create writes some ten statements and reads its document and its versions back
 * with large relational queries, one create at a time; together, a batch of 200 writes about twenty
 * statements and one read. The documents, versions and everything the hooks write are the same as
 * from creating them one by one (`cms/test/importEquivalence.test.ts` compares every table).
 *
 * How it reaches the database work: the Postgres adapter's `create` and `createVersion` are wrapped
 * (once per adapter) to route requests that belong to a `TogetherBatch` (their context holds it) through
 * Payload's own row writer, `upsertRow`, with an adapter whose `insert` waits for the batch. Every other
 * request goes to the adapter's own methods, untouched. The batch's "versions beyond the limit" lookup
 * for a document it created is answered without a query: a new document has one version.
 */

const BATCH_KEY = 'createTogether:batch'
const INDEX_KEY = 'createTogether:index'

type Adapter = PostgresAdapter
type Db = Adapter['drizzle']
type InsertArgs = { db: Db; onConflictDoUpdate?: unknown; tableName: string; values: Record<string, unknown> | Record<string, unknown>[] }
type Row = Record<string, unknown> & { id: number | string }

type Pending =
  | { db: Db; index: number; kind: 'insert'; reject: (error: unknown) => void; resolve: (rows: Row[]) => void; tableName: string; values: Record<string, unknown>[] }
  | { id: number | string; index: number; kind: 'read'; reject: (error: unknown) => void; req: PayloadRequest; resolve: (doc: Record<string, unknown>) => void; slug: string }
  | { arg: unknown; index: number; key: string; kind: 'call'; reject: (error: unknown) => void; resolve: (result: unknown) => void; run: (args: unknown[]) => Promise<unknown[]> }

/** Rows per insert statement: bounds the size of one statement's JSON. */
const ROWS_PER_STATEMENT = 5000

/**
 * The shared state of one batch: how many of its creates are still running, what they wait for, and
 * which of them wrote (a create that fails after writing spoils the whole transaction).
 */
export class TogetherBatch {
  /** Documents this batch created, as `slug:id`. */
  readonly created = new Set<string>()
  private flushing = false
  private live = 0
  private pending: Pending[] = []
  /** Set when a create failed after it had written, or a statement failed: the transaction must not commit. */
  spoiled: unknown = null
  /** Requests of this batch that reached the database with a write. */
  readonly wrote = new WeakSet<PayloadRequest>()
  constructor(
    readonly adapter: Adapter,
    readonly collection: string,
    readonly transactionID: number | string,
  ) {}

  /**
   * The adapter `upsertRow` writes one create's rows with: the real one, except that `insert` waits for
   * the batch (and knows which create it is for, so the statement keeps the creates' order).
   */
  adapterFor(req: PayloadRequest): Adapter {
    const { adapter } = this
    const index = indexOf(req)
    return Object.create(adapter, {
      insert: {
        value: (args: InsertArgs) => {
          if (args.onConflictDoUpdate) return adapter.insert(args as never)
          const values = Array.isArray(args.values) ? args.values : [args.values]
          return new Promise<Row[]>((resolve, reject) => this.wait({ db: args.db, index, kind: 'insert', reject, resolve, tableName: args.tableName, values }))
        },
      },
    }) as Adapter
  }

  /** A create starts (all of a batch's are counted before any runs, so none is flushed alone). */
  enter(count = 1): void {
    this.live += count
  }

  /** A create has ended, either way. */
  leave(): void {
    this.live -= 1
    this.flushWhenAllWait()
  }

  /** The created document as the adapter's own create returns it, read with the batch's other documents. */
  readBack(req: PayloadRequest, slug: string, id: number | string): Promise<Record<string, unknown>> {
    return new Promise((resolve, reject) => this.wait({ id, index: indexOf(req), kind: 'read', reject, req, resolve, slug }))
  }

  private wait(entry: Pending): void {
    this.pending.push(entry)
    this.flushWhenAllWait()
  }

  private flushWhenAllWait(): void {
    if (this.flushing || this.pending.length === 0 || this.pending.length < this.live) return
    this.flushing = true
    setImmediate(() => {
      void this.flush()
    })
  }

  private async flush(): Promise<void> {
    const entries = this.pending.sort((a, b) => a.index - b.index)
    this.pending = []
    const groups = new Map<string, Pending[]>()
    for (const entry of entries) {
      const key = entry.kind === 'insert' ? `insert:${entry.tableName}` : entry.kind === 'read' ? `read:${entry.slug}` : `call:${entry.key}`
      const group = groups.get(key)
      if (group) group.push(entry)
      else groups.set(key, [entry])
    }
    for (const group of groups.values()) {
      // After a failed statement the transaction takes no more: the rest fail without being sent.
      if (this.spoiled) {
        for (const entry of group) entry.reject(this.spoiled)
        continue
      }
      try {
        const kind = group[0]?.kind
        if (kind === 'insert') await this.insertAll(group as Array<Extract<Pending, { kind: 'insert' }>>)
        else if (kind === 'read') await this.readAll(group as Array<Extract<Pending, { kind: 'read' }>>)
        else await this.callAll(group as Array<Extract<Pending, { kind: 'call' }>>)
      } catch (error) {
        this.spoiled ??= error
        for (const entry of group) entry.reject(error)
      }
    }
    this.flushing = false
    this.flushWhenAllWait()
  }

  /** A call that several creates asked for together (`coalesced`), run once for all their arguments. */
  call<A, R>(req: PayloadRequest, key: string, arg: A, run: (args: A[]) => Promise<R[]>): Promise<R> {
    return new Promise((resolve, reject) =>
      this.wait({ arg, index: indexOf(req), key, kind: 'call', reject, resolve: resolve as (result: unknown) => void, run: run as (args: unknown[]) => Promise<unknown[]> }),
    )
  }

  private async callAll(group: Array<Extract<Pending, { kind: 'call' }>>): Promise<void> {
    const [first] = group
    if (!first) return
    // What `run` itself saves or asks (a job it queues) goes straight to the database: within the
    // flush, waiting for the batch would wait for itself.
    const results = await insideRun.run(true, () => first.run(group.map((entry) => entry.arg)))
    if (results.length !== group.length) throw new Error(`${first.key} answered ${results.length} of ${group.length} calls`)
    group.forEach((entry, index) => entry.resolve(results[index]))
  }

  /** One multi-row insert (a few for many rows) for every create's rows of one table. */
  private async insertAll(group: Array<Extract<Pending, { kind: 'insert' }>>): Promise<void> {
    const [first] = group
    if (!first) return
    const all = group.flatMap((entry) => entry.values)
    const inserted: Row[] = []
    for (let start = 0; start < all.length; start += ROWS_PER_STATEMENT) {
      inserted.push(...(await insertRows(this.adapter, first.db, first.tableName, all.slice(start, start + ROWS_PER_STATEMENT))))
    }
    if (inserted.length !== all.length) throw new Error(`Inserted ${inserted.length} rows into ${first.tableName}, expected ${all.length}`)
    // Postgres returns an INSERT's rows in the order of its VALUES (its SELECT's, here).
    let offset = 0
    for (const entry of group) {
      entry.resolve(inserted.slice(offset, offset + entry.values.length))
      offset += entry.values.length
    }
  }

  /** One query for every created document of one collection, read as the adapter's create reads one back. */
  private async readAll(group: Array<Extract<Pending, { kind: 'read' }>>): Promise<void> {
    const [first] = group
    if (!first) return
    const ids = group.map((entry) => entry.id)
    const found = await this.adapter.find({ collection: first.slug, joins: false, limit: ids.length, pagination: false, req: first.req, where: { id: { in: ids } } } as never)
    const byId = new Map(found.docs.map((doc) => [String(doc.id), doc as Record<string, unknown>]))
    for (const entry of group) {
      const doc = byId.get(String(entry.id))
      if (doc) entry.resolve(doc)
      else entry.reject(new Error(`The created ${entry.slug} ${entry.id} was not found`))
    }
  }
}

const collectionConfig = (payload: Payload, slug: string) => {
  const collection = payload.collections[slug as CollectionSlug]
  if (!collection) throw new Error(`No collection "${slug}"`)
  return collection.config
}

/**
 * Work a hook does for one document that can be done for many at once (a lookup, an insert): run at
 * once with `[arg]` for a request outside a batch; within one, together with the other creates that
 * ask with the same `key` (which must name everything `run` depends on besides the arguments), in one
 * call of `run` with all their arguments, whose results it returns in the same order.
 */
export const coalesced = async <A, R>(req: PayloadRequest, key: string, arg: A, run: (args: A[]) => Promise<R[]>): Promise<R> => {
  const batch = batchOf(req)
  if (batch) return batch.call(req, key, arg, run)
  const [result] = await run([arg])
  return result as R
}

/** Set while a coalesced call runs for its batch. */
const insideRun = new AsyncLocalStorage<boolean>()

/** The batch a request belongs to, if any (none for what a coalesced call does itself). */
const batchOf = (req: PayloadRequest | undefined): TogetherBatch | undefined => {
  const batch = req?.context?.[BATCH_KEY]
  return batch instanceof TogetherBatch && !insideRun.getStore() ? batch : undefined
}

const indexOf = (req: PayloadRequest | undefined): number => Number(req?.context?.[INDEX_KEY] ?? 0)

const wrapped = new WeakSet<object>()

/** Routes the batch's requests through the coalescing writer; every other request is left to the adapter. */
const wrapAdapter = (payload: Payload): void => {
  const adapter = payload.db as unknown as Adapter
  if (wrapped.has(adapter)) return
  wrapped.add(adapter)
  const { create, createVersion, findVersions, rollbackTransaction } = adapter

  adapter.create = async function (this: Adapter, args) {
    const batch = batchOf(args.req as PayloadRequest)
    const req = args.req as PayloadRequest
    // Only the batch's own creates (one per request); anything else its hooks create is written as usual.
    if (!batch || args.collection !== batch.collection || batch.wrote.has(req) || args.customID !== undefined) return create.call(this, args)
    const collection = collectionConfig(payload, args.collection)
    const db = (this.sessions[String(batch.transactionID)]?.db ?? this.drizzle) as Db
    batch.wrote.add(req)
    const { id } = (await upsertRow({
      adapter: batch.adapterFor(req) as never,
      collectionSlug: collection.slug,
      data: args.data,
      db: db as never,
      fields: collection.flattenedFields,
      ignoreResult: 'idOnly',
      operation: 'create',
      req,
      tableName: tableOfCollection(payload, collection.slug),
    })) as { id: number | string }
    batch.created.add(`${collection.slug}:${id}`)
    if (args.returning === false) return null as never
    return (await batch.readBack(req, collection.slug, id)) as never
  }

  adapter.createVersion = async function (this: Adapter, args: Parameters<Adapter['createVersion']>[0]) {
    const batch = batchOf(args.req as PayloadRequest)
    if (!batch || args.returning !== false || !batch.created.has(`${args.collectionSlug}:${args.parent}`)) return createVersion.call(this, args)
    // What the adapter's createVersion writes, through the batch. Its "older versions are no longer the
    // latest" update has nothing to change for a document created in this batch (it has no other version).
    const req = args.req as PayloadRequest
    const collection = collectionConfig(payload, args.collectionSlug)
    const db = (this.sessions[String(batch.transactionID)]?.db ?? this.drizzle) as Db
    const { id: _id, ...version } = args.versionData as Record<string, unknown>
    await upsertRow({
      adapter: batch.adapterFor(req) as never,
      collectionSlug: collection.slug,
      data: { autosave: args.autosave, createdAt: args.createdAt, latest: true, parent: args.parent, publishedLocale: args.publishedLocale, snapshot: args.snapshot, updatedAt: args.updatedAt, version },
      db: db as never,
      fields: buildVersionCollectionFields(payload.config, collection, true),
      ignoreResult: 'idOnly',
      operation: 'create',
      req,
      tableName: `_${tableOfCollection(payload, collection.slug)}${this.versionsSuffix}`,
    })
    return null as never
  } as Adapter['createVersion']

  adapter.findVersions = async function (this: Adapter, args: Parameters<Adapter['findVersions']>[0]) {
    const batch = batchOf(args.req as PayloadRequest)
    const parent = (args.where as { parent?: { equals?: unknown } } | undefined)?.parent?.equals
    const skipped = ((args.page ?? 1) - 1) * (args.limit ?? 0)
    // Payload's "versions beyond the limit" lookup after a save; a document this batch created has one.
    if (batch && skipped >= 1 && parent !== undefined && batch.created.has(`${args.collection}:${String(parent)}`)) {
      return { docs: [], hasNextPage: false, hasPrevPage: false, limit: args.limit ?? 0, nextPage: null, page: args.page ?? 1, pagingCounter: skipped + 1, prevPage: null, totalDocs: 1, totalPages: 1 } as never
    }
    return findVersions.call(this, args)
  } as Adapter['findVersions']

  adapter.rollbackTransaction = async function (this: Adapter, id) {
    const transactionID = id instanceof Promise ? await id : id
    const batch = batches.get(String(transactionID))
    // A failed create of the batch asks to roll back the shared transaction: the batch decides at its end.
    if (batch) return
    return rollbackTransaction.call(this, id)
  }
}

/** Open batches by their transaction id. */
const batches = new Map<string, TogetherBatch>()

export type TogetherItem = { context: RequestContext; data: Record<string, unknown>; draft: boolean }

export type TogetherOutcome = { error: unknown; ok: false } | { id: number | string; ok: true }

/**
 * Creates `items` in `collection` together (see above). Returns each item's outcome, in order, or null
 * when the batch could not be kept (a create failed after writing, or a statement failed): then nothing
 * of it was written, and the caller creates the items one by one.
 */
export const createTogether = async (
  payload: Payload,
  collection: CollectionSlug,
  items: readonly TogetherItem[],
  { overrideAccess, user }: { overrideAccess: boolean; user?: null | TypedUser },
): Promise<null | TogetherOutcome[]> => {
  wrapAdapter(payload)
  const adapter = payload.db as unknown as Adapter
  const transactionID = await adapter.beginTransaction()
  if (transactionID === null || transactionID === undefined) throw new Error('The database adapter gave no transaction')
  const batch = new TogetherBatch(adapter, collection, transactionID)
  batches.set(String(transactionID), batch)
  let outcomes: TogetherOutcome[]
  try {
    batch.enter(items.length)
    outcomes = await Promise.all(
      items.map(async (item, index): Promise<TogetherOutcome> => {
        let req: PayloadRequest | undefined
        try {
          req = await createLocalReq({ context: { ...item.context, [BATCH_KEY]: batch, [INDEX_KEY]: index }, ...(user && { user }) }, payload)
          req.transactionID = transactionID
          const doc = await payload.create({ collection, data: item.data as never, depth: 0, draft: item.draft, overrideAccess, req })
          return { id: doc.id, ok: true }
        } catch (error) {
          if (req && batch.wrote.has(req)) batch.spoiled ??= error
          return { error, ok: false }
        } finally {
          batch.leave()
        }
      }),
    )
  } finally {
    batches.delete(String(transactionID))
  }
  if (batch.spoiled) {
    await adapter.rollbackTransaction(transactionID)
    return null
  }
  await adapter.commitTransaction(transactionID)
  return outcomes
}
