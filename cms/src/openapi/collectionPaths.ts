import type { SanitizedCollectionConfig, SanitizedConfig } from 'payload'

import { type Callers, describeCallers } from './accessProbe'
import { errorRef, json, paramRef, QUERY_PARAMETERS } from './commonComponents'
import { schemaRef } from './jsonSchema'
import { type SecurityRequirements, securityFor } from './security'
import type { Operation, ParameterObject, Paths } from './types'

export type CollectionAccess = Record<'create' | 'delete' | 'read' | 'update', Callers>

const ID_PARAMETER = (config: SanitizedConfig): ParameterObject => ({
  in: 'path',
  name: 'id',
  required: true,
  schema: config.db.defaultIDType === 'text' ? { type: 'string' } : { type: 'integer' },
})

const message = { type: 'string' } as const
const docEnvelope = (slug: string) => ({ properties: { doc: schemaRef(slug), message }, required: ['doc'], type: 'object' as const })
const bulkEnvelope = (slug: string) => ({
  properties: {
    docs: { items: schemaRef(slug), type: 'array' as const },
    errors: { items: { properties: { id: {}, message }, type: 'object' as const }, type: 'array' as const },
    message,
  },
  required: ['docs', 'errors'],
  type: 'object' as const,
})

/**
 * The list, read, create, update and delete operations Payload's REST API offers on one collection;
 * `readCredentials` are what its read rule accepts besides a signed-in user.
 */
export const collectionPaths = (
  config: SanitizedConfig,
  collection: SanitizedCollectionConfig,
  access: CollectionAccess,
  security: SecurityRequirements,
  readCredentials: SecurityRequirements = [],
): Paths => {
  const { slug } = collection
  const label = String(collection.labels.plural)
  const tags = [slug]
  const drafts = Boolean(collection.versions && typeof collection.versions === 'object' && collection.versions.drafts)
  const readParams = [paramRef('depth'), paramRef('select'), ...(drafts ? [paramRef('draft')] : []), ...(config.localization ? [paramRef('locale')] : [])]
  const writeParams = [paramRef('depth'), ...(drafts ? [paramRef('draft')] : []), ...(config.localization ? [paramRef('locale')] : [])]
  const op = (kind: keyof CollectionAccess, operation: Omit<Operation, 'security' | 'tags' | 'x-access'>): Operation => ({
    ...operation,
    description: `${operation.description ?? ''}\n\nWho may call it:\n${describeCallers(access[kind])}`.trim(),
    security: [...securityFor(access[kind], security), ...(kind === 'read' ? readCredentials : [])],
    tags,
    'x-access': access[kind],
  })
  const write = (schema: string) => ({ content: { 'application/json': { schema: schemaRef(schema) } }, required: true })
  // An upload collection takes the file and its fields as one multipart form (`_payload` is the fields' JSON).
  const upload = (schema: string) => ({
    content: {
      'application/json': { schema: schemaRef(schema) },
      'multipart/form-data': {
        schema: {
          properties: { _payload: { contentMediaType: 'application/json', description: `The fields, as JSON (${schema}).`, type: 'string' as const }, file: { contentMediaType: 'application/octet-stream' } },
          type: 'object' as const,
        },
      },
    },
    required: true,
  })
  const files: Paths = collection.upload
    ? {
        [`/${slug}/file/{filename}`]: {
          get: op('read', {
            operationId: `${slug}.file`,
            parameters: [{ in: 'path', name: 'filename', required: true, schema: { type: 'string' } }],
            responses: { 200: { content: { '*/*': {} }, description: 'The file (or one of its image sizes)' }, 403: errorRef('Forbidden'), 404: errorRef('NotFound') },
            summary: `Download a ${slug} file`,
          }),
        },
      }
    : {}

  return {
    ...files,
    [`/${slug}`]: {
      delete: op('delete', {
        operationId: `${slug}.deleteMany`,
        parameters: [{ ...QUERY_PARAMETERS.where, required: true }],
        responses: { 200: json(bulkEnvelope(slug), 'The deleted documents, and any that could not be deleted'), 400: errorRef('BadRequest'), 403: errorRef('Forbidden') },
        summary: `Delete every ${slug} document matching \`where\``,
      }),
      get: op('read', {
        operationId: `${slug}.find`,
        parameters: [paramRef('where'), paramRef('sort'), paramRef('page'), paramRef('limit'), ...readParams],
        responses: { 200: json(schemaRef(`${slug}_page`), `A page of ${label}`), 400: errorRef('BadRequest'), 403: errorRef('Forbidden') },
        summary: `List ${label}`,
      }),
      patch: op('update', {
        operationId: `${slug}.updateMany`,
        parameters: [{ ...QUERY_PARAMETERS.where, required: true }, ...writeParams],
        requestBody: write(`${slug}_update`),
        responses: { 200: json(bulkEnvelope(slug), 'The updated documents, and any that could not be updated'), 400: errorRef('BadRequest'), 403: errorRef('Forbidden') },
        summary: `Update every ${slug} document matching \`where\``,
      }),
      post: op('create', {
        operationId: `${slug}.create`,
        parameters: writeParams,
        requestBody: collection.upload ? upload(`${slug}_create`) : write(`${slug}_create`),
        responses: { 201: json(docEnvelope(slug), 'Created'), 400: errorRef('BadRequest'), 403: errorRef('Forbidden') },
        summary: `Create a ${slug} document`,
      }),
    },
    [`/${slug}/count`]: {
      get: op('read', {
        operationId: `${slug}.count`,
        parameters: [paramRef('where')],
        responses: { 200: json({ properties: { totalDocs: { type: 'integer' } }, required: ['totalDocs'], type: 'object' }, 'How many match'), 403: errorRef('Forbidden') },
        summary: `Count ${label}`,
      }),
    },
    [`/${slug}/{id}`]: {
      delete: op('delete', {
        operationId: `${slug}.deleteByID`,
        responses: { 200: json(docEnvelope(slug), 'Deleted'), 403: errorRef('Forbidden'), 404: errorRef('NotFound') },
        summary: `Delete one ${slug} document`,
      }),
      get: op('read', {
        operationId: `${slug}.findByID`,
        parameters: readParams,
        responses: { 200: json(schemaRef(slug), 'The document'), 403: errorRef('Forbidden'), 404: errorRef('NotFound') },
        summary: `Read one ${slug} document`,
      }),
      parameters: [ID_PARAMETER(config)],
      patch: op('update', {
        operationId: `${slug}.updateByID`,
        parameters: writeParams,
        requestBody: write(`${slug}_update`),
        responses: { 200: json(docEnvelope(slug), 'Updated'), 400: errorRef('BadRequest'), 403: errorRef('Forbidden'), 404: errorRef('NotFound') },
        summary: `Update one ${slug} document`,
      }),
    },
  }
}
