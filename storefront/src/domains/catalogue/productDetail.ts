import type { Product } from '@showroom/shared-types'

import { z } from 'astro/zod'

import { type CategoryNode, categoryNodeSchema } from './category'
import { currencyFormat } from './money'
import { compareAtPriceOf, type PriceList, priceListSchema } from './product'
import { resolveMediaUrl } from './productImage'

const sizeSchema = z.object({ height: z.number().nullish(), url: z.string().nullish(), width: z.number().nullish() })

const mediaSchema = z.object({
  alt: z.string(),
  height: z.number().nullish(),
  id: z.number(),
  sizes: z.object({ card: sizeSchema.optional(), full: sizeSchema.optional(), thumbnail: sizeSchema.optional() }).optional(),
  url: z.string().nullish(),
  width: z.number().nullish(),
})

export type DetailMedia = z.infer<typeof mediaSchema>

/**
 * A Lexical node as the CMS stores it: a `type`, maybe `children`, and whatever else its kind carries
 * (text, format, a link's fields…), kept for the HTML converter (`productDescription.server.ts`).
 */
export type RichTextNode = { [field: string]: unknown; children?: RichTextNode[]; type: string }
const richTextNodeSchema: z.ZodType<RichTextNode> = z.lazy(() => z.looseObject({ children: z.array(richTextNodeSchema).optional(), type: z.string() }))

/** Rich text as the CMS stores it (Lexical JSON). */
export type RichText = { root: RichTextNode }

export type { PriceList }

const variantSchema = z.object({
  id: z.string(),
  // At depth 1 a media document; unpopulated (deleted, or depth 0) a bare id, which has nothing to show.
  image: z
    .union([mediaSchema, z.number()])
    .nullish()
    .transform((image) => (typeof image === 'object' ? (image ?? null) : null))
    .optional(),
  price: z.number().int().nullish(),
  prices: priceListSchema.optional(),
  selections: z.array(z.object({ option: z.string(), value: z.string() })).nullish(),
  sku: z.string(),
  stock: z.number().int(),
})

/** A product as its own page shows it (depth 1: images and categories populated). */
export type ProductDetail = Pick<Product, 'compareAtPrice' | 'id' | 'price' | 'sku' | 'stock' | 'title' | 'updatedAt'> & {
  categories: CategoryNode[]
  currency: string
  description: RichText | null
  /** The description's words, one block (paragraph, heading, list item…) per line: the CMS's plain-text copy. */
  descriptionText: string | null
  images: DetailMedia[]
  options: Array<{ name: string; values: string[] }>
  prices?: PriceList
  seo: { description: string | null; title: string | null }
  slug: string
  variants: Array<z.infer<typeof variantSchema>>
}

export const productDetailSchema: z.ZodType<ProductDetail> = z.object({
  categories: z
    .array(z.union([categoryNodeSchema, z.number()]))
    .nullish()
    .transform((list) => (list ?? []).filter((item): item is CategoryNode => typeof item === 'object')),
  compareAtPrice: z.number().int().nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  description: z
    .object({ root: richTextNodeSchema })
    .nullish()
    .transform((value) => value ?? null),
  descriptionText: z
    .string()
    .nullish()
    .transform((text) => text ?? null),
  id: z.number(),
  images: z
    .array(z.union([mediaSchema, z.number()]))
    .nullish()
    .transform((list) => (list ?? []).filter((item): item is DetailMedia => typeof item === 'object')),
  options: z
    .array(z.object({ name: z.string(), values: z.array(z.string()) }))
    .nullish()
    .transform((list) => list ?? []),
  price: z.number().int(),
  prices: priceListSchema.optional(),
  seo: z
    .object({ description: z.string().nullish(), title: z.string().nullish() })
    .nullish()
    .transform((seo) => ({ description: seo?.description ?? null, title: seo?.title ?? null })),
  sku: z.string(),
  slug: z.string(),
  stock: z.number().int(),
  title: z.string(),
  updatedAt: z.string(),
  variants: z
    .array(variantSchema)
    .nullish()
    .transform((list) => list ?? []),
})

/** The first block of the description as plain text (a page's meta description), if it has words. */
export const descriptionSummary = (product: Pick<ProductDetail, 'descriptionText'>): string | undefined =>
  product.descriptionText?.split('\n').find((line) => line.trim() !== '')?.trim()

export type Variant = ProductDetail['variants'][number]

/** What the shopper would buy: the variant chosen in the URL, if the product has it. */
export const chosenVariant = (product: ProductDetail, variantId: string | null): Variant | undefined =>
  variantId === null ? undefined : product.variants.find((variant) => variant.id === variantId)

/** A variant's name from its selections: `Size: M, Colour: Red`. */
export const variantLabel = (variant: Variant): string =>
  (variant.selections ?? []).map((selection) => `${selection.option}: ${selection.value}`).join(', ') || variant.sku

