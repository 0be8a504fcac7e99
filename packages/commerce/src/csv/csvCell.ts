/**
 * Spreadsheet formula injection: a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is run as a formula by Excel, LibreOffice and Google Sheets when the file is opened. Such a
 * value (a product title such as `=HYPERLINK(…)`, a customer's name) is written with a leading `'`,
 * which spreadsheets show as text and hide; the import removes that `'` again, so an export re-imports
 * unchanged. (OWASP "CSV Injection".)
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** A formula start, or a quote before one (so a value that really begins `'=` survives the round trip). */
const needsQuote = (value: string): boolean => FORMULA_START.test(value) || (value.startsWith("'") && needsQuote(value.slice(1)))

/** A cell value made safe to open in a spreadsheet. */
export const escapeCell = (value: string): string => (needsQuote(value) ? `'${value}` : value)

/** The value an escaped cell stood for (cells that were not escaped are returned as they are). */
export const unescapeCell = (value: string): string => (value.startsWith("'") && needsQuote(value.slice(1)) ? value.slice(1) : value)
