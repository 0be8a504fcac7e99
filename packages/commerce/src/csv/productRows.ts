import { LIST_SEPARATOR, OPTION_SEPARATOR, PRODUCT_COLUMNS, type ProductRow } from './productColumns'


/** A product as Payload returns it at depth 0 (the columns the CSV has). */
export type ExportedProduct = {
  _status?: null | string
  categories?: Array<number | { id: number }> | null
  compareAtPrice?: null | number
  currency?: null | string
  featured?: boolean | null
  options?: Array<{ name?: null | string; values?: null | string[] }> | null
  price?: null | number
  prices?: PriceList
  sku: string
  slug?: null | string
  stock?: null | number
  taxClass?: null | string
  title?: null | string
  variants?: Array<{
    price?: null | number
    prices?: PriceList
    selections?: Array<{ option?: null | string; value?: null | string }> | null
    sku?: null | string
    stock?: null | number
    weight?: null | number
  }> | null
  weight?: null | number
}

type PriceList = Array<{ amount?: null | number; currency?: null | string }> | null | undefined

/** `USD=2199; GBP=1899`: a price list as the import reads it. */
const priceListCell = (prices: PriceList): string => (prices ?? []).map((row) => `${text(row.currency)}=${text(row.amount)}`).join(`${OPTION_SEPARATOR} `)

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value))

/**
 * A product as CSV rows in import order: one row, or one per variant with the product's columns
 * repeated on each (so a spreadsheet can sort and filter them). Importing them again changes nothing.
 */
export const productRows = (product: ExportedProduct, categoryPaths: ReadonlyMap<number, string>): string[][] => {
  const base: ProductRow = {
    categories: (product.categories ?? [])
      .map((category) => categoryPaths.get(typeof category === 'number' ? category : category.id) ?? '')
      .filter(Boolean)
      .join(` ${LIST_SEPARATOR} `),
    compare_at_price: text(product.compareAtPrice),
    currency: text(product.currency),
    featured: product.featured ? 'true' : 'false',
    options: (product.options ?? []).map((option) => `${text(option.name)}=${(option.values ?? []).join(LIST_SEPARATOR)}`).join(`${OPTION_SEPARATOR} `),
    price: text(product.price),
    prices: priceListCell(product.prices),
    sku: product.sku,
    slug: text(product.slug),
    status: product._status === 'published' ? 'published' : 'draft',
    stock: text(product.stock),
    tax_class: text(product.taxClass),
    title: text(product.title),
    variant_options: '',
    variant_price: '',
    variant_sku: '',
    variant_prices: '',
    variant_stock: '',
    variant_weight: '',
    weight: text(product.weight),
  }
  const variants = product.variants ?? []
  const rows: ProductRow[] =
    variants.length === 0
      ? [base]
      : variants.map((variant) => ({
          ...base,
          variant_options: (variant.selections ?? []).map((selection) => `${text(selection.option)}=${text(selection.value)}`).join(`${OPTION_SEPARATOR} `),
          variant_price: text(variant.price),
          variant_prices: priceListCell(variant.prices),
          variant_sku: text(variant.sku),
          variant_stock: text(variant.stock),
          variant_weight: text(variant.weight),
        }))
  return rows.map((row) => PRODUCT_COLUMNS.map((column) => row[column]))
}
