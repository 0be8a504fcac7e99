/** Where the seed reports progress; one line per call, without a trailing newline. */
export type SeedLog = (line: string) => void

/** A category's texts in another language than the default (English). */
export type CategoryTexts = { description: string; slug: string; title: string }

/** One category of the demo tree. Parents come before their children. */
export type CategorySeed = {
  /** The German texts, written where the category has none yet. */
  de: CategoryTexts
  description: string
  /** Slug of the parent category; absent for a top-level category. */
  parent?: string
  /** The natural key the seed upserts by. */
  slug: string
  title: string
}

/** A picture the seed draws with sharp and uploads to the media collection. */
export type ImageSeed = {
  alt: string
  /** Base of the stored filename (`seed-…`), the natural key the seed upserts by. */
  key: string
  /** Drawn large on the picture. */
  label: string
  /** Hue (0–359) of the background gradient. */
  hue: number
  /** `front` draws the product's silhouette; `detail` a close-up pattern. */
  view: 'detail' | 'front'
}

export type OptionSeed = { name: string; values: string[] }

export type VariantSeed = {
  /** Empty when the variant sells at the product price. */
  price?: number
  /** One value per product option, in option order. */
  selections: Array<{ option: string; value: string }>
  sku: string
  stock: number
}

/** A product's texts in another language than the default (English). */
export type ProductTexts = {
  /** Paragraphs of the rich-text description. */
  description: string[]
  seoDescription: string
  slug: string
  title: string
}

/** A product as the seed writes it; references are by natural key (category slug, image key). */
export type ProductSeed = {
  /** Slugs of the categories it is filed under. */
  categories: string[]
  compareAtPrice?: number
  /** The German texts, written where the product has none yet; absent for generated products. */
  de?: ProductTexts
  /** Paragraphs of the rich-text description. */
  description: string[]
  draft: boolean
  featured: boolean
  /** Keys of its images; the first is the main one. */
  images: string[]
  options: OptionSeed[]
  /** In minor units (EUR cents). */
  price: number
  seoDescription: string
  /** The natural key the seed upserts by. */
  sku: string
  /** Unique, URL-safe. */
  slug: string
  stock: number
  title: string
  variants: VariantSeed[]
}
