import type { SelectShape } from './searchParams'

type Doc = Record<string, unknown>

/** Whether a select only names fields to keep (every leaf `true`): the kind `selectStoredDoc` applies. */
export const isIncludeSelect = (shape: SelectShape): boolean =>
  Object.values(shape).every((value) => (typeof value === 'object' ? isIncludeSelect(value) : value === true))

/**
 * A stored listing document cut down to an include-only `select`, as Payload's find returns it: the
 * `id`, then the chosen fields in the document's own order (unknown names are ignored); a nested
 * shape over an array field keeps each row's `id` and the chosen sub-fields (`select[variants][stock]`).
 * Undefined when the shape nests into anything but an array of rows (a group, a relationship), which
 * Payload's find is left to answer.
 */
export const selectStoredDoc = (doc: Doc, shape: SelectShape): Doc | undefined => {
  const result: Doc = {}
  for (const [key, value] of Object.entries(doc)) {
    const chosen = shape[key]
    if (key === 'id') result[key] = value
    else if (chosen === true) result[key] = value
    else if (typeof chosen === 'object') {
      if (value === null || value === undefined) result[key] = value
      else if (!Array.isArray(value) || !value.every((row) => row !== null && typeof row === 'object' && !Array.isArray(row))) return undefined
      else {
        const rows: Doc[] = []
        for (const row of value as Doc[]) {
          const selected = selectStoredDoc(row, chosen)
          if (!selected) return undefined
          rows.push(selected)
        }
        result[key] = rows
      }
    }
  }
  return result
}
