import type { Payload } from 'payload'

import type { Product } from '@showroom/shared-types'

import type { ProductSeed, SeedLog } from './types'

import { type ProductImportItem, upsertProducts } from '@showroom/payload-commerce'
import { createProgress } from './progress'
import { paragraphs } from './richText'

/** Ids the seed resolved for the natural keys products refer to. */
export type ProductRefs = {
  /** Category id by slug. */
  categories: ReadonlyMap<string, number>
  /** Media id by image key. */
  media: ReadonlyMap<string, number>
}

type ProductData = Omit<Product, '_status' | 'createdAt' | 'id' | 'updatedAt'>

const resolve = (kind: string, keys: readonly string[], ids: ReadonlyMap<string, number>, sku: string): number[] =>
  keys.map((key) => {
    const id = ids.get(key)
    if (id === undefined) throw new Error(`The product ${sku} refers to the ${kind} "${key}", which the seed did not create`)
    return id
  })

/** A product seed as the products collection stores it: money in cents, EUR, Lexical description. */
export const toProductData = (seed: ProductSeed, refs: ProductRefs): ProductData => ({
  categories: resolve('category', seed.categories, refs.categories, seed.sku),
  compareAtPrice: seed.compareAtPrice ?? null,
  currency: 'EUR',
  description: paragraphs(seed.description),
  featured: seed.featured,
  images: resolve('image', seed.images, refs.media, seed.sku),
  options: seed.options.map((option) => ({ name: option.name, values: option.values })),
  price: seed.price,
  seo: { description: seed.seoDescription, title: seed.title.slice(0, 70) },
  sku: seed.sku,
  slug: seed.slug,
  stock: seed.stock,
  title: seed.title,
  variants: seed.variants.map((variant) => ({
    price: variant.price ?? null,
    selections: variant.selections,
    sku: variant.sku,
    stock: variant.stock,
  })),
})

/** A product seed as an item of the catalogue's bulk path (`upsertProducts`, the CSV import's). */
const toImportItem = (seed: ProductSeed, refs: ProductRefs): ProductImportItem => ({
  data: toProductData(seed, refs) as unknown as ProductImportItem['data'],
  rows: [],
  status: seed.draft ? 'draft' : 'published',
  variantRows: [],
})

/** Asking for ten thousand SKUs in one `in` list makes a very long query; this many at a time is plenty fast. */
const LOOKUP_CHUNK = 1000

/** Which of these SKUs already belong to a product (published or draft). */
export const findExistingSkus = async (payload: Payload, skus: readonly string[]): Promise<Set<string>> => {
  const existing = new Set<string>()
  for (let start = 0; start < skus.length; start += LOOKUP_CHUNK) {
    const found = await payload.find({
      collection: 'products',
      depth: 0,
      pagination: false,
      select: { sku: true },
      where: { sku: { in: skus.slice(start, start + LOOKUP_CHUNK) } },
    })
    for (const doc of found.docs) existing.add(doc.sku)
  }
  return existing
}

export type EnsureProductsOptions = {
  /** Builds the seed for `skus[index]`; called only for missing products, just before each is created. */
  build: (index: number) => ProductSeed
  /** Work to do after every `every` products created, such as refreshing planner statistics. */
  checkpoint?: { every: number; run: () => Promise<void> }
  concurrency: number
  /** Names the batch in progress lines, such as "Demo products". */
  label: string
  log: SeedLog
  refs: ProductRefs
  /** The natural keys of the whole batch, in order. */
  skus: readonly string[]
}

/** Seeds built (and so held in memory) at a time: ten thousand of them never are at once. */
const BUILD_CHUNK = 1000

/**
 * Creates the products of a batch whose SKUs are not taken yet, through the catalogue's bulk path
 * (`upsertProducts`, which the CSV import uses too): several at a time, each in its own transaction,
 * with every rule and hook of an editor's save.
 */
export const ensureProducts = async (
  payload: Payload,
  { build, checkpoint, concurrency, label, log, refs, skus }: EnsureProductsOptions,
): Promise<{ created: number; existing: number }> => {
  const present = await findExistingSkus(payload, skus)
  const missing = skus.flatMap((sku, index) => (present.has(sku) ? [] : [index]))
  if (missing.length === 0) {
    log(`${label}: all ${skus.length} already there`)
    return { created: 0, existing: present.size }
  }
  log(`${label}: creating ${missing.length} of ${skus.length} (${present.size} already there, ${concurrency} at a time)`)
  const progress = createProgress({ every: missing.length >= 2000 ? 500 : 20, label, log, total: missing.length })
  let created = 0
  let done = 0
  for (let start = 0; start < missing.length; start += BUILD_CHUNK) {
    const items = missing.slice(start, start + BUILD_CHUNK).map((index) => toImportItem(build(index), refs))
    const result = await upsertProducts(payload, items, {
      collection: 'products',
      concurrency,
      context: { auditActor: 'seed' },
      onBatch: async ({ processed }) => {
        const before = done
        done = start + processed
        for (let tick = before; tick < done; tick += 1) progress.tick()
        // Fresh planner statistics every `checkpoint.every` products keep the lookups fast as the tables grow.
        if (checkpoint && Math.floor(done / checkpoint.every) > Math.floor(before / checkpoint.every)) await checkpoint.run()
      },
    })
    if (result.failed > 0) {
      const problems = result.errors.map((error) => error.message).join('; ')
      throw new Error(`${label}: ${result.failed} products could not be created: ${problems}`)
    }
    created += result.created
  }
  return { created, existing: present.size }
}
