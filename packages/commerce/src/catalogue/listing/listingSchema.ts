import type { PostgresAdapterArgs } from '@payloadcms/db-postgres'

import { sql } from '@payloadcms/db-postgres'
import { type AnyPgColumn, boolean, index, integer, numeric, pgTable, text, timestamp, uniqueIndex, varchar } from '@payloadcms/db-postgres/drizzle/pg-core'

import { LISTING, LISTING_STATE } from './listingTable'

type SchemaHook = NonNullable<PostgresAdapterArgs['afterSchemaInit']>[number]

type Products = { id: AnyPgColumn }

const listing = (products: Products) =>
  pgTable(
    LISTING,
    {
      id: integer('id')
        .notNull()
        .references(() => products.id, { onDelete: 'cascade' }),
      // One row per product and locale: the documents and title/slug columns hold that locale's texts.
      locale: varchar('locale').notNull(),
      title: varchar('title').notNull(),
      slug: varchar('slug'),
      sku: varchar('sku'),
      featured: boolean('featured').notNull().default(false),
      price: numeric('price'),
      categoryIds: integer('category_ids').array().notNull().default(sql`'{}'`),
      createdAt: timestamp('created_at', { mode: 'string', precision: 3, withTimezone: true }).notNull(),
      updatedAt: timestamp('updated_at', { mode: 'string', precision: 3, withTimezone: true }).notNull(),
      stockSig: varchar('stock_sig').notNull(),
      doc0: text('doc0').notNull(),
      doc1: text('doc1').notNull(),
    },
    // One index per order a listing page walks, within a locale: Payload's sort, then `-createdAt`, then `id`.
    (t) => [
      // The row's key. A unique index rather than a composite primary key: drizzle-kit's introspection
      // (the schema check's diff, through Payload's adapter) fails on composite primary keys.
      uniqueIndex(`${LISTING}_id_locale_idx`).on(t.id, t.locale),
      index(`${LISTING}_created_idx`).on(t.locale, t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_updated_idx`).on(t.locale, t.updatedAt.asc(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_updated_desc_idx`).on(t.locale, t.updatedAt.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_price_idx`).on(t.locale, t.price.asc(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_price_desc_idx`).on(t.locale, t.price.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_title_idx`).on(t.locale, t.title.asc(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_title_desc_idx`).on(t.locale, t.title.desc().nullsFirst(), t.createdAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
      index(`${LISTING}_slug_idx`).on(t.slug, t.locale),
      index(`${LISTING}_sku_idx`).on(t.sku),
      index(`${LISTING}_categories_idx`).using('gin', t.categoryIds),
      index(`${LISTING}_title_trgm_idx`).using('gin', t.title.op('gin_trgm_ops')),
    ],
  )

const listingState = pgTable(LISTING_STATE, {
  id: integer('id').primaryKey(),
  builtAt: timestamp('built_at', { mode: 'string', precision: 3, withTimezone: true }).notNull(),
})

/**
 * The catalogue read path's tables and indexes in Payload's drizzle schema (the Postgres adapter's
 * `afterSchemaInit`), so migrations are generated from them and the schema check sees no drift: the
 * listing projection, its state, and the parent indexes Payload's hasMany text tables lack.
 */
export const catalogueSchema =
  (productsTable = 'products'): SchemaHook =>
  ({ extendTable, schema }) => {
    const products = schema.tables[productsTable]
    if (!products) throw new Error(`catalogueSchema: no "${productsTable}" table in the schema`)
    for (const texts of [`${productsTable}_texts`, `_${productsTable}_v_texts`]) {
      const table = schema.tables[texts]
      if (!table) throw new Error(`catalogueSchema: no "${texts}" table in the schema`)
      extendTable({ extraConfig: (t) => ({ parentOrder: index(`${texts}_parent_order_idx`).on(t.parent, t.order) }), table })
    }
    schema.tables[LISTING] = listing(products as unknown as Products)
    schema.tables[LISTING_STATE] = listingState
    return schema
  }

