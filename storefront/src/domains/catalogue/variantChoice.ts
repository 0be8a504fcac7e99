import { compareAtPriceOf } from './product'
import { type GalleryImage, galleryImageOf, type ProductDetail, variantLabel } from './productDetail'
import { dictionaryOf } from '../i18n/dictionary'
import { DEFAULT_LOCALE, type Locale } from '../i18n/locale'

/** One value per option name: what the shopper has picked so far (`{ Size: 'M' }`). */
export type Selections = Record<string, string>

/** A variant as the page's picker knows it: its effective price (override or the product's), stock and own image. */
export type ChoiceVariant = { id: string; image: GalleryImage | null; price: number; selections: Selections; sku: string; stock: number }

/**
 * Everything the product page needs to answer a choice without asking the CMS: embedded in the
 * page as JSON (the same for every visitor, so the page stays route-cacheable), then kept current
 * by the live price and stock events.
 */
export type ChoiceData = {
  currency: string
  options: Array<{ name: string; values: string[] }>
  product: { compareAtPrice: number | null; price: number; sku: string; stock: number }
  variants: ChoiceVariant[]
}

export const choiceDataOf = (product: ProductDetail, mediaOrigin: string): ChoiceData => ({
  currency: product.currency,
  options: product.options,
  product: { compareAtPrice: product.compareAtPrice ?? null, price: product.price, sku: product.sku, stock: product.stock },
  variants: product.variants.map((variant) => ({
    id: variant.id,
    image: (variant.image && galleryImageOf(variant.image, `${product.title}, ${variantLabel(variant)}`, mediaOrigin)) || null,
    price: variant.price ?? product.price,
    selections: Object.fromEntries((variant.selections ?? []).map((selection) => [selection.option, selection.value])),
    sku: variant.sku,
    stock: variant.stock,
  })),
})

/** The selections of the variant with `id` (`{}` when there is none), to start the picker from the URL. */
export const selectionsOfVariant = (data: ChoiceData, id: null | string): Selections =>
  data.variants.find((variant) => variant.id === id)?.selections ?? {}

const matches = (variant: ChoiceVariant, chosen: Selections): boolean =>
  Object.entries(chosen).every(([option, value]) => variant.selections[option] === value)

/** Only the selections naming a real option of the product. */
const known = (data: ChoiceData, chosen: Selections): Selections =>
  Object.fromEntries(
    data.options.flatMap((option) => {
      const value = chosen[option.name]
      return value === undefined ? [] : [[option.name, value]]
    }),
  )

/**
 * What the selections amount to: nothing to choose (a product without variants), options still
 * missing, a combination no variant has, or one variant.
 */
export type Choice =
  | { kind: 'impossible' }
  | { kind: 'incomplete'; missing: string[] }
  | { kind: 'single' }
  | { kind: 'variant'; variant: ChoiceVariant }

export const matchChoice = (data: ChoiceData, chosen: Selections): Choice => {
  if (data.variants.length === 0) return { kind: 'single' }
  const picked = known(data, chosen)
  const candidates = data.variants.filter((variant) => matches(variant, picked))
  if (candidates.length === 0) return { kind: 'impossible' }
  const missing = data.options.map((option) => option.name).filter((name) => picked[name] === undefined)
  if (missing.length > 0) return { kind: 'incomplete', missing }
  const [variant] = candidates
  return variant ? { kind: 'variant', variant } : { kind: 'impossible' }
}

export type ValueStatus = 'available' | 'sold-out' | 'unavailable'

/**
 * How an option value stands given the other selections: `unavailable` when no variant has that
 * combination, `sold-out` when every variant that has it is out of stock.
 */
export const valueStatus = (data: ChoiceData, chosen: Selections, option: string, value: string): ValueStatus => {
  const candidates = data.variants.filter((variant) => matches(variant, { ...known(data, chosen), [option]: value }))
  if (candidates.length === 0) return 'unavailable'
  return candidates.some((variant) => variant.stock > 0) ? 'available' : 'sold-out'
}

/** The words after a value's name in its label: ` — sold out`, ` — unavailable`, or nothing. */
export const valueNote = (status: ValueStatus): string => (status === 'sold-out' ? ' — sold out' : status === 'unavailable' ? ' — unavailable' : '')

/** What the page shows and allows for the current selections. */
export type ChoiceOffer = {
  canBuy: boolean
  compareAtPrice: number | undefined
  /** Why Add to cart is off, or undefined when it is on. */
  note: string | undefined
  price: number
  sku: string
  /** The stock line: `In stock`, `Only 3 left`, `Sold out`, or `Unavailable` for an impossible combination. */
  stockText: string
  stock: number
  /** The variant to buy, when one is chosen. */
  variant: ChoiceVariant | undefined
}

/** The stock line under the price; the same words everywhere on the site (in the page's language). */
export const stockLabel = (stock: number, locale: Locale = DEFAULT_LOCALE): string => {
  const words = dictionaryOf(locale)
  return stock <= 0 ? words.product.soldOut : stock <= 5 ? words.variant.onlyLeft(stock) : words.variant.inStock
}

const and = (names: string[], locale: Locale): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${dictionaryOf(locale).variant.and} ${names.at(-1) ?? ''}`

export const offerForChoice = (data: ChoiceData, chosen: Selections, locale: Locale = DEFAULT_LOCALE): ChoiceOffer => {
  const choice = matchChoice(data, chosen)
  const { product: words, variant: notes } = dictionaryOf(locale)
  const { product } = data
  const base = { compareAtPrice: compareAtPriceOf(product), price: product.price, sku: product.sku, variant: undefined }
  switch (choice.kind) {
    case 'single':
      return { ...base, canBuy: product.stock > 0, note: product.stock > 0 ? undefined : words.soldOut, stock: product.stock, stockText: stockLabel(product.stock, locale) }
    case 'impossible':
      return { ...base, canBuy: false, note: notes.impossible, stock: 0, stockText: notes.unavailable }
    case 'incomplete': {
      const stock = data.variants.filter((variant) => matches(variant, known(data, chosen))).reduce((sum, variant) => sum + Math.max(0, variant.stock), 0)
      const none = Object.keys(known(data, chosen)).length === 0
      return { ...base, canBuy: false, note: stock <= 0 ? words.soldOut : none ? words.chooseFirst : notes.nowChoose(and(choice.missing, locale)), stock, stockText: stockLabel(stock, locale) }
    }
    case 'variant': {
      const { variant } = choice
      return {
        canBuy: variant.stock > 0,
        compareAtPrice: compareAtPriceOf({ compareAtPrice: product.compareAtPrice, price: variant.price }),
        note: variant.stock > 0 ? undefined : words.soldOut,
        price: variant.price,
        sku: variant.sku,
        stock: variant.stock,
        stockText: stockLabel(variant.stock, locale),
        variant,
      }
    }
  }
}
