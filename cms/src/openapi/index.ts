import type { Endpoint } from 'payload'

import type { OpenApiOptions } from './buildOpenApiDocument'
import { commerceEndpoints, ORDER_TOKEN_SCHEME } from './commerceEndpoints'
import { hostEndpoints } from './hostEndpoints'
import { openApiEndpoint } from './openApiEndpoint'

export { buildOpenApiDocument, type OpenApiOptions } from './buildOpenApiDocument'
export { openApiEndpoint } from './openApiEndpoint'

/** What Showroom's document describes: the commerce plugin's and the host's endpoints (`/metrics` only when it is on). */
export const showroomOpenApiOptions = ({ metrics, paymentMethods }: { metrics: boolean; paymentMethods: string[] }): OpenApiOptions => ({
  credentials: { orders: { orderToken: ORDER_TOKEN_SCHEME } },
  descriptions: { ...commerceEndpoints, ...hostEndpoints({ metrics }) },
  // The commerce plugin's `hideSessions` hook drops a user's sessions from every API response.
  omit: { users: ['sessions'] },
  paymentMethods,
  schemes: {
    ...(metrics ? { metricsToken: { description: 'The METRICS_TOKEN, as `Authorization: Bearer <token>`.', scheme: 'bearer', type: 'http' } } : {}),
    previewToken: { description: 'A preview token the admin put in a storefront preview URL (docs/preview.md).', in: 'header', name: 'x-preview-token', type: 'apiKey' },
  },
  title: 'Showroom CMS API',
})

/** Showroom's `GET /openapi.json`. */
export const showroomOpenApi = (settings: { metrics: boolean; paymentMethods: string[] }): Endpoint => openApiEndpoint(showroomOpenApiOptions(settings))
