import { errorResponse, json } from './commonComponents'
import type { EndpointDescriptions } from './endpointDescription'
import type { JsonSchema } from './jsonSchema'

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
