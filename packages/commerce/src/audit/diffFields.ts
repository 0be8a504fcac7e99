import type { AuditChange } from './record'

import { REDACTED } from './record'

/**
 * What the audit records of one collection: `fields` (dot paths into the document) with their values
 * before and after, `arrays` (an array field whose rows are keyed by `key`, with the row fields kept,
 * such as each variant's price by SKU), and `secrets`: fields recorded only as changed, never with a value.
 */
export type AuditedFields = {
  arrays?: Array<{ fields: string[]; key: string; name: string }>
  fields: string[]
  secrets?: string[]
  /**
   * Leaves out updates that change none of the audited fields (a customer saving her cart or address
   * book): no entry for what is no one's audit business. @default false (every update is recorded)
   */
  skipUnchanged?: boolean
  /** The field that labels the document in the log (title, email, URL, order number). */
  title?: string
}

type Doc = null | Record<string, unknown> | undefined

const valueAt = (doc: Doc, path: string): unknown => {
  let current: unknown = doc
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return null
    current = (current as Record<string, unknown>)[part]
  }
  return current ?? null
}

/** A related document counts by its id, so a depth-1 read and a depth-0 read compare equal. */
const comparable = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(comparable)
  if (value !== null && typeof value === 'object' && 'id' in value) return (value as { id: unknown }).id
  return value
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b)

const rowsByKey = (doc: Doc, name: string, key: string): Map<string, Record<string, unknown>> => {
  const rows = valueAt(doc, name)
  const map = new Map<string, Record<string, unknown>>()
  if (!Array.isArray(rows)) return map
  for (const row of rows) {
    if (row === null || typeof row !== 'object') continue
    const value = (row as Record<string, unknown>)[key]
    if (typeof value === 'string' || typeof value === 'number') map.set(String(value), row as Record<string, unknown>)
  }
  return map
}

/**
 * The audited fields that differ between `before` and `after` (either may be null: a create or a
 * delete), with both values; `changedSecrets` are listed as `[redacted]` on both sides.
 */
export const diffFields = (spec: AuditedFields, before: Doc, after: Doc, changedSecrets: string[] = []): AuditChange[] => {
  const changes: AuditChange[] = []
  for (const field of spec.fields) {
    const was = comparable(valueAt(before, field))
    const now = comparable(valueAt(after, field))
    if (!same(was, now)) changes.push({ after: now, before: was, field })
  }
  for (const array of spec.arrays ?? []) {
    const was = rowsByKey(before, array.name, array.key)
    const now = rowsByKey(after, array.name, array.key)
    for (const key of new Set([...was.keys(), ...now.keys()])) {
      for (const field of array.fields) {
        const a = comparable(was.get(key)?.[field] ?? null)
        const b = comparable(now.get(key)?.[field] ?? null)
        if (!same(a, b)) changes.push({ after: b, before: a, field: `${array.name}[${key}].${field}` })
      }
    }
  }
  for (const secret of changedSecrets) changes.push({ after: REDACTED, before: REDACTED, field: secret })
  return changes
}

/** The document's label for the log, from `spec.title`. */
export const titleOf = (spec: AuditedFields, doc: Doc): null | string => {
  const value = spec.title ? valueAt(doc, spec.title) : null
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null
}
