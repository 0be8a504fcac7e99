import type { Endpoint, Payload, SanitizedCollectionConfig } from 'payload'

import { probeAccess, rolesOf } from './accessProbe'
import { authPaths } from './authPaths'
import { type CollectionAccess, collectionPaths } from './collectionPaths'
import { collectionSchemas } from './collectionSchemas'
import { ERROR_RESPONSES, ERROR_SCHEMA, errorRef, paginated, QUERY_PARAMETERS, WHERE_SCHEMA } from './commonComponents'
import { type DescribeContext, type EndpointDescriptions, openApiPath } from './endpointDescription'
import { type JsonSchema, referencedSchemas, schemaRef } from './jsonSchema'
import { securitySchemes, signedIn } from './security'
import type { OpenApiDocument, Operation, Paths, SecurityScheme } from './types'

export type OpenApiOptions = {
  /**
   * Credentials other than a signed-in user that a collection's read rule accepts, per collection
   * (Showroom: a guest's order token on `orders`). Added to its read operations and to the schemes.
   * @default none
   */
  credentials?: Record<string, Record<string, SecurityScheme>>
  /** How each custom endpoint (the host's and its plugins') is described, by `<method> <path>`. */
  descriptions: EndpointDescriptions
  /** Response fields the host's hooks drop although the collection has them, per collection: `{ users: ['sessions'] }`. */
  omit?: Record<string, string[]>
  /** The payment methods the shop accepts (`POST /payments/{method}/webhook`). */
  paymentMethods: string[]
  /** Further security schemes the descriptions refer to (the metrics token). @default none */
  schemes?: Record<string, SecurityScheme>
  /** `info.title`. */
  title: string
}

/**
 * Routes Payload itself registers on every collection (and its auth and upload variants), relative
 * to the collection. The ones this document covers are generated from the collection; the rest are
 * the admin panel's plumbing (versions, locks, first user, unlock) and left out on purpose.
 */
const PAYLOAD_ROUTES = new Set([
  'delete /',
  'delete /:id',
  'get /',
  'get /:id',
  'get /count',
  'get /file/:filename',
  'get /init',
  'get /me',
  'get /paste-url/:id?',
  'get /versions',
  'get /versions/:id',
  'patch /',
  'patch /:id',
  'post /',
  'post /:id/api-key/reveal',
  'post /:id/duplicate',
  'post /access/:id?',
  'post /first-register',
  'post /forgot-password',
  'post /login',
  'post /logout',
  'post /refresh-token',
  'post /reset-password',
  'post /unlock',
  'post /verify/:id',
  'post /versions/:id',
])
const PAYLOAD_ROOT_ROUTES = new Set(['get /access'])

/** Payload's own collections (preferences, locks, migrations, jobs, key-value store): admin plumbing, not this API. */
const isPayloadInternal = (collection: SanitizedCollectionConfig): boolean => collection.slug.startsWith('payload-')

const routeKey = (endpoint: Endpoint, prefix = ''): string => `${endpoint.method} ${prefix}${endpoint.path === '/' && prefix ? '' : endpoint.path}`

const addOperation = (paths: Paths, key: string, operation: Operation): void => {
  const [method, path] = key.split(' ', 2) as [string, string]
  const item = (paths[openApiPath(path)] ??= {})
  Object.assign(item, { [method]: operation })
}

/** A custom endpoint nobody described: listed, so clients see it exists and a test sees the gap. */
const undocumented = (key: string): Operation => ({
  responses: { default: { description: 'Not described yet' } },
  summary: `${key} (not described)`,
  'x-undocumented': true,
})

/** Every operation that takes a body may be refused for its size or type (`cms/src/http/requestRules.ts`). */
const withBodyLimits = (paths: Paths): void => {
  for (const item of Object.values(paths)) {
    for (const method of ['delete', 'patch', 'post', 'put'] as const) {
      const operation = item[method]
      if (!operation?.requestBody) continue
      operation.responses['413'] ??= errorRef('PayloadTooLarge')
      operation.responses['415'] ??= errorRef('UnsupportedMediaType')
    }
  }
}

/** The schemas `roots` refer to, directly or through each other, in their original order. */
const usedSchemas = (schemas: Record<string, JsonSchema>, roots: unknown[]): Record<string, JsonSchema> => {
  const used = new Set<string>()
  let next = referencedSchemas(roots)
  while (next.size > 0) {
    for (const name of next) used.add(name)
    next = new Set([...referencedSchemas([...next].map((name) => schemas[name]))].filter((name) => !used.has(name)))
  }
  return Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name)))
}

