/** A Payload `where` (or any nested query value) as plain data: the REST API reads it in `qs` bracket notation. */
export type QueryValue = boolean | number | string | QueryValue[] | { [key: string]: QueryValue | undefined }

/**
 * Appends `value` under `prefix` in the bracket notation Payload's REST API parses:
 * `{ and: [{ price: { greater_than_equal: 100 } }] }` under `where` becomes
 * `where[and][0][price][greater_than_equal]=100`. `undefined` members are skipped.
 */
export const appendQuery = (params: URLSearchParams, prefix: string, value: QueryValue | undefined): URLSearchParams => {
  if (value === undefined) return params
  if (Array.isArray(value)) {
    value.forEach((item, index) => appendQuery(params, `${prefix}[${index}]`, item))
  } else if (typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) appendQuery(params, `${prefix}[${key}]`, item)
  } else {
    params.append(prefix, String(value))
  }
  return params
}
