/**
 * The product CSV's columns, shared by the import and the export (docs/csv.md). One row per product,
 * or one row per variant: rows with the same `sku` are one product, and the product's columns are read
 * from its first row (later rows may leave them empty or repeat them).
 */
export const PRODUCT_COLUMNS = [
  'sku',
  'title',
  'slug',
  'status',
  'currency',
  'price',
  'compare_at_price',
  'stock',
  'categories',
  'options',
  'featured',
  'variant_sku',
  'variant_options',
  'variant_price',
  'variant_stock',
  // Added after the first release of the format: appended, so existing files and sheets keep their columns.
  'weight',
  'prices',
  'variant_weight',
  'variant_prices',
  'tax_class',
] as const

export type ProductColumn = (typeof PRODUCT_COLUMNS)[number]

/** A row as read from or written to the file: every column's text (empty when blank). */
export type ProductRow = Record<ProductColumn, string>

/** Columns every product needs in the file (the others may be left out of the header). */
export const REQUIRED_COLUMNS: readonly ProductColumn[] = ['sku', 'title', 'price']

/** The product-level columns, which every row of one product shares. */
export const PRODUCT_LEVEL_COLUMNS: readonly ProductColumn[] = PRODUCT_COLUMNS.filter((column) => !column.startsWith('variant_') && column !== 'sku')

/** Between levels of a category path: `Clothing > Shirts`. */
export const CATEGORY_LEVEL_SEPARATOR = '>'
/** Between a product's categories: `Clothing > Shirts | Sale`. */
export const LIST_SEPARATOR = '|'
/** Between a variant's (or the options column's) options, and between a price list's prices: `Size=M; Colour=Red`, `USD=2199; GBP=1899`. */
export const OPTION_SEPARATOR = ';'

/** In a weight or price-list cell: remove the value (an empty cell leaves it as it is). */
export const CLEAR = '-'

/** What is wrong with a header line, or null when every column is known and the required ones are there. */
export const headerProblem = (header: readonly string[]): null | string => {
  const known = new Set<string>(PRODUCT_COLUMNS)
  const unknown = header.filter((name) => !known.has(name))
  if (unknown.length > 0) {
    return `Unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')}. The columns are: ${PRODUCT_COLUMNS.join(', ')}.`
  }
  const repeated = header.filter((name, index) => header.indexOf(name) !== index)
  if (repeated.length > 0) return `The column "${repeated[0]}" appears twice.`
  const missing = REQUIRED_COLUMNS.filter((name) => !header.includes(name))
  if (missing.length > 0) return `The column${missing.length > 1 ? 's' : ''} ${missing.map((name) => `"${name}"`).join(', ')} must be present.`
  return null
}
