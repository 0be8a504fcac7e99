import type { CollectionSlug, Payload } from 'payload'

import { type CategoryPaths, categoryPathKey } from './productImportItems'

type Category = { id: number; parent?: null | number; title?: null | string }

/** Every category's path of titles, root first (`Clothing > Shirts`), by id. One query for the whole tree. */
export const categoryPathsById = async (payload: Payload, collection: CollectionSlug): Promise<Map<number, string>> => {
  const { docs } = await payload.find({ collection, depth: 0, overrideAccess: true, pagination: false, select: { parent: true, title: true } })
  const byId = new Map((docs as unknown as Category[]).map((doc) => [doc.id, doc]))
  const paths = new Map<number, string>()
  for (const category of byId.values()) {
    const titles: string[] = []
    // The tree has no cycles (preventCycles); the bound only guards against a corrupt row.
    for (let current: Category | undefined = category; current && titles.length <= byId.size; current = current.parent ? byId.get(current.parent) : undefined) {
      titles.unshift(current.title ?? '')
    }
    paths.set(category.id, categoryPathKey(titles))
  }
  return paths
}

/** Category id by path, for the import; a path two categories share maps to null (ambiguous). */
export const categoryIdsByPath = async (payload: Payload, collection: CollectionSlug): Promise<CategoryPaths> => {
  const ids = new Map<string, null | number>()
  for (const [id, path] of await categoryPathsById(payload, collection)) ids.set(path, ids.has(path) ? null : id)
  return ids
}
