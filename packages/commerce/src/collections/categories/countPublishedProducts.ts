import type { Payload } from 'payload'

import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'

import type { CommerceSlugs } from '../../types'
import { catalogueLocales, localizedColumnSql } from '../../localization/catalogueLocales'

export type CategoryProductCount = {
  /** Published products filed directly under this category. */
  direct: number
  id: number
  slug: string
  /** Published products in this category or any category below it, each counted once. */
  total: number
}

const tableName = (db: PostgresAdapter, slug: string): string => {
  const name = db.tableNameMap.get(slug)
  if (!name) throw new Error(`No database table for the collection "${slug}"`)
  return name
}

/**
 * One query, counted in the database: the tree is walked with a recursive CTE (every category paired
 * with itself and each of its descendants), then published products are counted per ancestor. The
 * catalogue can hold tens of thousands of products and the storefront asks on every navigation render.
 */
export const countPublishedProducts = async (payload: Payload, slugs: CommerceSlugs, locale = catalogueLocales(payload).defaultLocale): Promise<CategoryProductCount[]> => {
  const db = payload.db as unknown as PostgresAdapter
  const categories = sql.identifier(tableName(db, slugs.categories))
  const products = sql.identifier(tableName(db, slugs.products))
  const rels = sql.identifier(`${tableName(db, slugs.products)}_rels`)
  const categoryColumn = sql.identifier(`${tableName(db, slugs.categories)}_id`)

  const { rows } = await db.drizzle.execute<{ direct: number; id: number; slug: null | string; total: number }>(sql`
    with recursive subtree (ancestor, category, depth) as (
      select id, id, 0 from ${categories}
      union all
      -- The depth guard stops a corrupt parent cycle from recursing forever.
      select subtree.ancestor, child.id, subtree.depth + 1
      from subtree join ${categories} child on child.parent_id = subtree.category
      where subtree.depth < 50
    ),
    published as (
      select r.${categoryColumn} as category, r.parent_id as product
      from ${rels} r join ${products} p on p.id = r.parent_id
      where r.path = 'categories' and p._status = 'published'
    )
    select c.id, ${localizedColumnSql(payload, tableName(db, slugs.categories), 'slug', sql`c.id`, locale, 'c')} as slug,
      (select count(*) from published where published.category = c.id)::int as direct,
      (select count(distinct published.product) from subtree join published on published.category = subtree.category
        where subtree.ancestor = c.id)::int as total
    from ${categories} c
    order by c.id
  `)
  return rows.map((row) => ({ direct: row.direct, id: row.id, slug: row.slug ?? '', total: row.total }))
}
