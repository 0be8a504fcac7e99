import type { Payload } from 'payload'

import type { Product } from '@showroom/shared-types'

import type { ProductSeed, SeedLog } from './types'

import { forEachWithConcurrency } from '@showroom/payload-commerce/utilities'
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

/**
 * Creates one product, published or as a draft. `depth: 0` and an id-only `select` keep Payload
 * from populating images and categories into a response nobody reads.
 */
export const createProduct = async (payload: Payload, seed: ProductSeed, refs: ProductRefs): Promise<void> => {
  const data = toProductData(seed, refs)
  try {
    if (seed.draft) {
      await payload.create({ collection: 'products', data: { ...data, _status: 'draft' }, depth: 0, draft: true, select: { sku: true } })
    } else {
      await payload.create({ collection: 'products', data: { ...data, _status: 'published' }, depth: 0, select: { sku: true } })
    }
  } catch (error) {
    throw new Error(`Could not create the product ${seed.sku} ("${seed.title}")`, { cause: error })
  }
}

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

/**
 * Creates the products of a batch whose SKUs are not taken yet, a few at a time. Seeds are built
 * per task rather than up front, so ten thousand of them are never all in memory at once.
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
  await forEachWithConcurrency(missing, concurrency, async (index) => {
    await createProduct(payload, build(index), refs)
    progress.tick()
    created += 1
    // Only the worker that reaches the mark waits; the others keep creating meanwhile.
    if (checkpoint && created % checkpoint.every === 0) await checkpoint.run()
  })
  return { created: missing.length, existing: present.size }
}
