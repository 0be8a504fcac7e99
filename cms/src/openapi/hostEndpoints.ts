import { PREVIEW_COLLECTIONS } from '@showroom/shared-types/preview'

import { errorResponse, json } from './commonComponents'
import { type EndpointDescriptions, jsonBody, pathParameter } from './endpointDescription'
import type { JsonSchema } from './jsonSchema'

const previewParameters = [
  pathParameter('collection', { enum: [...PREVIEW_COLLECTIONS], type: 'string' }),
  pathParameter('id', { minimum: 1, type: 'integer' }),
]
const previewResponses = {
  200: json({ type: 'object' }, 'The document as the storefront reads a published one (depth 1); never cached'),
  400: errorResponse('The id, or the posted body, is malformed.'),
  401: errorResponse('No valid preview token for this document.'),
  404: errorResponse('Not a previewable collection, or the document no longer exists.'),
}

const check: JsonSchema = { properties: { error: { type: 'string' }, ok: { type: 'boolean' } }, required: ['ok'], type: 'object' }

/** The host's own endpoints (`cms/src/observability`, this folder); `/metrics` only when it is switched on. */
export const hostEndpoints = ({ metrics }: { metrics: boolean }): EndpointDescriptions => ({
  'get /health': () => ({
    description: 'Liveness: the process answers. Touches nothing else. Never cached.',
    operationId: 'health',
    responses: { 200: json({ properties: { status: { const: 'ok' } }, required: ['status'], type: 'object' }, 'Alive') },
    security: [{}],
    summary: 'Liveness',
    tags: ['operations'],
  }),
  'get /metrics': () =>
    metrics ? {
    description: 'Prometheus metrics, with `Authorization: Bearer <METRICS_TOKEN>` (none in development without a token).',
    operationId: 'metrics',
    responses: {
      200: { content: { 'text/plain': { schema: { type: 'string' } } }, description: 'Prometheus text format' },
      401: errorResponse('A valid metrics token is required.'),
    },
    security: [{ metricsToken: [] }],
    summary: 'Prometheus metrics',
    tags: ['operations'],
  } : null,
  'get /openapi.json': () => ({
    description: 'This document, generated from the running CMS’s config. Cacheable; `If-None-Match` answers 304.',
    operationId: 'openapi',
    responses: { 200: json({ type: 'object' }, 'The OpenAPI 3.1 document'), 304: { description: 'Not modified' } },
    security: [{}],
    summary: 'OpenAPI description of this API',
    tags: ['operations'],
  }),
  'get /preview/:collection/:id': () => ({
    description: 'A product’s or category’s saved draft, for the storefront’s preview page (docs/preview.md). Needs the preview token the CMS minted for exactly this document, in `x-preview-token`.',
    operationId: 'previewDraft',
    parameters: previewParameters,
    responses: previewResponses,
    security: [{ previewToken: [] }],
    summary: 'Saved draft for a preview',
    tags: ['preview'],
  }),
  'post /preview/:collection/:id': () => ({
    description: 'The editor’s unsaved document (`{ "data": … }`, what Live Preview sends) with its relationships populated as the saved draft’s would be. Same token as the GET.',
    operationId: 'previewEdited',
    parameters: previewParameters,
    requestBody: jsonBody({ properties: { data: { type: 'object' } }, required: ['data'], type: 'object' }),
    responses: previewResponses,
    security: [{ previewToken: [] }],
    summary: 'Unsaved draft for a live preview',
    tags: ['preview'],
  }),
  'get /ready': () => ({
    description: 'Readiness: Postgres answers (and the S3 bucket, when media are on S3). 503 names the failed check, and while shutting down.',
    operationId: 'ready',
    responses: {
      200: json({ properties: { checks: { additionalProperties: check, type: 'object' }, status: { const: 'ok' } }, required: ['checks', 'status'], type: 'object' }, 'Ready'),
      503: json({ properties: { checks: { additionalProperties: check, type: 'object' }, status: { const: 'unavailable' } }, required: ['checks', 'status'], type: 'object' }, 'Not ready'),
    },
    security: [{}],
    summary: 'Readiness',
    tags: ['operations'],
  }),
})
