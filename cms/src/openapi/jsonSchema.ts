import type { JsonSchema, ReferenceObject } from './types'

export type { JsonSchema } from './types'

/** `#/components/schemas/<name>` */
export const schemaRef = (name: string): ReferenceObject => ({ $ref: `#/components/schemas/${name}` })

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === 'object' && !Array.isArray(value)

/**
 * Payload's `configToJSONSchema` writes draft-04 style schemas for its type generator: references
 * into `#/definitions/…`, a `tsType` hint, (in the auth operations) `required: false` inside a
 * property, and optional selects whose `enum` lacks the `null` their type allows. This rewrites one such schema for OpenAPI 3.1 (JSON Schema 2020-12): references point at
 * `#/components/schemas/…`, and keywords 2020-12 does not know are dropped.
 */
export const fromPayloadSchema = (schema: unknown): JsonSchema => convert(schema) as JsonSchema

const convert = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(convert)
  if (!isObject(value)) return value
  const out: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(value)) {
    if (key === 'tsType') continue
    if (key === 'required' && !Array.isArray(child)) continue
    if (key === '$ref' && typeof child === 'string') {
      out.$ref = child.replace(/^#\/definitions\/([^/]+)$/, '#/components/schemas/$1')
      continue
    }
    // `properties` maps names to schemas: a field called `required` or `tsType` must survive.
    out[key] = key === 'properties' && isObject(child) ? Object.fromEntries(Object.entries(child).map(([name, sub]) => [name, convert(sub)])) : convert(child)
  }
  // An optional select is `type: ['string', 'null']` with an `enum` of its options only: `null`, which
  // the API does return for an empty one, would fail the enum.
  if (Array.isArray(out.type) && out.type.includes('null') && Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null]
  return out
}

/** Every component name a schema refers to (`#/components/schemas/<name>`). */
export const referencedSchemas = (value: unknown, found = new Set<string>()): Set<string> => {
  if (Array.isArray(value)) for (const item of value) referencedSchemas(item, found)
  else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') {
        const name = /^#\/components\/schemas\/([^/]+)$/.exec(child)?.[1]
        if (name) found.add(name)
      } else referencedSchemas(child, found)
    }
  }
  return found
}
