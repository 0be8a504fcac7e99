import { APIError, type CollectionConfig, type Config, type Endpoint, type Plugin } from 'payload'

import { hasBody, mediaTypeOf, problem } from './requestGuard'

/**
 * Bad input is the client's mistake: a 4xx that says what is wrong, never a 500 (docs/security.md,
 * "Errors"). The request guard (`requestGuard.ts`) refuses what it can see before Payload; this plugin
 * covers what only Payload knows:
 * - the plugin's and the host's own endpoints read JSON only (415 otherwise), unless an endpoint says it
 *   takes any body (`custom: { anyContentType: true }`: a payment provider's signed webhook);
 * - a document id that cannot be one (`abc`, `1.5`, past Postgres's `integer`) is a 400 before any query;
 * - a value Postgres refuses as data (class 22: invalid text for a number, out of range…) anywhere else is
 *   a 400 too, not a "Something went wrong" 500. Place it last in `plugins`, after every plugin that adds endpoints.
 */
export const rejectBadInput = (): Plugin => (config: Config): Config => ({
  ...config,
  collections: config.collections?.map(checkedCollection),
  endpoints: config.endpoints?.map(jsonOnly),
  globals: config.globals?.map((global) => ({ ...global, endpoints: Array.isArray(global.endpoints) ? global.endpoints.map(jsonOnly) : global.endpoints })),
  hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), dataErrorsAreBadRequests] },
})

/** Postgres's `integer`, the type of every serial id. */
const MAX_INTEGER_ID = 2_147_483_647

const BODY_METHODS = new Set(['delete', 'patch', 'post', 'put'])

/** A custom endpoint that reads a body takes JSON only. */
const jsonOnly = (endpoint: Endpoint): Endpoint => {
  if (!BODY_METHODS.has(endpoint.method) || endpoint.custom?.anyContentType === true) return endpoint
  const { handler } = endpoint
  return {
    ...endpoint,
    handler: (req) => {
      const type = mediaTypeOf(req.headers.get('content-type'))
      if (hasBody(req.headers) && type !== 'application/json') {
        return problem(415, `This endpoint takes a JSON body (Content-Type: application/json)${type ? `, not ${type}` : ''}.`)
      }
      return handler(req)
    },
  }
}

/** Payload's Postgres adapter gives collections serial (integer) ids unless they declare an `id` field. */
const hasIntegerIds = (collection: CollectionConfig): boolean =>
  !collection.fields.some((field) => 'name' in field && field.name === 'id')

export const isIntegerId = (id: unknown): boolean =>
  (typeof id === 'number' && Number.isInteger(id) && id >= 0 && id <= MAX_INTEGER_ID) ||
  (typeof id === 'string' && /^\d{1,10}$/.test(id) && Number(id) <= MAX_INTEGER_ID)

const checkedCollection = (collection: CollectionConfig): CollectionConfig => {
  const endpoints = Array.isArray(collection.endpoints) ? collection.endpoints.map(jsonOnly) : collection.endpoints
  if (!hasIntegerIds(collection)) return { ...collection, endpoints }
  return {
    ...collection,
    endpoints,
    hooks: {
      ...collection.hooks,
      beforeOperation: [
        // First: a malformed id must not reach access filters or the database.
        ({ args }) => {
          const { id } = args as { id?: unknown }
          if (id !== undefined && !isIntegerId(id)) {
            throw new APIError(`The id in the request is not a valid ${collection.slug} id: ids are whole numbers from 0 to ${MAX_INTEGER_ID}.`, 400, null, true)
          }
        },
        ...(collection.hooks?.beforeOperation ?? []),
      ],
    },
  }
}

/** The SQLSTATE of a Postgres error, wherever the driver and Drizzle wrapped it. */
const sqlStateOf = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { code } = current as { code?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

/**
 * Class 22 is "data exception": the query was fine, a value in it was not (`22P02` invalid text for a
 * number, `22003` out of range, `22007` bad date…). The client sent that value, so the answer is a 400.
 */
const dataErrorsAreBadRequests = ({ error }: { error: Error }) => {
  const state = sqlStateOf(error)
  if (!state?.startsWith('22')) return
  return { response: { errors: [{ message: 'A value in the request is not valid for its field (wrong type or out of range).' }] }, status: 400 }
}
