import type { CollectionSlug, Payload, PayloadRequest, SelectType } from 'payload'

import { LRUCache } from 'lru-cache'

import type { SanitizedCommercePluginConfig } from '../../types'
import type { SearchParams } from './searchParams'

import { poolOf, tableOfCollection } from '../../database'
import { readInLocale } from '../../localization/catalogueLocales'
import { catalogueRuntime } from '../catalogueRuntime'
import { poolListingSql } from '../listing/preparedListingSql'
import { listingDocsById } from '../listing/queryListing'
import { isIncludeSelect, selectStoredDoc } from './selectStoredDoc'

/**
 * Documents as the search answers them (their JSON text), per database, by catalogue version, depth,
 * select and id. The version is part of the key: it changes with every committed write of a listing
 * row, a search document (every stock move writes one) or a category, so an entry is never out of
 * date; older versions' entries are simply never asked for again and age out.
 */
const caches = new WeakMap<object, LRUCache<string, string>>()

const cacheOf = (owner: object): LRUCache<string, string> => {
  let cache = caches.get(owner)
  if (!cache) caches.set(owner, (cache = new LRUCache<string, string>({ maxSize: 64 * 1024 * 1024, sizeCalculation: (text, key) => text.length + key.length + 32 })))
  return cache
}

/**
 * The page's documents for an anonymous reader from the listing projection (the bytes `GET /products`
 * answers), cut to an include-only select in the process, as JSON texts in the search's order; kept
 * in memory for the catalogue version the search ran at. Undefined when the listing cannot answer
 * (depth 2, another kind of select, the listing not built yet, a document the select does not fit):
 * Payload's find must.
 */
export const listingSearchDocs = async (payload: Payload, config: SanitizedCommercePluginConfig, version: string, ids: number[], params: SearchParams): Promise<string[] | undefined> => {
  if (params.depth > 1 || (params.select && !isIncludeSelect(params.select)) || !config.catalogue.listing || !catalogueRuntime(payload).listingReady()) return undefined
  if (ids.length === 0) return []
  const pool = poolOf(payload)
  const depth = params.depth === 0 ? 0 : 1
  const cache = cacheOf(pool)
  const prefix = `${version}|${params.locale}|${depth}|${params.select ? JSON.stringify(params.select) : ''}|`
  const missing = ids.filter((id) => !cache.has(`${prefix}${id}`))
  if (missing.length > 0) {
    const stored = await listingDocsById(poolListingSql(pool), tableOfCollection(payload, config.slugs.products), missing, depth, params.locale)
    for (const [id, text] of stored) {
      if (!params.select) {
        cache.set(`${prefix}${id}`, text)
        continue
      }
      const selected = selectStoredDoc(JSON.parse(text) as Record<string, unknown>, params.select)
      if (!selected) return undefined
      cache.set(`${prefix}${id}`, JSON.stringify(selected))
    }
  }
  return ids.flatMap((id) => {
    const text = cache.get(`${prefix}${id}`)
    return text === undefined ? [] : [text]
  })
}

/**
 * The page's documents as `GET /products` returns them (same depth, select, access and hooks), in the
 * search's order, as JSON texts: from the listing for an anonymous reader when it can answer
 * (`listingSearchDocs`), else through Payload's find as the caller.
 */
export const searchDocs = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, version: string, ids: number[], params: SearchParams): Promise<string[]> => {
  if (ids.length === 0) return []
  const stored = req.user ? undefined : await listingSearchDocs(req.payload, config, version, ids, params)
  if (stored) return stored
  const { docs } = await req.payload.find({
    collection: config.slugs.products as CollectionSlug,
    depth: params.depth,
    draft: false,
    limit: ids.length,
    ...readInLocale(req.payload, params.locale),
    overrideAccess: false,
    req,
    select: params.select as SelectType | undefined,
    where: { id: { in: ids } },
  })
  const byId = new Map(docs.map((doc) => [Number((doc as { id: unknown }).id), doc]))
  return ids.flatMap((id) => {
    const doc = byId.get(id)
    return doc === undefined ? [] : [JSON.stringify(doc)]
  })
}
