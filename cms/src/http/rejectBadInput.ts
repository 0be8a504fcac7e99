import { APIError, type CollectionConfig, type Config, type Endpoint, type Plugin } from 'payload'

import { hasBody, mediaTypeOf, problem } from './requestRules'

/**
 * Bad input is the client's mistake: a 4xx that says what is wrong, never a 500 (docs/security.md,
 * "Errors"). The request rules (`requestRules.ts`) refuses what it can see before Payload; this plugin
 * covers what only Payload knows:
 * - the plugin's and the host's own endpoints read JSON only (415 otherwise), unless an endpoint says it
 *   takes any body (`custom: { anyContentType: true }`: a payment provider's signed webhook);
 * - a document id that cannot be one (`abc`, `1.5`, past Postgres's `integer`) is a 400 before any query;
 * - a document (`data`) that is not an object — a multipart `_payload` of `null` or a string — is a 400,
 *   and a missing one (a file alone) is an empty document, which validation then judges;
 * - a value Postgres refuses as data (class 22: invalid text for a number, out of range…), or a multipart
 *   body that does not parse, is a 400 too, not a "Something went wrong" 500 (`afterError`).
 * Place it last in `plugins`, after every plugin that adds endpoints.
 */
export const rejectBadInput = (): Plugin => (config: Config): Config => ({
  ...config,
  // Payload logs a thrown error at `error` level with its stack unless told otherwise by its name; a
  // client's malformed request is not the server's error (ErrorName lists only Payload's own names).
  loggingLevels: { ...config.loggingLevels, [BadInput.name]: 'info' } as Config['loggingLevels'],
  collections: config.collections?.map(checkedCollection),
  endpoints: config.endpoints?.map(jsonOnly),
  globals: config.globals?.map((global) => ({ ...global, endpoints: Array.isArray(global.endpoints) ? global.endpoints.map(jsonOnly) : global.endpoints })),
  hooks: { ...config.hooks, afterError: [...(config.hooks?.afterError ?? []), dataErrorsAreBadRequests] },
})

/** A 400 for a request no document could answer (logged at `info`, not as a server error). */
class BadInput extends APIError {
  constructor(message: string) {
    super(message, 400, null, true)
  }
}

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
  const integerIds = hasIntegerIds(collection)
  return {
    ...collection,
    endpoints: Array.isArray(collection.endpoints) ? collection.endpoints.map(jsonOnly) : collection.endpoints,
    hooks: {
      ...collection.hooks,
      beforeOperation: [
        // First: a malformed id or document must not reach access filters, hooks or the database.
        ({ args, operation }) => {
          // (A REST id Payload would parseFloat, `/categories/1abc`, is refused before: requestRules.ts.)
          const { data, id } = args as { data?: unknown; id?: unknown }
          if (integerIds && id !== undefined && !isIntegerId(id)) {
            throw new BadInput(`The id in the request is not a valid ${collection.slug} id: ids are whole numbers from 0 to ${MAX_INTEGER_ID}.`)
          }
          if (operation !== 'create' && operation !== 'update') return args
          // A multipart body without `_payload` (a file alone) is an empty document: validation names what is missing.
          if (data === undefined) return { ...args, data: {} }
          // A `_payload` of `null` or a string reaches the operation as is.
          if (!isPlainObject(data)) throw new BadInput('The document must be a JSON object (multipart: in the `_payload` field).')
          return args
        },
        ...(collection.hooks?.beforeOperation ?? []),
      ],
    },
  }
}

const isPlainObject = (value: unknown): boolean => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The SQLSTATE of a Postgres error, wherever the driver and Drizzle wrapped it. */
const sqlStateOf = (error: unknown): string | undefined => {
  for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; current = (current as { cause?: unknown }).cause, depth += 1) {
    const { code } = current as { code?: unknown }
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code
  }
  return undefined
}

/** Errors of parsing a request body that Payload lets through as 500s (multipart bodies, which are streamed, not checked before). */
const BODY_PARSE_ERRORS = [
  // busboy, parsing multipart/form-data
  /^Unexpected end of (form|file)$/,
  /^Malformed part header$/,
  /^Multipart: Boundary not found$/,
  // Payload, given a file on a collection without uploads
  /^Request is not eligible for file upload$/,
]

/** What the client did wrong, if `error` says so: a 400's message, or null for a real server error. */
const clientMistake = (error: Error): null | string => {
  // Class 22 is "data exception": the query was fine, a value in it was not (`22P02` invalid text for a
  // number, `22003` out of range, `22007` bad date…). The client sent that value.
  if (sqlStateOf(error)?.startsWith('22')) return 'A value in the request is not valid for its field (wrong type or out of range).'
  // Nothing on the server parses JSON it made itself: a SyntaxError is a body's (`_payload`) JSON.
  if (error instanceof SyntaxError) return `The request body is not valid JSON: ${error.message}`.slice(0, 200)
  if (BODY_PARSE_ERRORS.some((pattern) => pattern.test(error.message))) return `The request body is malformed: ${error.message}.`
  // Payload walks documents recursively; only a body nested thousands deep exhausts the stack.
  if (error instanceof RangeError && /call stack/.test(error.message)) return 'The request body is nested too deeply.'
  return null
}

/** The backstop: whatever the checks before missed and Payload would answer with a 500, when the client caused it. */
const dataErrorsAreBadRequests = ({ error }: { error: Error }) => {
  const message = clientMistake(error)
  if (message) return { response: { errors: [{ message }] }, status: 400 }
}
