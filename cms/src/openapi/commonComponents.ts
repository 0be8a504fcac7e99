import type { ParameterObject, ReferenceObject, ResponseObject } from './types'

import { type JsonSchema, schemaRef } from './jsonSchema'

/** Payload's error answer, used by every endpoint here: `{ errors: [{ message }] }`. */
export const ERROR_SCHEMA: JsonSchema = {
  properties: {
    errors: {
      items: {
        properties: {
          data: { description: 'Details, e.g. the fields that failed validation (`data.errors[].path`).' },
          message: { type: 'string' },
          name: { description: 'The error class, e.g. `ValidationError`.', type: 'string' },
        },
        required: ['message'],
        type: 'object',
      },
      minItems: 1,
      type: 'array',
    },
  },
  required: ['errors'],
  title: 'Error',
  type: 'object',
}

/** Payload's `where` query: `{ <field>: { <operator>: value }, and: [...], or: [...] }`, nested freely. */
export const WHERE_SCHEMA: JsonSchema = {
  additionalProperties: {
    additionalProperties: true,
    description:
      'Operators: equals, not_equals, in, not_in, all, exists, greater_than, greater_than_equal, less_than, less_than_equal, like, contains, near, within, intersects. Nested fields use dots: `variants.sku`.',
    type: 'object',
  },
  description: 'A Payload query: `where[price][less_than]=2000&where[or][0][featured][equals]=true`.',
  properties: {
    and: { items: schemaRef('Where'), type: 'array' },
    or: { items: schemaRef('Where'), type: 'array' },
  },
  title: 'Where',
  type: 'object',
}

/** A page of `item`s, as Payload's find answers. */
export const paginated = (item: ReferenceObject, title: string): JsonSchema => ({
  properties: {
    docs: { items: item, type: 'array' },
    hasNextPage: { type: 'boolean' },
    hasPrevPage: { type: 'boolean' },
    limit: { type: 'integer' },
    nextPage: { type: ['integer', 'null'] },
    page: { type: 'integer' },
    pagingCounter: { description: 'The 1-based position of the first document of this page.', type: 'integer' },
    prevPage: { type: ['integer', 'null'] },
    totalDocs: { type: 'integer' },
    totalPages: { type: 'integer' },
  },
  required: ['docs', 'totalDocs', 'limit', 'totalPages', 'page', 'pagingCounter', 'hasPrevPage', 'hasNextPage'],
  title,
  type: 'object',
})

/** A JSON body of `schema`. */
export const json = (schema: JsonSchema | ReferenceObject, description: string): ResponseObject => ({
  content: { 'application/json': { schema } },
  description,
})

export const errorResponse = (description: string): ResponseObject => json(schemaRef('Error'), description)

/** Payload's answers to a bad request, a missing sign-in, a refusal and an unknown document; the CMS's to a body it does not take. */
export const ERROR_RESPONSES = {
  BadRequest: errorResponse('The request is not valid (the message names the problem; validation errors list each field).'),
  Forbidden: errorResponse('The caller may not do this (signed in without the role, or not signed in).'),
  NotFound: errorResponse('No such document, or the caller may not see it.'),
  PayloadTooLarge: errorResponse('The body is larger than the limit: 1 MiB, 25 MiB for an upload (docs/security.md).'),
  Unauthorized: errorResponse('Sign-in required, or the credentials are wrong.'),
  TooManyRequests: errorResponse('Over a rate limit for this client, or this client is blocked for this account after failed sign-ins; the `Retry-After` header gives the seconds to wait (docs/security.md).'),
  UnsupportedMediaType: errorResponse('The body is not `application/json` (Payload’s own routes also take `multipart/form-data`, as the admin sends).'),
} satisfies Record<string, ResponseObject>

export const errorRef = (name: keyof typeof ERROR_RESPONSES): ReferenceObject => ({ $ref: `#/components/responses/${name}` })

const query = (name: string, schema: JsonSchema, description: string, extra: Partial<ParameterObject> = {}): ParameterObject => ({
  description,
  in: 'query',
  name,
  schema,
  ...extra,
})

/** The query parameters Payload's REST API reads (`parseParams`). */
export const QUERY_PARAMETERS = {
  depth: query('depth', { minimum: 0, type: 'integer' }, 'How deep relationships (images, categories) are populated; 0 returns ids.'),
  draft: query('draft', { type: 'boolean' }, 'Read the latest draft instead of the published version (staff).'),
  limit: query('limit', { minimum: 0, type: 'integer' }, 'Documents per page (the API caps anonymous reads).'),
  locale: query('locale', { type: 'string' }, 'The locale to read or write.'),
  page: query('page', { minimum: 1, type: 'integer' }, 'The 1-based page.'),
  select: query('select', { additionalProperties: true, type: 'object' }, 'Only these fields: `select[title]=true&select[price]=true`.', {
    explode: true,
    style: 'deepObject',
  }),
  sort: query('sort', { type: 'string' }, 'A field name, `-` first for descending; several separated by commas: `-createdAt,title`.'),
  where: query('where', schemaRef('Where'), 'Which documents: `where[status][equals]=paid`.', { explode: true, style: 'deepObject' }),
} satisfies Record<string, ParameterObject>

export const paramRef = (name: keyof typeof QUERY_PARAMETERS): ReferenceObject => ({ $ref: `#/components/parameters/${name}` })
