import type { ImageSeed, OptionSeed, ProductSeed, VariantSeed } from './types'

import { slugify } from '@showroom/payload-commerce/utilities'
import { RANGES, type RangeSeed } from './catalogue'
import { createRandom, type Random } from './random'

/** SKUs of generated benchmark products: `BULK-000001` … */
export const BULK_SKU_PREFIX = 'BULK-'

/** How many pictures each range shares among all its generated products (no need for 10,000 images). */
const BULK_IMAGES_PER_RANGE = 2

const ADJECTIVES = [
  'Classic', 'Relaxed', 'Essential', 'Heritage', 'Everyday', 'Studio', 'Coastal', 'Workshop',
  'Weekend', 'Travel', 'Nordic', 'Atelier', 'Field', 'Harbour', 'Alpine', 'City',
] as const

/** "Dark Brown" → "DARKBROWN", "3.5 l" → "35L": the part of a variant SKU naming one option value. */
const skuPart = (value: string): string => value.toUpperCase().replace(/[^A-Z0-9]/g, '')

/** Whole euros in the range, rounded to fives, minus a cent: 4999, 5499, … */
const pickPrice = (random: Random, [min, max]: [number, number]): number => {
  const euros = Math.max(5, Math.round(random.int(min, max) / 5) * 5)
  return euros * 100 - 1
}

/** Every combination of the option values, first option slowest: S/White, S/Blue, M/White, … */
const combinations = (options: OptionSeed[]): Array<Array<{ option: string; value: string }>> =>
  options.reduce<Array<Array<{ option: string; value: string }>>>(
    (rows, option) => rows.flatMap((row) => option.values.map((value) => [...row, { option: option.name, value }])),
    [[]],
  )

type Draft = {
  /** The German title; generated products have none. */
  deTitle?: string
  draft: boolean
  featured: boolean
  images: string[]
  options: OptionSeed[]
  range: RangeSeed
  sku: string
  /** Derived from the title unless given. */
  slug?: string
  title: string
}

/** Prices, stock and variants follow from the SKU, so a product looks the same on every run. */
const buildProduct = ({ deTitle, draft, featured, images, options, range, sku, slug, title }: Draft): ProductSeed => {
  const random = createRandom(sku)
  const price = pickPrice(random, range.priceRange)
  // About one product in four is on sale, 20–40 % off its former price.
  const compareAtPrice = random.next() < 0.25 ? (Math.ceil((price * (1.2 + random.next() * 0.2)) / 500) * 500) - 1 : undefined
  const firstValues = options[0]?.values ?? []
  const variants: VariantSeed[] = options.length === 0 ? [] : combinations(options).map((selections) => {
    const step = firstValues.indexOf(selections[0]?.value ?? '')
    // One variant in eight is sold out, so the storefront's out-of-stock states have something to show.
    const stock = random.next() < 0.125 ? 0 : random.int(1, 40)
    return {
      ...(range.priceStep > 0 && step > 0 ? { price: price + step * range.priceStep } : {}),
      selections,
      sku: [sku, ...selections.map((selection) => skuPart(selection.value))].join('-'),
      stock,
    }
  })
  const stock = variants.length > 0 ? variants.reduce((sum, variant) => sum + variant.stock, 0) : random.int(0, 120)
  return {
    categories: [range.slug],
    ...(compareAtPrice !== undefined && compareAtPrice > price ? { compareAtPrice } : {}),
    // Built like the English texts, from the range's German pitch and details; the slug as the slug field derives it.
    ...(deTitle === undefined
      ? {}
      : {
          de: {
            description: [`${deTitle} – ${range.de.pitch}`, range.de.details],
            seoDescription: `${deTitle}: ${range.de.pitch}`.slice(0, 200),
            slug: slugify(deTitle),
            title: deTitle,
          },
        }),
    description: [`The ${title} is ${range.pitch}`, range.details],
    draft,
    featured,
    images,
    options,
    price,
    seoDescription: `${title}: ${range.pitch}`.slice(0, 200),
    sku,
    slug: slugify(slug ?? title),
    stock,
    title,
    variants,
  }
}

const demoImageKey = (sku: string, view: ImageSeed['view']): string => `seed-${sku.toLowerCase()}-${view}`

/** The hand-named demo catalogue: every line of every range, a few of them drafts. */
export const demoProducts = (): ProductSeed[] =>
  RANGES.flatMap((range, rangeIndex) =>
    range.lines.map((line, lineIndex) => {
      const sku = `${range.code}-${String(lineIndex + 1).padStart(3, '0')}`
      // The first line of every other range is featured on the home page, and gets a second picture.
      const featured = lineIndex === 0 && rangeIndex % 2 === 0
      const images = [demoImageKey(sku, 'front'), ...(featured ? [demoImageKey(sku, 'detail')] : [])]
      return buildProduct({
        deTitle: line.de,
        draft: line.draft ?? false,
        featured,
        images,
        options: line.options ?? range.options,
        range,
        sku,
        title: line.name,
      })
    }),
  )

/** The pictures the demo products show, in the order they are needed. */
export const demoImages = (): ImageSeed[] =>
  demoProducts().flatMap((product) => {
    const range = RANGES.find((candidate) => candidate.slug === product.categories[0])
    return product.images.map((key) => {
      const view: ImageSeed['view'] = key.endsWith('-detail') ? 'detail' : 'front'
      return {
        alt: view === 'front' ? `${product.title}, front view` : `${product.title}, close-up of the material`,
        hue: range?.hue ?? 0,
        key,
        label: product.title,
        view,
      }
    })
  })

const bulkImageKey = (range: RangeSeed, index: number): string => `seed-bulk-${range.code.toLowerCase()}-${index + 1}`

/** The small shared pool of pictures generated products point at. */
export const bulkImages = (): ImageSeed[] =>
  RANGES.flatMap((range) =>
    Array.from({ length: BULK_IMAGES_PER_RANGE }, (_, index) => ({
      alt: `${range.title} from the Showroom range`,
      hue: (range.hue + index * 25) % 360,
      key: bulkImageKey(range, index),
      label: range.title,
      view: index === 0 ? ('front' as const) : ('detail' as const),
    })),
  )

export const bulkSku = (serial: number): string => `${BULK_SKU_PREFIX}${String(serial).padStart(6, '0')}`

/**
 * Generated product number `serial` (1-based) for large catalogues: spread over the ranges, one
 * option at most (so three to four variants), and a picture from the shared pool.
 */
export const bulkProduct = (serial: number): ProductSeed => {
  const range = RANGES[serial % RANGES.length]
  if (!range) throw new Error('The demo catalogue has no ranges to file generated products under')
  const sku = bulkSku(serial)
  const random = createRandom(`${sku}:title`)
  const line = range.lines[random.int(0, range.lines.length - 1)]
  const title = `${random.pick(ADJECTIVES)} ${line?.name ?? range.title}`
  const options = (line?.options ?? range.options).slice(0, 1)
  return buildProduct({
    draft: false,
    featured: false,
    images: [bulkImageKey(range, serial % BULK_IMAGES_PER_RANGE)],
    options,
    range,
    sku,
    // Titles repeat across ten thousand products; the serial keeps the URL unique.
    slug: `${title}-${String(serial).padStart(6, '0')}`,
    title,
  })
}
