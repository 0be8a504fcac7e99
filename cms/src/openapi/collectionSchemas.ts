import { configToJSONSchema, type SanitizedCollectionConfig, type SanitizedConfig } from 'payload'

import { fromPayloadSchema, type JsonSchema, referencedSchemas } from './jsonSchema'

/** Set by the server on every write; a client never sends them. */
const SERVER_SET = ['id', 'createdAt', 'updatedAt']

type Properties = Record<string, JsonSchema>

const propertiesOf = (schema: JsonSchema): Properties => ('properties' in schema ? ((schema.properties ?? {}) as Properties) : {})
const requiredOf = (schema: JsonSchema): string[] => ('required' in schema && Array.isArray(schema.required) ? schema.required : [])

const without = (properties: Properties, names: Set<string>): Properties =>
  Object.fromEntries(Object.entries(properties).filter(([name]) => !names.has(name)))

/**
 * A collection's schemas, from the JSON Schema Payload generates its TypeScript types from (so they
 * follow every field of the config):
 * - `<slug>`: a document as the API returns it, without fields Payload never returns (`hidden`, the
 *   password) and those the host lists in `omit` (dropped by its own hooks);
 * - `<slug>_create`: the body of a create, without what the server sets, and with a field required
 *   only when it is required and has no default (plus `password` on auth collections);
 * - `<slug>_update`: the body of an update: the same fields, none required.
 */
const schemasOf = (collection: SanitizedCollectionConfig, payloadSchema: JsonSchema, omit: string[]): Record<string, JsonSchema> => {
  const hidden = new Set([...collection.flattenedFields.filter((field) => 'hidden' in field && field.hidden).map((field) => field.name), 'password', ...omit])
  const all = propertiesOf(payloadSchema)
  const withDefault = new Set(collection.flattenedFields.filter((field) => 'defaultValue' in field && field.defaultValue !== undefined).map((field) => field.name))
  // `collection` is what the auth strategy adds to an auth document; a client never writes it.
  const input = without(all, new Set([...SERVER_SET, ...hidden, 'collection']))
  if (collection.auth) input.password = { type: 'string', writeOnly: true }
  const required = requiredOf(payloadSchema)
  const returned = without(all, hidden)
  // Login and `me` answer the user with the auth strategy that signed them in, which the types leave out.
  if (collection.auth) returned._strategy = { description: 'How the user signed in, such as `local-jwt` (login and `me` answers).', type: 'string' }
  return {
    [collection.slug]: { ...payloadSchema, properties: returned, required: required.filter((name) => !hidden.has(name)) },
    [`${collection.slug}_create`]: {
      additionalProperties: false,
      properties: input,
      required: [...required.filter((name) => name in input && !withDefault.has(name)), ...(collection.auth ? ['password'] : [])],
      title: `${String(payloadSchema.title ?? collection.slug)} (create)`,
      type: 'object',
    },
    [`${collection.slug}_update`]: {
      additionalProperties: false,
      properties: input,
      title: `${String(payloadSchema.title ?? collection.slug)} (update)`,
      type: 'object',
    },
  }
}

/**
 * The component schemas of the given collections, and every schema they refer to (e.g. a product's
 * images refer to `media`, wherever that collection is listed).
 */
export const collectionSchemas = (config: SanitizedConfig, collections: SanitizedCollectionConfig[], omit: Record<string, string[]>): Record<string, JsonSchema> => {
  const definitions = configToJSONSchema(config, config.db.defaultIDType === 'text' ? 'text' : 'number').definitions ?? {}
  const converted = new Map(Object.entries(definitions).map(([name, schema]) => [name, fromPayloadSchema(schema)]))
  const schemas: Record<string, JsonSchema> = {}
  for (const collection of collections) {
    const payloadSchema = converted.get(collection.slug)
    if (!payloadSchema) throw new Error(`openapi: Payload generated no JSON Schema for the "${collection.slug}" collection`)
    Object.assign(schemas, schemasOf(collection, payloadSchema, omit[collection.slug] ?? []))
  }
  // Whatever they refer to that is not one of the collections above (e.g. a collection hidden from the document).
  const pending = [...referencedSchemas(schemas)].filter((name) => !(name in schemas))
  while (pending.length > 0) {
    const name = pending.pop() as string
    const schema = converted.get(name)
    if (!schema) throw new Error(`openapi: a collection schema refers to "${name}", which Payload did not generate`)
    schemas[name] = schema
    pending.push(...[...referencedSchemas(schema)].filter((ref) => !(ref in schemas) && !pending.includes(ref)))
  }
  return schemas
}
