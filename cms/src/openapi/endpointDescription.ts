import type { SanitizedConfig } from 'payload'
import { z } from 'zod'

import type { JsonSchema } from './jsonSchema'
import type { SecurityRequirements } from './security'
import type { Operation, ParameterObject, ReferenceObject, RequestBodyObject } from './types'

/** What a description of a custom endpoint may use: the config and the ways to sign in. */
export type DescribeContext = {
  config: SanitizedConfig
  /** The payment methods `POST /payments/{method}/webhook` accepts. */
  paymentMethods: string[]
  /** Any one of these signs a request in. */
  signedIn: SecurityRequirements
}

/**
 * Describes one custom endpoint, keyed by `<method> <path>` with the path as Payload matches it
 * under the API root (`post /orders/:id/status`); `null` leaves out an endpoint this configuration
 * switches off (it answers 404).
 */
export type EndpointDescriptions = Record<string, (context: DescribeContext) => null | Operation>

/**
 * A zod schema as JSON Schema 2020-12: the request the endpoint's own validation accepts (`io:
 * 'input'`), so the document and the check cannot drift apart.
 */
export const fromZod = (schema: z.ZodType): JsonSchema => {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' })
  return rest as JsonSchema
}

export const jsonBody = (schema: JsonSchema | ReferenceObject): RequestBodyObject => ({
  content: { 'application/json': { schema } },
  required: true,
})

export const pathParameter = (name: string, schema: JsonSchema, description?: string): ParameterObject => ({
  description,
  in: 'path',
  name,
  required: true,
  schema,
})

/** `/orders/:id/status` → `/orders/{id}/status`. */
export const openApiPath = (path: string): string => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')
