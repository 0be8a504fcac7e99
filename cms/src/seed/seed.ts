import type { PostgresAdapter } from '@payloadcms/db-postgres'
import type { Payload } from 'payload'

import type { SeedLog } from './types'

import { readSeedEnv } from '../env'
import { analyzeDatabase } from '@showroom/payload-commerce/database'
import { categorySeeds } from './catalogue'
import { ensureCategories } from './categories'
import { ensureGermanCategoryTexts, ensureGermanProductTexts, ensureGermanShippingLabels, type GermanTextsResult, hasGermanLocale } from './germanTexts'
import { ensureImages } from './images'
import { bulkImages, bulkProduct, bulkSku, demoImages, demoProducts } from './productSeeds'
import { ensureProducts, type ProductRefs } from './products'
import { ensureUsers, type SeededUser, type SeedUsers, seedUsersFromEnv } from './users'

export type SeedOptions = {
  /**
   * Creates at most this many documents at once.
   * @default the database pool's size minus two (one connection Payload holds, one to spare), between 1 and 8
   */
  concurrency?: number
  /**
   * Do nothing when any product (published or draft) exists: the quick check `pnpm dev` runs.
   * @default false
   */
  ifEmpty?: boolean
  /** @default console.log */
  log?: SeedLog
  payload: Payload
  /**
   * How many generated products (SKUs `BULK-000001`…) the catalogue should hold, on top of the
   * demo catalogue; only the missing ones are created.
   * @default 0
   */
  products?: number
  /**
   * The demo accounts.
   * @default the `SEED_*` defaults (admin@, editor@ and customer@showroom.local) with generated passwords
   */
  users?: SeedUsers
}

export type SeedCounts = { categories: number; images: number; products: number; users: number }

export type SeedResult = {
  created: SeedCounts
  existing: SeedCounts
  /** Seconds spent on each kind of document (looking up what exists included). */
  phases: SeedCounts
  /** Wall-clock seconds of the whole operation. */
  seconds: number
  /** True when `ifEmpty` found products and nothing was done. */
  skipped: boolean
  /** Demo documents whose empty German texts were written (never those an editor filled in). */
  translated: GermanTextsResult
  users: SeededUser[]
}

/** Generated products created between two refreshes of the planner statistics. */
const ANALYZE_EVERY = 2000

const zero = (): SeedCounts => ({ categories: 0, images: 0, products: 0, users: 0 })

const defaultConcurrency = (payload: Payload): number => {
  const poolMax = (payload.db as unknown as Partial<PostgresAdapter>).poolOptions?.max ?? 10
  return Math.max(1, Math.min(8, poolMax - 2))
}

const describe = (counts: SeedCounts): string =>
  `${counts.users} users, ${counts.categories} categories, ${counts.images} images, ${counts.products} products`

/**
 * Fills the CMS with a demo shop: staff and customer accounts, a three-level category tree,
 * published products with variants and generated pictures, a few drafts and, on request, a large
 * generated catalogue. Everything is matched by its natural key (email, slug, image key, SKU), so
 * running it again creates only what is missing and changes nothing that exists.
 */
