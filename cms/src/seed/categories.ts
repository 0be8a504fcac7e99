import type { Payload } from 'payload'

import type { CategorySeed } from './types'

export type EnsureCategoriesResult = {
  created: number
  existing: number
  /** Category id by slug. */
  ids: Map<string, number>
}

/**
 * Makes sure every category exists, by slug. One at a time and parents first: the nested-docs
 * plugin builds a child's breadcrumbs from its parent's, so the parent must be saved already.
 * Existing categories are left as they are, even if an editor has renamed or moved them.
 */
export const ensureCategories = async (payload: Payload, seeds: readonly CategorySeed[]): Promise<EnsureCategoriesResult> => {
  const stored = await payload.find({
    collection: 'categories',
    depth: 0,
    pagination: false,
    select: { slug: true },
    where: { slug: { in: seeds.map((seed) => seed.slug) } },
  })
  const ids = new Map(stored.docs.flatMap((doc) => (doc.slug ? [[doc.slug, doc.id] as const] : [])))
  let created = 0
  for (const seed of seeds) {
    if (ids.has(seed.slug)) continue
    const parent = seed.parent === undefined ? undefined : ids.get(seed.parent)
    if (seed.parent !== undefined && parent === undefined) {
      throw new Error(`The category "${seed.slug}" is listed before its parent "${seed.parent}"`)
    }
    try {
      const doc = await payload.create({
        collection: 'categories',
        data: { description: seed.description, parent, slug: seed.slug, title: seed.title },
        depth: 0,
        select: { slug: true },
      })
      ids.set(seed.slug, doc.id)
      created += 1
    } catch (error) {
      throw new Error(`Could not create the category "${seed.slug}"`, { cause: error })
    }
  }
  return { created, existing: seeds.length - created, ids }
}