export type Offer = {
  available: boolean
  compareAtPrice: number | undefined
  price: number
  sku: string
  stock: number
}

/**
 * Price and stock of what is on offer: the chosen variant (its price override or the product's price),
 * or the product itself. A product with variants but none chosen is available when any variant is.
 */
export const offerOf = (product: ProductDetail, variant: Variant | undefined): Offer => {
  if (variant) {
    const price = variant.price ?? product.price
    return { available: variant.stock > 0, compareAtPrice: compareAtPriceOf({ compareAtPrice: product.compareAtPrice, price }), price, sku: variant.sku, stock: variant.stock }
  }
  const stock = product.variants.length > 0 ? product.variants.reduce((sum, item) => sum + Math.max(0, item.stock), 0) : product.stock
  return { available: stock > 0, compareAtPrice: compareAtPriceOf(product), price: product.price, sku: product.sku, stock }
}

/** A money amount as schema.org wants it: a decimal string in major units (`4900` EUR → `49.00`). */
export const decimalPrice = (amountMinor: number, currency: string): string => {
  const { minorPerMajor } = currencyFormat(currency, 'en')
  return (amountMinor / minorPerMajor).toFixed(Math.round(Math.log10(minorPerMajor)))
}

export type GalleryImage = { alt: string; height: number; sizes: string; src: string; srcset: string; width: number }

/**
 * The product's images for the gallery: `src` at the card size (or the original), `srcset` listing
 * every CMS size that has a URL and width, widest last, so the browser picks by viewport and density.
 */
export const galleryImagesOf = (product: Pick<ProductDetail, 'images' | 'title'>, mediaOrigin: string): GalleryImage[] =>
  product.images.flatMap((media) => galleryImageOf(media, product.title, mediaOrigin) ?? [])

/** One media document as a gallery image (see `galleryImagesOf`); `fallbackAlt` when it has no alt text. */
export const galleryImageOf = (media: DetailMedia, fallbackAlt: string, mediaOrigin: string): GalleryImage | undefined => {
  const candidates = [media.sizes?.card, media.sizes?.full, media]
    .flatMap((size) => {
      const src = size?.url ? resolveMediaUrl(size.url, mediaOrigin) : undefined
      return src && size?.width && size.height ? [{ height: size.height, src, width: size.width }] : []
    })
    .sort((a, b) => a.width - b.width)
  const unique = candidates.filter((candidate, index) => candidates.findIndex((other) => other.width === candidate.width) === index)
  const main = unique[0]
  if (!main) return undefined
  return {
    alt: media.alt.trim() || fallbackAlt,
    height: main.height,
    sizes: '(min-width: 60rem) 50vw, 100vw',
    src: main.src,
    srcset: unique.map((candidate) => `${candidate.src} ${candidate.width}w`).join(', '),
    width: main.width,
  }
}

/** JSON-LD for a product page (schema.org `Product` with its offers). */
export const productJsonLd = (
  product: ProductDetail,
  { images, url, variant }: { images: string[]; url: string; variant: Variant | undefined },
): Record<string, unknown> => {
  const offerFor = (chosen: Variant | undefined, offerUrl: string): Record<string, unknown> => {
    const offer = offerOf(product, chosen)
    return {
      '@type': 'Offer',
      availability: offer.available ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock',
      price: decimalPrice(offer.price, product.currency),
      priceCurrency: product.currency,
      sku: offer.sku,
      url: offerUrl,
    }
  }
  const description = product.seo.description ?? product.descriptionText?.replaceAll('\n', ' ')
  const offers =
    variant || product.variants.length === 0
      ? offerFor(variant, url)
      : product.variants.map((item) => offerFor(item, `${url}?variant=${encodeURIComponent(item.id)}`))
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    ...(description ? { description } : {}),
    ...(images.length > 0 ? { image: images } : {}),
    name: product.title,
    offers,
    sku: variant?.sku ?? product.sku,
    url,
  }
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so text can never close the script. */
export const serializeJsonLd = (value: unknown): string => JSON.stringify(value).replaceAll('<', '\\u003c')

/**
 * What `product` (or its `variant`) costs in `currency`, by the CMS's rule (docs/pricing.md): the variant's
 * price in it, else the product's; the base `price` counts for the base `currency`, the price lists for
 * the others. Undefined: not sold in that currency (the CMS refuses such an order).
 */
export const priceIn = (product: Pick<ProductDetail, 'currency' | 'price' | 'prices'>, variant: Pick<z.infer<typeof variantSchema>, 'price' | 'prices'> | undefined, currency: string): number | undefined => {
  const listed = (list: PriceList | undefined) => list?.find((entry) => entry.currency === currency)?.amount
  const base = currency === product.currency
  return (base ? (variant?.price ?? undefined) : listed(variant?.prices)) ?? (base ? product.price : listed(product.prices))
}