/**
 * The OpenAPI 3.1 document of the REST API, built from the running config: every collection the API
 * exposes (schemas from Payload's own JSON Schema generator, access probed from the collection's
 * rules), the auth operations, and every custom endpoint registered on the config or a collection,
 * described by `options.descriptions`.
 */
export const buildOpenApiDocument = async (payload: Payload, options: OpenApiOptions): Promise<OpenApiDocument> => {
  const { config } = payload
  const collections = config.collections.filter((collection) => collection.endpoints !== false && !isPayloadInternal(collection))
  const signInSchemes = securitySchemes(config)
  const requirements = signedIn(signInSchemes)
  const schemes: Record<string, SecurityScheme> = {
    ...signInSchemes,
    ...Object.assign({}, ...Object.values(options.credentials ?? {})),
    ...options.schemes,
  }
  const users = config.collections.find((collection) => collection.auth && !isPayloadInternal(collection))
  const roles = rolesOf(users)
  const context: DescribeContext = { config, paymentMethods: options.paymentMethods, signedIn: requirements }

  const paths: Paths = {}
  for (const collection of collections) {
    const probe = (kind: keyof CollectionAccess) => probeAccess(payload, collection.access[kind], users?.slug ?? '', roles)
    const access: CollectionAccess = { create: await probe('create'), delete: await probe('delete'), read: await probe('read'), update: await probe('update') }
    const readCredentials = Object.keys(options.credentials?.[collection.slug] ?? {}).map((name) => ({ [name]: [] }))
    Object.assign(paths, collectionPaths(config, collection, access, requirements, readCredentials))
    if (collection.auth) Object.assign(paths, authPaths(collection, requirements))
  }
  // Every endpoint Payload will match, custom ones first (they shadow Payload's on the same route).
  const registered = [
    ...(config.endpoints || []).map((endpoint) => ({ key: routeKey(endpoint), payloadRoute: PAYLOAD_ROOT_ROUTES.has(routeKey(endpoint)) })),
    ...collections.flatMap((collection) =>
      (collection.endpoints || []).map((endpoint) => ({ key: routeKey(endpoint, `/${collection.slug}`), payloadRoute: PAYLOAD_ROUTES.has(routeKey(endpoint)) })),
    ),
  ]
  for (const { key, payloadRoute } of registered) {
    const describe = options.descriptions[key]
    if (describe) {
      const operation = describe(context)
      if (operation) addOperation(paths, key, operation)
    } else if (!payloadRoute) addOperation(paths, key, undocumented(key))
  }

  withBodyLimits(paths)

  const sorted = Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b)))
  const schemas = {
    Error: ERROR_SCHEMA,
    Where: WHERE_SCHEMA,
    ...Object.fromEntries(collections.map((collection) => [`${collection.slug}_page`, paginated(schemaRef(collection.slug), `A page of ${collection.slug}`)])),
    ...collectionSchemas(config, collections, options.omit ?? {}),
  }
  return {
    components: {
      parameters: QUERY_PARAMETERS,
      responses: ERROR_RESPONSES,
      // Only what an operation uses: a collection's create body is gone where a custom endpoint shadows it (`POST /orders`).
      schemas: usedSchemas(schemas, [sorted, QUERY_PARAMETERS, ERROR_RESPONSES]),
      securitySchemes: schemes,
    },
    info: {
      description: [
        `Generated from the running CMS’s Payload config. Errors are \`{ "errors": [{ "message": … }] }\`.`,
        `Sign in with \`POST /${users?.slug ?? 'users'}/login\`; send the token as \`Authorization: JWT <token>\` (or \`Bearer\`), or let a browser send the cookie.`,
        'Collection operations say which callers the access rule lets through (`x-access`: `all`, `some` = filtered, `none`).',
      ].join('\n\n'),
      title: options.title,
      version: config.routes.api.replace(/^.*\//, '') || '1',
    },
    openapi: '3.1.0',
    paths: sorted,
    servers: [{ url: `${config.serverURL}${config.routes.api}` }],
    tags: [...collections.map((collection) => ({ name: collection.slug })), { name: 'checkout' }, { name: 'payments' }, { name: 'operations' }],
  }
}
