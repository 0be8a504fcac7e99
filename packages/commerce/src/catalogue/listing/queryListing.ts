import { sql } from '@payloadcms/db-postgres'

import type { ListingQuery } from './parseListingQuery'
import type { ListingSql } from './preparedListingSql'

import { LISTING, liveStockSignature } from './listingTable'

type Row = { doc: null | string; fresh: boolean | null; id: number; live: null | string; version: string }

type Doc = Record<string, unknown> & { stock?: unknown; variants?: Array<Record<string, unknown>> | null }

const stockValue = (text: string | undefined): null | number => (text === undefined || text === '' ? null : Number(text))

/** Puts the live stock (its signature: own stock, then each variant's in order) into a stored document. */
const withLiveStock = (doc: Doc, live: string): Doc => {
  const [own, variants = ''] = live.split('|')
  if ('stock' in doc) doc.stock = stockValue(own)
  const levels = variants === '' ? [] : variants.split(',')
  doc.variants?.forEach((variant, index) => {
    if ('stock' in variant) variant.stock = stockValue(levels[index])
  })
  return doc
}

/** The fields of `row` a select keeps: all, or its `id` and the named ones (in the stored order, as Payload's). */
const pick = (row: Doc, keep: Set<string> | true): Doc => (keep === true ? row : Object.fromEntries(Object.entries(row).filter(([key]) => key === 'id' || keep.has(key))))

const selected = (doc: Doc, select: NonNullable<ListingQuery['select']>): Doc =>
  Object.fromEntries(
    Object.entries(doc).flatMap(([key, value]) => {
      if (key === 'id') return [[key, value]]
      const keep = select.fields.get(key)
      if (keep === undefined) return []
      return [[key, keep !== true && Array.isArray(value) ? value.map((row) => (typeof row === 'object' && row !== null ? pick(row as Doc, keep) : row)) : value]]
    }),
  )

/** A stored document as the response carries it: as stored when nothing changed, else re-serialised. */
const docText = (row: Row, select: ListingQuery['select']): string => {
  const stored = row.doc ?? ''
  if (row.fresh && !select) return stored
  let doc = JSON.parse(stored) as Doc
  if (!row.fresh && row.live !== null) doc = withLiveStock(doc, row.live)
  return JSON.stringify(select ? selected(doc, select) : doc)
}

/** Totals by filter, valid until the next catalogue change (the response cache's generations). */
export type Totals = { get: (key: string) => number | undefined; set: (key: string, generation: number, total: number) => void; generation: () => number }

const count = async (run: ListingSql, query: ListingQuery, totals: Totals): Promise<number> => {
  const known = totals.get(query.whereKey)
  if (known !== undefined) return known
  const generation = totals.generation()
  const rows = await run<{ total: number | string }>(sql`select count(*) as total from ${sql.identifier(LISTING)} where ${query.where}`)
  const total = Number(rows[0]?.total ?? 0)
  totals.set(query.whereKey, generation, total)
  return total
}

/**
 * Answers a list request from the listing projection: the page's ids by walking the index of the
 * requested order (no document is read before the offset), then those rows' stored documents (depth
 * 0 or 1) with the live stock signature, and the total (memoised per filter until the next change);
 * joined into the exact body Payload's find returns, pagination keys and their quirks included (an
 * empty page of a category-filtered query is Payload's "no result" shape, as its join path gives it).
 */
/**
 * A list body and its fingerprint: what the body is made of (each row's id, the row version — its
 * `xmin`, new on every rewrite — and live stock, and the total). Within one query key, equal
 * fingerprints mean equal bytes, so it stands in for hashing the whole body for the strong ETag.
 */
export type ListingAnswer = { body: string; fingerprint: string }

export const queryListing = async (run: ListingSql, products: string, query: ListingQuery, totals: Totals): Promise<ListingAnswer> => {
  const { limit, page } = query
  const doc = query.depth === 0 ? sql.identifier('doc0') : sql.identifier('doc1')
  const listing = sql.identifier(LISTING)
  const [totalDocs, rows] = await Promise.all([
    count(run, query, totals),
    run<Row>(sql`
      with page as (
        select id, row_number() over (order by ${query.orderBy}) as n
        from ${listing} where ${query.where} order by ${query.orderBy} limit ${limit} offset ${(page - 1) * limit}
      )
      select l.id, l.xmin::text as version, l.${doc} as doc, l.stock_sig = s.live as fresh, s.live
      from page p join ${listing} l on l.id = p.id and l.locale = ${query.locale} cross join lateral (select ${liveStockSignature(products, sql`p.id`)} as live) s
      order by p.n`),
  ])
  const docs = rows.filter((row) => row.doc !== null).map((row) => docText(row, query.select))
  const fingerprint = `${totalDocs};${rows.map((row) => `${row.id}:${row.version}:${row.live ?? ''}`).join(',')}`
  if (docs.length === 0 && query.usesJoin) {
    const body = `{"docs":[],"hasNextPage":false,"hasPrevPage":false,"limit":${limit},"nextPage":null,"page":1,"pagingCounter":0,"prevPage":null,"totalDocs":0,"totalPages":0}`
    return { body, fingerprint }
  }
  const totalPages = totalDocs === 0 ? 1 : Math.ceil(totalDocs / limit)
  const hasPrevPage = totalDocs > 0 && page > 1
  const hasNextPage = totalDocs > 0 && totalPages > page
  const pagingCounter = totalDocs === 0 ? 1 : (page - 1) * limit + 1
  const body = `{"docs":[${docs.join(',')}],"hasNextPage":${hasNextPage},"hasPrevPage":${hasPrevPage},"limit":${limit},"nextPage":${hasNextPage ? page + 1 : null},"page":${page},"pagingCounter":${pagingCounter},"prevPage":${hasPrevPage ? page - 1 : null},"totalDocs":${totalDocs},"totalPages":${totalPages}}`
  return { body, fingerprint }
}

/**
 * The stored documents (depth 0 or 1, live stock put in, in `locale`) of the published products `ids`, as their
 * JSON text by id: what an anonymous `GET /products?where[id][in]=…` returns for each, without
 * Payload's find (the search endpoint's page of results). Ids without a listing row are left out.
 */
export const listingDocsById = async (run: ListingSql, products: string, ids: number[], depth: 0 | 1, locale: string): Promise<Map<number, string>> => {
  if (ids.length === 0) return new Map()
  const doc = depth === 0 ? sql.identifier('doc0') : sql.identifier('doc1')
  const rows = await run<Row>(sql`
    select l.id, l.xmin::text as version, l.${doc} as doc, l.stock_sig = s.live as fresh, s.live
    from ${sql.identifier(LISTING)} l cross join lateral (select ${liveStockSignature(products, sql`l.id`)} as live) s
    where l.locale = ${locale} and l.id in (${sql.join(ids.map((id) => sql`${id}::integer`), sql`, `)})`)
  return new Map(rows.filter((row) => row.doc !== null).map((row) => [Number(row.id), docText(row, null)]))
}
