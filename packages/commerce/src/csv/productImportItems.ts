import { unescapeCell } from './csvCell'
import { CATEGORY_LEVEL_SEPARATOR, CLEAR, LIST_SEPARATOR, OPTION_SEPARATOR, PRODUCT_LEVEL_COLUMNS, type ProductColumn, type ProductRow } from './productColumns'

/** One problem with one row of the file: what the errors file lists. */
export type RowError = { column: '' | ProductColumn; message: string; row: number }

/** A file row with its number as a spreadsheet shows it (the header is row 1). */
export type NumberedRow = { cells: ProductRow; row: number }

type PriceList = Array<{ amount: number; currency: string }>
type Variant = { id?: string; price?: null | number; prices?: PriceList; selections: Array<{ option: string; value: string }>; sku: string; stock?: number; weight?: null | number }

/** A product the file describes, ready for Payload (only the columns the file has are set). */
export type ProductImportItem = {
  data: Record<string, unknown> & { sku: string; variants?: Variant[] }
  /** The file rows it came from, first the product's own, then one per variant in order. */
  rows: NumberedRow[]
  status: 'draft' | 'published'
  /** The file row of each variant, in the order of `data.variants`. */
  variantRows: number[]
}

/** Category id by path (`Clothing > Shirts`), each level's title trimmed; ambiguous paths map to null. */
export type CategoryPaths = ReadonlyMap<string, null | number>

export const categoryPathKey = (titles: readonly string[]): string => titles.map((title) => title.trim()).join(` ${CATEGORY_LEVEL_SEPARATOR} `)

class RowProblem extends Error {
  constructor(
    readonly column: ProductColumn,
    message: string,
  ) {
    super(message)
  }
}

const integerCell = (column: ProductColumn, text: string): number => {
  // Fractions and negatives reach the collection's own rules, which name the problem; text does not.
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new RowProblem(column, `"${text}" is not a number (amounts are in minor units: 1999 means 19.99).`)
  return Number(text)
}

const booleanCell = (column: ProductColumn, text: string): boolean => {
  const value = text.toLowerCase()
  if (['true', 'yes', '1'].includes(value)) return true
  if (['false', 'no', '0'].includes(value)) return false
  throw new RowProblem(column, `"${text}" is not true or false.`)
}

/** `Size=S|M|L; Colour=Red|Blue` → options; `Size=M; Colour=Red` (one value each) → selections. */
const pairsCell = (column: ProductColumn, text: string): Array<{ name: string; values: string[] }> =>
  text
    .split(OPTION_SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const equals = part.indexOf('=')
      if (equals <= 0) throw new RowProblem(column, `"${part}" is not of the form Name=value.`)
      const values = part
        .slice(equals + 1)
        .split(LIST_SEPARATOR)
        .map((value) => value.trim())
        .filter(Boolean)
      if (values.length === 0) throw new RowProblem(column, `"${part}" names no value.`)
      return { name: part.slice(0, equals).trim(), values }
    })

/**
 * `USD=2199; GBP=1899` → a price list (one amount per currency; the collection's rules check the
 * currencies and amounts). `-` empties the list.
 */
const priceListCell = (column: ProductColumn, text: string): PriceList =>
  text === CLEAR
    ? []
    : pairsCell(column, text).map(({ name, values }) => {
        if (values.length > 1) throw new RowProblem(column, `"${name}" has ${values.length} prices; a price list has one amount per currency.`)
        return { amount: integerCell(column, values[0] ?? ''), currency: name.toUpperCase() }
      })

/** A weight cell: grams, or `-` to remove the weight. */
const weightCell = (column: ProductColumn, text: string): null | number => (text === CLEAR ? null : integerCell(column, text))

const categoriesCell = (text: string, paths: CategoryPaths): number[] =>
  text
    .split(LIST_SEPARATOR)
    .map((path) => path.trim())
    .filter(Boolean)
    .map((path) => {
      const key = categoryPathKey(path.split(CATEGORY_LEVEL_SEPARATOR))
      const id = paths.get(key)
      if (id === undefined) throw new RowProblem('categories', `There is no category "${key}". Create it in the admin first, or fix the path (levels separated by " > ").`)
      if (id === null) throw new RowProblem('categories', `More than one category is called "${key}"; rename one of them in the admin.`)
      return id
    })

/** The product's own fields from its first row; blank cells are left out (Payload keeps or defaults them). */
const productData = (cells: ProductRow, paths: CategoryPaths): Record<string, unknown> => {
  const data: Record<string, unknown> = { sku: cells.sku, title: cells.title }
  if (cells.slug) data.slug = cells.slug
  if (cells.currency) data.currency = cells.currency
  data.price = cells.price === '' ? null : integerCell('price', cells.price)
  data.compareAtPrice = cells.compare_at_price === '' ? null : integerCell('compare_at_price', cells.compare_at_price)
  if (cells.stock !== '') data.stock = integerCell('stock', cells.stock)
  if (cells.featured !== '') data.featured = booleanCell('featured', cells.featured)
  data.categories = categoriesCell(cells.categories, paths)
  if (cells.options !== '') data.options = pairsCell('options', cells.options)
  if (cells.weight !== '') data.weight = weightCell('weight', cells.weight)
  if (cells.prices !== '') data.prices = priceListCell('prices', cells.prices)
  // The collection refuses a class the shop does not have (a row error on this column).
  if (cells.tax_class !== '') data.taxClass = cells.tax_class.trim()
  return data
}

