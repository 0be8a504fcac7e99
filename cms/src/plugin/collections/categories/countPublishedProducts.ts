import type { Payload, PayloadRequest } from 'payload'

import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'

import type { CommerceSlugs } from '../../types'

export type CategoryProductCount = {
  /** Published products filed directly under this category. */
  direct: number
  id: number
  slug: string
  /** Published products in this category or any category below it, each counted once. */
  total: number
}

type Row = Record<string, unknown>

const tableName = (db: PostgresAdapter, slug: string): string => {
  const name = db.tableNameMap.get(slug)
  if (!name) throw new Error(`No database table for the collection "${slug}"`)
  return name
}

/**
 * One grouped query instead of a count per category: the catalogue can hold tens of thousands
 * of products and the storefront asks on every navigation render.
 */
export const countPublishedProducts = async (
  payload: Payload,
  slugs: CommerceSlugs,
  req?: PayloadRequest,
): Promise<CategoryProductCount[]> => {
  const db = payload.db as unknown as PostgresAdapter
  const products = tableName(db, slugs.products)
  const rels = `${products}_rels`
  const categoriesColumn = `${tableName(db, slugs.categories)}_id`

  const categories = await payload.find({
    collection: slugs.categories as 'categories',
    depth: 0,
    overrideAccess: true,
    pagination: false,
    req,
    select: { parent: true, slug: true },
  })
  const { rows } = await db.drizzle.execute<Row>(sql`
    select r.${sql.identifier(categoriesColumn)} as category, r.parent_id as product
    from ${sql.identifier(rels)} r
    join ${sql.identifier(products)} p on p.id = r.parent_id
    where r.path = 'categories' and p._status = 'published' and r.${sql.identifier(categoriesColumn)} is not null
  `)

  const parentOf = new Map<number, null | number>()
  for (const category of categories.docs) {
    const parent = category.parent
    parentOf.set(category.id, typeof parent === 'object' && parent !== null ? parent.id : (parent ?? null))
  }
  const direct = new Map<number, number>()
  const inSubtree = new Map<number, Set<number>>()
  for (const row of rows) {
    const category = Number(row.category)
    const product = Number(row.product)
    direct.set(category, (direct.get(category) ?? 0) + 1)
    // Walk up the tree; the guard stops a corrupt cycle from spinning forever.
    for (let node: null | number | undefined = category, hops = 0; node != null && hops < 100; hops += 1) {
      const set = inSubtree.get(node) ?? new Set<number>()
      set.add(product)
      inSubtree.set(node, set)
      node = parentOf.get(node)
    }
  }
  return categories.docs.map((category) => ({
    direct: direct.get(category.id) ?? 0,
    id: category.id,
    slug: category.slug ?? '',
    total: inSubtree.get(category.id)?.size ?? 0,
  }))
}
