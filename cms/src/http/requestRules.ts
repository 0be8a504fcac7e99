import type { SanitizedConfig } from 'payload'
import { localeQueryProblem, localesOf } from '@showroom/payload-commerce/utilities'
import { parse } from 'qs-esm'

/**
 * What the REST API refuses before Payload parses a request (docs/security.md, "Request limits and content
 * types"): methods it has no use for (405), bodies in a type no endpoint reads (415), bodies over the limit
 * (413, here when declared, while streaming otherwise) and query parameters Payload would choke on (400).
 * Both servers run it: the Next route handler and `scripts/serveApi.ts`, through `restHandler.ts`.
 */

/** Uploads (media create and update) may be this large: a camera's JPEG, with room to spare. */
export const MAX_UPLOAD_BODY_BYTES = 25 * 1024 * 1024
/** Every other body: JSON documents and forms are far smaller; a larger one is an attack or a bug. */
export const MAX_BODY_BYTES = 1024 * 1024

/**
 * JSON bodies nested deeper than this are refused: no document of the shop comes close (rich text
 * stays under 20 levels), and Payload walks data recursively (5,000 levels overflowed its stack: a 500).
 */
export const MAX_JSON_DEPTH = 64

/** The methods some endpoint answers; anything else (TRACE, CONNECT, WebDAV verbs…) is refused with 405. */
export const ALLOWED_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const

/** `page`, `limit`, `depth`: whole numbers that fit Postgres's `integer` (OFFSET/LIMIT are computed from them). */
const MAX_QUERY_INTEGER = 2_147_483_647

/** Payload's own query-string options (`createPayloadRequest`), so a query means here what it means there. */
const QS_OPTIONS = { allowEmptyArrays: true, arrayLimit: 1000, depth: 10, ignoreQueryPrefix: true }

export const problem = (status: number, message: string, headers: Record<string, string> = {}): Response =>
  Response.json({ errors: [{ message }] }, { headers, status })