export const seed = async ({
  concurrency: requestedConcurrency,
  ifEmpty = false,
  log = console.log,
  payload,
  products: bulkTotal = 0,
  users = seedUsersFromEnv(readSeedEnv({})),
}: SeedOptions): Promise<SeedResult> => {
  if (!Number.isSafeInteger(bulkTotal) || bulkTotal < 0) {
    throw new Error(`seed: \`products\` must be a whole number of at least 0, got ${bulkTotal}`)
  }
  const concurrency = requestedConcurrency ?? defaultConcurrency(payload)
  const started = performance.now()
  const result: SeedResult = {
    created: zero(),
    existing: zero(),
    phases: zero(),
    seconds: 0,
    skipped: false,
    translated: { categories: 0, products: 0, shippingMethods: 0 },
    users: [],
  }
  const german = hasGermanLocale(payload)
  const finish = (): SeedResult => ({ ...result, seconds: (performance.now() - started) / 1000 })
  /** Runs one phase, recording its time and what it created and found. */
  const phase = async (kind: keyof SeedCounts, run: () => Promise<{ created: number; existing: number }>) => {
    const phaseStarted = performance.now()
    const { created, existing } = await run()
    result.created[kind] += created
    result.existing[kind] += existing
    result.phases[kind] += (performance.now() - phaseStarted) / 1000
  }

  if (ifEmpty) {
    const { totalDocs } = await payload.count({ collection: 'products' })
    if (totalDocs > 0) {
      log(`The catalogue already has ${totalDocs} products; skipping the seed.`)
      return { ...finish(), skipped: true }
    }
  }

  log('Users')
  await phase('users', async () => {
    result.users = await ensureUsers(payload, users, log)
    const created = result.users.filter((user) => user.created).length
    return { created, existing: result.users.length - created }
  })

  let categoryIds = new Map<string, number>()
  await phase('categories', async () => {
    const seeds = categorySeeds()
    const categories = await ensureCategories(payload, seeds)
    categoryIds = categories.ids
    log(`Categories: ${categories.created} created, ${categories.existing} already there`)
    if (german) {
      result.translated.categories = await ensureGermanCategoryTexts(payload, seeds, categoryIds)
      log(`Categories: German texts written for ${result.translated.categories}`)
    }
    return categories
  })

  let mediaIds = new Map<string, number>()
  await phase('images', async () => {
    // Generated products share a small pool of pictures; draw it only when they are asked for.
    const wanted = [...demoImages(), ...(bulkTotal > 0 ? bulkImages() : [])]
    const images = await ensureImages(payload, wanted, { concurrency, log })
    mediaIds = images.ids
    log(`Images: ${images.created} created, ${images.existing} already there`)
    return images
  })

  const refs: ProductRefs = { categories: categoryIds, media: mediaIds }
  const demo = demoProducts()
  await phase('products', async () => {
    const products = await ensureProducts(payload, {
      build: (index) => {
        const product = demo[index]
        if (!product) throw new Error(`seed: no demo product at index ${index}`)
        return product
      },
      concurrency,
      label: 'Demo products',
      log,
      refs,
      skus: demo.map((product) => product.sku),
    })
    // After the English records exist (the bulk path writes the default locale); generated products stay English.
    if (german) {
      result.translated.products = await ensureGermanProductTexts(payload, demo)
      log(`Demo products: German texts written for ${result.translated.products}`)
      result.translated.shippingMethods = await ensureGermanShippingLabels(payload)
      if (result.translated.shippingMethods > 0) log(`Shipping methods: German labels written for ${result.translated.shippingMethods}`)
    }
    return products
  })
  if (bulkTotal > 0) {
    await phase('products', () =>
      ensureProducts(payload, {
        build: (index) => bulkProduct(index + 1),
        checkpoint: { every: ANALYZE_EVERY, run: () => analyzeDatabase(payload) },
        concurrency,
        label: 'Generated products',
        log,
        refs,
        skus: Array.from({ length: bulkTotal }, (_, index) => bulkSku(index + 1)),
      }),
    )
  }

  const nothingNew =
    Object.values(result.created).every((count) => count === 0) &&
    result.translated.categories + result.translated.products + result.translated.shippingMethods === 0
  // A freshly loaded catalogue gets fresh planner statistics, so the first queries on it are fast.
  if (!nothingNew) await analyzeDatabase(payload)
  const done = finish()
  log(
    nothingNew
      ? `Nothing to do: all ${describe(done.existing)} were already there (${done.seconds.toFixed(1)} s).`
      : `Seeded in ${done.seconds.toFixed(1)} s: created ${describe(done.created)}; German texts for ` +
        `${done.translated.categories} categories, ${done.translated.products} products and ${done.translated.shippingMethods} shipping methods.`,
  )
  return done
}
