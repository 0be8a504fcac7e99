import { stringify } from 'csv-stringify/sync'

import { escapeCell } from './csvCell'

/** CSV lines of `rows`, every cell escaped against formula injection (`csvCell.ts`). */
export const csvLines = (rows: ReadonlyArray<ReadonlyArray<string>>): string => stringify(rows.map((row) => row.map(escapeCell)))

/** A whole CSV file: the header line, then `rows`. */
export const csvText = (header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string => stringify([[...header]]) + csvLines(rows)