/** The media type of a Content-Type header, lower-cased, without parameters (`multipart/form-data`). */
export const mediaTypeOf = (contentType: null | string): string => (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? ''

/** Whether the request carries a body (a positive Content-Length, or a chunked one). */
export const hasBody = (headers: Headers): boolean => Number(headers.get('content-length') ?? '0') > 0 || headers.has('transfer-encoding')

/** The POST that Payload's admin sends instead of a long GET (its relationship fields), with the query as the body. */
export const isMethodOverrideGet = (request: Request): boolean =>
  request.method === 'POST' &&
  (request.headers.get('x-payload-http-method-override') === 'GET' || request.headers.get('x-http-method-override') === 'GET')

/** The body limit of a request to `segments` (the path below the API route): uploads get more. */
export const bodyLimitOf = (config: SanitizedConfig, method: string, segments: string[]): number => {
  const collection = config.collections.find((each) => each.slug === segments[0])
  return collection?.upload && (method === 'POST' || method === 'PATCH' || method === 'PUT') ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES
}

/**
 * The body types Payload's REST endpoints read: JSON, and multipart with the document as JSON in a
 * `_payload` field (what the admin sends, files included). The plugin's own endpoints take JSON only
 * (`rejectBadInput.ts`); urlencoded is only the admin's "GET by POST" query.
 */
const contentTypeProblem = (request: Request): null | Response => {
  if (!hasBody(request.headers)) return null
  const type = mediaTypeOf(request.headers.get('content-type'))
  if (type === 'application/json' || type === 'multipart/form-data') return null
  if (type === 'application/x-www-form-urlencoded' && isMethodOverrideGet(request)) return null
  return problem(415, `A request body must be sent as application/json${type ? `, not ${type}` : ' (no Content-Type was given)'}; uploads as multipart/form-data.`)
}

const integerProblem = (name: string, value: unknown, min: number): null | string => {
  if (value === undefined) return null
  if (typeof value !== 'string' || !/^\d{1,10}$/.test(value) || Number(value) < min || Number(value) > MAX_QUERY_INTEGER) {
    return `The query parameter "${name}" must be a whole number from ${min} to ${MAX_QUERY_INTEGER}.`
  }
  return null
}

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/** `where` as Payload takes it: nested query parameters, or the same object as a JSON string. */
const whereProblem = (where: unknown): null | string => {
  if (where === undefined || isPlainObject(where)) return null
  if (typeof where === 'string') {
    try {
      if (isPlainObject(JSON.parse(where))) return null
    } catch {
      // Reported below, like any other malformed value.
    }
  }
  return 'The query parameter "where" must be an object (where[field][operator]=value) or that object as JSON.'
}

const sortProblem = (sort: unknown): null | string =>
  sort === undefined || typeof sort === 'string' || (Array.isArray(sort) && sort.every((each) => typeof each === 'string'))
    ? null
    : 'The query parameter "sort" must be a field name, optionally prefixed with "-", or a list of them.'

const objectOrStringProblem = (name: string, value: unknown): null | string =>
  value === undefined || typeof value === 'string' || isPlainObject(value) ? null : `The query parameter "${name}" must be an object (${name}[field]=true).`

/** The first problem with the query parameters Payload's REST API reads, or null. */
export const queryProblem = (search: string): null | string => {
  if (!search) return null
  let query: Record<string, unknown>
  try {
    query = parse(search, QS_OPTIONS) as Record<string, unknown>
  } catch {
    return 'The query string is malformed.'
  }
  return (
    integerProblem('page', query.page, 1) ??
    integerProblem('limit', query.limit, 0) ??
    integerProblem('depth', query.depth, 0) ??
    whereProblem(query.where) ??
    sortProblem(query.sort) ??
    objectOrStringProblem('select', query.select) ??
    objectOrStringProblem('populate', query.populate) ??
    null
  )
}

/**
 * The answer to a request refused before Payload, or null to pass it on. `segments` is the path below
 * the API route (`['orders', '12', 'status']`).
 */
export const refuseRequest = (config: SanitizedConfig, request: Request, segments: string[]): null | Response => {
  if (!(ALLOWED_METHODS as readonly string[]).includes(request.method)) {
    return problem(405, `The method ${request.method} is not allowed.`, { Allow: ALLOWED_METHODS.join(', ') })
  }
  // Nothing reads the body of a read (Payload's file route, given a multipart one, failed with a 500).
  if ((request.method === 'GET' || request.method === 'HEAD') && hasBody(request.headers)) {
    return problem(400, `A ${request.method} request has no body: send the query in the URL.`)
  }
  // A delete reads no document: Payload ignores its body, so a multipart one (not checked before Payload,
  // unlike JSON) would delete with whatever garbage it carries. JSON bodies are checked below.
  if (request.method === 'DELETE' && hasBody(request.headers) && mediaTypeOf(request.headers.get('content-type')) === 'multipart/form-data') {
    return problem(400, 'A DELETE request takes no form data: say what to delete in the URL.')
  }
  const limit = bodyLimitOf(config, request.method, segments)
  if (Number(request.headers.get('content-length') ?? '0') > limit) return tooLarge(limit)
  const wrongType = contentTypeProblem(request)
  if (wrongType) return wrongType
  const badId = idSegmentProblem(config, segments)
  if (badId) return problem(400, badId)
  const search = new URL(request.url).search
  const badQuery = queryProblem(search) ?? localeProblem(config, search)
  return badQuery ? problem(400, badQuery) : null
}

/** `locale` and `fallback-locale` must name a configured locale (see `localeQueryProblem`). */
const localeProblem = (config: Pick<SanitizedConfig, 'localization'>, search: string): null | string =>
  config.localization && search ? localeQueryProblem(localesOf(config.localization), new URLSearchParams(search)) : null

/**
 * Payload reads a document id in the path with `parseFloat`, so `/categories/1abc` or `/categories/1%00`
 * would act on document 1 (the fuzz found a DELETE doing so). An id segment that starts with a digit
 * must be all digits; other segments are routes (`search`, `export`…) or fail as ids in `rejectBadInput`.
 */
const idSegmentProblem = (config: SanitizedConfig, segments: string[]): null | string => {
  const [slug, first, second] = segments
  if (!slug || !config.collections.some((collection) => collection.slug === slug)) return null
  const id = first === 'versions' ? second : first
  if (id === undefined || !/^\d/.test(id) || /^\d+$/.test(id)) return null
  return `The id in the request is not a valid ${slug} id: ids are whole numbers.`
}

/** Whether `text` (JSON, valid or not) opens more than `MAX_JSON_DEPTH` arrays/objects inside each other; strings are skipped. */
const nestedTooDeeply = (text: string): boolean => {
  let depth = 0
  let inString = false
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index)
    if (inString) {
      if (char === 0x5c) index += 1 // a backslash escapes the next character
      else if (char === 0x22) inString = false
    } else if (char === 0x22) inString = true
    else if (char === 0x7b || char === 0x5b) {
      depth += 1
      if (depth > MAX_JSON_DEPTH) return true
    } else if (char === 0x7d || char === 0x5d) depth -= 1
  }
  return false
}

/**
 * What is wrong with a JSON body, or null: it must parse, as an object (Payload reads a bare string or
 * number as a document and fails with a 500), nested within `MAX_JSON_DEPTH` (checked before parsing).
 * Checked for every route, also those that read no body (`DELETE`): a garbled request does nothing.
 */
export const jsonBodyProblem = (text: string): null | string => {
  // No body at all, whatever the Content-Type says (clients send it on bodiless POSTs such as logout).
  if (text.trim() === '') return null
  if (nestedTooDeeply(text)) return `The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    return `The body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200)
  }
  return isPlainObject(value) ? null : 'The JSON body must be an object ({…}).'
}

export const tooLarge = (limit: number): Response => problem(413, `The request body is larger than ${limit} bytes.`)

/** Passes a body through while it stays within `limit` bytes; past that, errors it and calls `onExceeded`. */
export const limitedBody = (body: ReadableStream<Uint8Array>, limit: number, onExceeded: () => void): ReadableStream<Uint8Array> => {
  let size = 0
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        size += chunk.byteLength
        if (size <= limit) return controller.enqueue(chunk)
        onExceeded()
        controller.error(Object.assign(new Error('Request body too large'), { name: 'RequestBodyTooLarge', status: 413 }))
      },
    }),
  )
}
