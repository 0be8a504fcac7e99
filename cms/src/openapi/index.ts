import type { Endpoint } from 'payload'

import { commerceEndpoints, ORDER_TOKEN_SCHEME } from './commerceEndpoints'
import { hostEndpoints } from './hostEndpoints'
import { openApiEndpoint } from './openApiEndpoint'

export { buildOpenApiDocument, type OpenApiOptions } from './buildOpenApiDocument'
export { openApiEndpoint } from './openApiEndpoint'

/** Showroom's `GET /openapi.json`: the commerce plugin's and the host's endpoints described. */
export const showroomOpenApi = ({ metrics, paymentMethods }: { metrics: boolean; paymentMethods: string[] }): Endpoint =>
  openApiEndpoint({
    credentials: { orders: { orderToken: ORDER_TOKEN_SCHEME } },
    descriptions: { ...commerceEndpoints, ...hostEndpoints({ metrics }) },
    // The commerce plugin's `hideSessions` hook drops a user's sessions from every API response.
    omit: { users: ['sessions'] },
    paymentMethods,
    title: 'Showroom CMS API',
  })
