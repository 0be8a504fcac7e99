import type { Media, Product } from '@showroom/shared-types'

import { z } from 'astro/zod'

type Variant = NonNullable<Product['variants']>[number]
type ImageSize = NonNullable<NonNullable<Media['sizes']>['card']>

/** The media fields a product card reads. */
export type CardMedia = Pick<Media, 'alt' | 'height' | 'id' | 'url' | 'width'> & {
  sizes?: { card?: Pick<ImageSize, 'height' | 'url' | 'width'> }
}

/** Prices in currencies besides the base one (docs/pricing.md); none is an empty list. */
export const priceListSchema = z
  .array(z.object({ amount: z.number().int(), currency: z.string().regex(/^[A-Z]{3}$/) }))
  .nullish()
  .transform((list) => list ?? [])

export type PriceList = z.infer<typeof priceListSchema>

/**
 * A product as lists show it: the generated `Product` narrowed to what a card reads, which is also
 * what the list query selects. The currency stays any ISO code, so a currency the CMS adds later
 * does not take the whole page down before the storefront is rebuilt.
 */
export type ProductSummary = Pick<Product, 'compareAtPrice' | 'id' | 'price' | 'stock' | 'title'> & {
  currency: string
  /** Always set: the CMS derives it from the title when an editor leaves it empty. */
  slug: string
  images?: Array<CardMedia | number> | null
  /** Prices in the shop's other currencies: the card shows the visitor's (docs/pricing.md). */
  prices?: PriceList
  variants?: Array<Pick<Variant, 'stock'> & { price?: number | null; prices?: PriceList }> | null
}

/** Fields the list query selects (with `id`, always sent, and `variants.stock`, `.price`, `.prices`); the schema below parses them. */
export const productSummaryFields: ReadonlyArray<keyof ProductSummary> = [
  'title',
  'slug',
  'price',
  'compareAtPrice',
  'currency',
  'stock',
  'images',
  'prices',
]

const minorUnits = z.number().int()

const imageSizeSchema = z.object({
  height: z.number().nullish(),
  url: z.string().nullish(),
  width: z.number().nullish(),
})

const cardMediaSchema = z.object({
  alt: z.string(),
  height: z.number().nullish(),
  id: z.number(),
  sizes: z.object({ card: imageSizeSchema.optional() }).optional(),
  url: z.string().nullish(),
  width: z.number().nullish(),
})

// Annotated with the shared type: if the CMS renames or retypes a field, regenerated types make
// this line fail `astro check` instead of the page failing in production.
export const productSummarySchema: z.ZodType<ProductSummary> = z.object({
  compareAtPrice: minorUnits.nullish(),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code'),
  id: z.number(),
  // At depth 1 images arrive as media documents; at depth 0 (or unpopulated) as bare ids.
  images: z.array(z.union([cardMediaSchema, z.number()])).nullish(),
  price: minorUnits,
  prices: priceListSchema.optional(),
  slug: z.string(),
  stock: z.number().int(),
  title: z.string(),
  variants: z.array(z.object({ price: minorUnits.nullish(), prices: priceListSchema.optional(), stock: z.number().int() })).nullish(),
})

/** One page of Payload's paginated list response. */
export const productPageSchema = z.object({
  docs: z.array(productSummarySchema),
  totalDocs: z.number().int(),
})

/**
 * Whether nothing of the product can be bought. A product with variants sells its variants, whose
 * stock is what counts (the CMS describes the product's own stock as meaningless for them).
 */
export const isSoldOut = (product: Pick<ProductSummary, 'stock' | 'variants'>): boolean => {
  const variants = product.variants ?? []
  return variants.length > 0 ? variants.every((variant) => variant.stock <= 0) : product.stock <= 0
}

/** The former price, shown struck through, when it is really higher than today's. */
export const compareAtPriceOf = (product: Pick<ProductSummary, 'compareAtPrice' | 'price'>): number | undefined =>
  product.compareAtPrice != null && product.compareAtPrice > product.price ? product.compareAtPrice : undefined
