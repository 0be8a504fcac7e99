import type { PostgresAdapter } from '@payloadcms/db-postgres'
import { sql } from '@payloadcms/db-postgres'

type Db = PostgresAdapter['drizzle']
type Row = Record<string, unknown> & { id: number | string }

/** The parts of a drizzle column this writer reads. */
type Column = {
  columnType: string
  default?: unknown
  defaultFn?: unknown
  getSQLType: () => string
  mapToDriverValue?: (value: unknown) => unknown
  name: string
  onUpdateFn?: unknown
}

const isColumn = (value: unknown): value is Column =>
  typeof value === 'object' && value !== null && typeof (value as Column).getSQLType === 'function' && typeof (value as Column).name === 'string'

/** The type to read a column's value out of JSON as (an enum by its quoted name, a serial as an integer). */
const jsonType = (column: Column): string => {
  const type = column.getSQLType()
  if (column.columnType === 'PgEnumColumn') return `"${type.replaceAll('"', '""')}"`
  if (type === 'serial') return 'integer'
  if (type === 'bigserial') return 'bigint'
  return type
}

/** A value as JSON for `jsonb_to_recordset`: JSON columns as they are, others as drizzle sends them to the driver. */
const jsonValue = (column: Column, value: unknown): unknown => {
  if (value === null || value === undefined) return null
  if (column.columnType === 'PgJsonb' || column.columnType === 'PgJson') return value
  return column.mapToDriverValue ? column.mapToDriverValue(value) : value
}

/**
 * Inserts `rows` (drizzle rows of Payload's `upsertRow`: property names as keys) into one table in one
 * statement whose only parameter is the rows as JSON (`insert … select … from jsonb_to_recordset($1)`),
 * returning each row's `id` (and `_uuid`, which Payload's array writer matches rows by), in order.
 * Drizzle's own multi-row insert builds a parameter and several checks per value of every column,
 * which costs more than Postgres takes to insert the rows. Rows it cannot write the same way (a key
 * that is not a column, or a column given in some rows only while it has a default, which drizzle
 * fills per row) go through the adapter's own insert.
 */
export const insertRows = async (adapter: PostgresAdapter, db: Db, tableName: string, rows: Array<Record<string, unknown>>): Promise<Row[]> => {
  const table = (adapter.tables as Record<string, Record<string, unknown>>)[tableName]
  if (!table) throw new Error(`No table "${tableName}"`)
  const keys = [...new Set(rows.flatMap((row) => Object.keys(row).filter((key) => row[key] !== undefined)))]
  const columns = keys.map((key) => table[key])
  const drizzleInsert = async () => (await adapter.insert({ db, tableName, values: rows } as never)) as Row[]
  if (!columns.every(isColumn)) return drizzleInsert()
  const given = columns as Column[]
  const partial = keys.some((key, index) => {
    const column = given[index] as Column
    return (column.default !== undefined || column.defaultFn !== undefined || column.onUpdateFn !== undefined) && rows.some((row) => row[key] === undefined)
  })
  if (partial) return drizzleInsert()

  const records = rows.map((row) => Object.fromEntries(keys.map((key, index) => [(given[index] as Column).name, jsonValue(given[index] as Column, row[key])])))
  const names = given.map((column) => sql.identifier(column.name))
  const definitions = given.map((column) => sql`${sql.identifier(column.name)} ${sql.raw(jsonType(column))}`)
  const returned = [table.id, table._uuid].filter(isColumn)
  const { rows: inserted } = await db.execute<Record<string, unknown>>(sql`
    insert into ${sql.identifier(tableName)} (${sql.join(names, sql`, `)})
    select ${sql.join(names, sql`, `)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as r (${sql.join(definitions, sql`, `)})
    returning ${sql.join(returned.map((column) => sql.identifier(column.name)), sql`, `)}`)
  const uuid = isColumn(table._uuid) ? table._uuid.name : null
  return inserted.map((row) => ({ ...(uuid && { _uuid: row[uuid] }), id: row.id as number | string }))
}
