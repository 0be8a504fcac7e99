import { CsvError, parse } from 'csv-parse/sync'

import { PRODUCT_COLUMNS, type ProductRow, headerProblem } from './productColumns'
import type { NumberedRow } from './productImportItems'

/** Columns the errors file adds; an errors file, fixed, can be imported again as it is. */
export const ERROR_COLUMNS = ['row', 'error_column', 'error_message'] as const

/** Largest file an import takes (about five times a 10,000-product catalogue with variants). */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024
/** Most rows an import takes. */
export const MAX_IMPORT_ROWS = 100_000

/** A file that cannot be imported at all (not the problems of single rows): a 400 when uploaded. */
export class CsvFileError extends Error {
  override name = 'CsvFileError'
  /** The file is over the size limit (a 413 rather than a 400). */
  tooLarge = false
}

/**
 * Reads a product CSV (UTF-8, a header line, comma-separated, quoted as spreadsheets write it) into
 * numbered rows. Throws `CsvFileError` for a file that is not such a CSV, has unknown or missing
 * columns, or is too large.
 */
export const readProductCsv = (file: Buffer | string): NumberedRow[] => {
  const bytes = typeof file === 'string' ? Buffer.byteLength(file) : file.length
  if (bytes > MAX_IMPORT_BYTES) {
    const error = new CsvFileError(`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB. Split it into several files.`)
    error.tooLarge = true
    throw error
  }
  const text = typeof file === 'string' ? file : file.toString('utf8')
  if (text.includes('\u0000') || text.includes('\uFFFD')) throw new CsvFileError('The file is not a UTF-8 text file. Export it from your spreadsheet as "CSV UTF-8".')
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false })
  } catch (error) {
    if (error instanceof CsvError) throw new CsvFileError(`The file is not a valid CSV: ${error.message}`, { cause: error })
    throw error
  }
  const [header, ...body] = records
  if (!header) throw new CsvFileError(`The file is empty. Its first line names the columns: ${PRODUCT_COLUMNS.join(', ')}.`)
  const names = header.map((name) => name.trim().toLowerCase())
  const problem = headerProblem(names.filter((name) => !(ERROR_COLUMNS as readonly string[]).includes(name)))
  if (problem) throw new CsvFileError(problem)
  if (body.length === 0) throw new CsvFileError('The file has a header but no rows.')
  if (body.length > MAX_IMPORT_ROWS) throw new CsvFileError(`The file has ${body.length} rows; an import takes at most ${MAX_IMPORT_ROWS}. Split it into several files.`)
  return body.map((record, index) => {
    const cells = Object.fromEntries(PRODUCT_COLUMNS.map((column) => [column, ''])) as ProductRow
    names.forEach((name, position) => {
      if ((PRODUCT_COLUMNS as readonly string[]).includes(name)) cells[name as keyof ProductRow] = record[position] ?? ''
    })
    return { cells, row: index + 2 }
  })
}
