import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'

import { type Sql, tableOf, transactionSql } from '../../database'
import { catalogueLocales } from '../../localization/catalogueLocales'
import { buildListingDocs } from './buildListingDocs'
import { LISTING, liveStockSignature } from './listingTable'

/**
 * Products rebuilt per round of reads: bounds the statement size and the memory one round holds. The
 * reads are anonymous, so they are capped at the public page size too (`capPageSize`).
 */
const BATCH = 200

type ListingConfig = Pick<SanitizedCommercePluginConfig, 'maxPublicPageSize' | 'slugs'>

const idsOf = (value: unknown): number[] =>
  Array.isArray(value) ? value.map((item) => (typeof item === 'object' && item !== null ? (item as { id?: unknown }).id : item)).filter((id): id is number => typeof id === 'number') : []

const upsert = async (db: Sql, products: string, locale: string, docs: Awaited<ReturnType<typeof buildListingDocs>>): Promise<void> => {
  if (docs.size === 0) return
  const rows = [...docs.values()].map(({ depth0, depth1 }) => {
    const price = typeof depth0.price === 'number' ? depth0.price : null
    const categories = `{${idsOf(depth0.categories).join(',')}}`
    return sql`(${depth0.id}::integer, ${locale}::varchar, ${String(depth0.title ?? '')}::varchar, ${(depth0.slug as null | string) ?? null}::varchar, ${(depth0.sku as null | string) ?? null}::varchar,
      ${depth0.featured === true}::boolean, ${price}::numeric, ${categories}::integer[], ${String(depth0.createdAt)}::timestamptz, ${String(depth0.updatedAt)}::timestamptz,
      ${JSON.stringify(depth0)}::text, ${JSON.stringify(depth1)}::text)`
  })
  // The stock the documents were read with is in the same transaction's live rows: its signature is
  // stored beside them, so a read notices stock a checkout has moved since (see queryListing.ts).
  await db.execute(sql`
    insert into ${sql.identifier(LISTING)} (id, locale, title, slug, sku, featured, price, category_ids, created_at, updated_at, stock_sig, doc0, doc1)
    select v.id, v.locale, v.title, v.slug, v.sku, v.featured, v.price, v.category_ids, v.created_at, v.updated_at, ${liveStockSignature(products, sql`v.id`)}, v.doc0, v.doc1
    from (values ${sql.join(rows, sql`, `)}) as v (id, locale, title, slug, sku, featured, price, category_ids, created_at, updated_at, doc0, doc1)
    where exists (select 1 from ${sql.identifier(products)} p where p.id = v.id)
    on conflict (id, locale) do update set title = excluded.title, slug = excluded.slug, sku = excluded.sku, featured = excluded.featured,
      price = excluded.price, category_ids = excluded.category_ids, created_at = excluded.created_at, updated_at = excluded.updated_at,
      stock_sig = excluded.stock_sig, doc0 = excluded.doc0, doc1 = excluded.doc1`)
}

/**
 * Rewrites the listing rows of the given products in the request's transaction: a published product
 * gets its row per locale (as an anonymous reader would read it now), any other one loses it. Called by the
 * products', categories' and media's change hooks, so the projection commits or rolls back with the
 * change that made it so.
 */
export const refreshListing = async (req: PayloadRequest, config: ListingConfig, ids: number[]): Promise<void> => {
  const unique = [...new Set(ids)]
  const db = await transactionSql(req)
  const products = tableOf(req, config.slugs.products)
  const size = Math.min(BATCH, config.maxPublicPageSize)
  const { codes } = catalogueLocales(req.payload)
  for (let start = 0; start < unique.length; start += size) {
    const batch = unique.slice(start, start + size)
    // Published or not is the same in every locale (the status is not localized): the default
    // locale's read decides which rows go, every locale's read writes its rows.
    for (const locale of codes) {
      const docs = await buildListingDocs(req, config.slugs, batch, locale)
      const gone = batch.filter((id) => !docs.has(id))
      if (gone.length > 0) {
        await db.execute(sql`delete from ${sql.identifier(LISTING)} where locale = ${locale} and id in (${sql.join(gone.map((id) => sql`${id}`), sql`, `)})`)
      }
      await upsert(db, products, locale, docs)
    }
  }
}