const variantOf = (cells: ProductRow): Variant => {
  const selections = pairsCell('variant_options', cells.variant_options).map(({ name, values }) => {
    if (values.length > 1) throw new RowProblem('variant_options', `A variant has one value of "${name}", not ${values.length}.`)
    return { option: name, value: values[0] ?? '' }
  })
  const variant: Variant = { price: cells.variant_price === '' ? null : integerCell('variant_price', cells.variant_price), selections, sku: cells.variant_sku }
  if (cells.variant_stock !== '') variant.stock = integerCell('variant_stock', cells.variant_stock)
  if (cells.variant_weight !== '') variant.weight = weightCell('variant_weight', cells.variant_weight)
  if (cells.variant_prices !== '') variant.prices = priceListCell('variant_prices', cells.variant_prices)
  return variant
}

/** Options named by the variants, in the order they first appear, for a file that leaves `options` empty. */
const optionsFromVariants = (variants: Variant[]): Array<{ name: string; values: string[] }> => {
  const options = new Map<string, string[]>()
  for (const { selections } of variants) {
    for (const { option, value } of selections) {
      const values = options.get(option) ?? []
      if (!values.includes(value)) values.push(value)
      options.set(option, values)
    }
  }
  return [...options].map(([name, values]) => ({ name, values }))
}

const statusOf = (text: string): 'draft' | 'published' => {
  const value = text.toLowerCase()
  if (value === '' || value === 'draft') return 'draft'
  if (value === 'published') return 'published'
  throw new RowProblem('status', `"${text}" is not a status: use published or draft.`)
}

/**
 * Groups the file's rows into products (rows sharing a `sku`) and turns each into Payload data. A
 * product with a problem here (a cell that is not a number, an unknown category, a SKU another product
 * of the file uses) becomes row errors for its rows instead; the collection's own rules (prices,
 * currencies, variants, SKUs already in the shop) are checked when it is saved.
 */
export const productImportItems = (rows: NumberedRow[], paths: CategoryPaths): { errors: RowError[]; failedRows: NumberedRow[]; items: ProductImportItem[] } => {
  const groups = new Map<string, NumberedRow[]>()
  const errors: RowError[] = []
  const failedRows: NumberedRow[] = []
  for (const numbered of rows) {
    const cells = Object.fromEntries(Object.entries(numbered.cells).map(([key, value]) => [key, unescapeCell(value.trim())])) as ProductRow
    const row = { ...numbered, cells }
    if (cells.sku === '') {
      errors.push({ column: 'sku', message: 'Every row needs the product SKU.', row: row.row })
      failedRows.push(row)
      continue
    }
    groups.set(cells.sku, [...(groups.get(cells.sku) ?? []), row])
  }

  /** Which product of the file (its SKU) each SKU belongs to, to refuse a SKU two products use. */
  const owners = new Map<string, string>()
  for (const sku of groups.keys()) owners.set(sku, sku)
  const items: ProductImportItem[] = []
  for (const [sku, group] of groups) {
    const fail = (problems: RowError[]) => {
      const explained = new Set(problems.map((problem) => problem.row))
      errors.push(...problems)
      for (const row of group) {
        if (!explained.has(row.row)) errors.push({ column: '', message: `Not imported: row ${problems[0]?.row ?? group[0]?.row} of this product has an error.`, row: row.row })
      }
      failedRows.push(...group)
    }
    const first = group[0]
    if (!first) continue
    const problems: RowError[] = []
    let data: Record<string, unknown> = {}
    let status: 'draft' | 'published' = 'draft'
    const variants: Variant[] = []
    const variantRows: number[] = []
    try {
      data = productData(first.cells, paths)
      status = statusOf(first.cells.status)
    } catch (error) {
      if (!(error instanceof RowProblem)) throw error
      problems.push({ column: error.column, message: error.message, row: first.row })
    }
    for (const row of group) {
      for (const column of PRODUCT_LEVEL_COLUMNS) {
        const value = row.cells[column]
        if (row !== first && value !== '' && value !== first.cells[column]) {
          problems.push({ column, message: `"${value}" differs from row ${first.row}, where this product's ${column} is "${first.cells[column]}".`, row: row.row })
        }
      }
      if (row.cells.variant_sku === '') {
        const stray = (['variant_options', 'variant_price', 'variant_stock', 'variant_weight', 'variant_prices'] as const).find((column) => row.cells[column] !== '')
        if (stray) problems.push({ column: 'variant_sku', message: `A row with ${stray} needs a variant_sku.`, row: row.row })
        continue
      }
      const owner = owners.get(row.cells.variant_sku)
      if (owner !== undefined && owner !== sku) {
        problems.push({ column: 'variant_sku', message: `The SKU "${row.cells.variant_sku}" is also used by the product ${owner} in this file.`, row: row.row })
        continue
      }
      owners.set(row.cells.variant_sku, sku)
      try {
        variants.push(variantOf(row.cells))
        variantRows.push(row.row)
      } catch (error) {
        if (!(error instanceof RowProblem)) throw error
        problems.push({ column: error.column, message: error.message, row: row.row })
      }
    }
    if (problems.length > 0) {
      fail(problems)
      continue
    }
    if (variants.length > 0 && data.options === undefined) data.options = optionsFromVariants(variants)
    if (data.options === undefined) data.options = []
    items.push({ data: { ...data, sku, variants }, rows: group, status, variantRows })
  }
  return { errors: errors.sort((a, b) => a.row - b.row), failedRows: failedRows.sort((a, b) => a.row - b.row), items }
}
