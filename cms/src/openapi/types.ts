import type { Callers } from './accessProbe'

/**
 * The parts of an OpenAPI 3.1 document this generator writes, typed loosely on purpose: schemas are
 * JSON Schema 2020-12 from three sources (Payload, zod, this folder), and `openapi-types`' 3.1 types
 * do not accept its own schema objects inside operations. The tests validate the result instead.
 */
export type JsonSchema = { [keyword: string]: unknown }
export type ReferenceObject = { $ref: string }
export type ParameterObject = {
  description?: string
  explode?: boolean
  in: 'cookie' | 'header' | 'path' | 'query'
  name: string
  required?: boolean
  schema: JsonSchema
  style?: 'deepObject' | 'form' | 'simple'
}
export type MediaTypes = Record<string, { schema?: JsonSchema }>
export type RequestBodyObject = { content: MediaTypes; description?: string; required?: boolean }
export type ResponseObject = { content?: MediaTypes; description: string }
export type SecurityRequirement = Record<string, string[]>
export type SecurityScheme = { [key: string]: unknown; description?: string; type: 'apiKey' | 'http' }

export type Operation = {
  description?: string
  operationId?: string
  parameters?: Array<ParameterObject | ReferenceObject>
  requestBody?: RequestBodyObject
  responses: Record<string, ReferenceObject | ResponseObject>
  security?: SecurityRequirement[]
  summary?: string
  tags?: string[]
  /** What the access rule grants each caller (collection operations). */
  'x-access'?: Callers
  /** An endpoint the config registers that no description covers: a gap for a test to catch. */
  'x-undocumented'?: true
}

export type PathItem = { [method in 'delete' | 'get' | 'patch' | 'post' | 'put']?: Operation } & { parameters?: ParameterObject[] }
export type Paths = Record<string, PathItem>

export type OpenApiDocument = {
  components: {
    parameters: Record<string, ParameterObject>
    responses: Record<string, ResponseObject>
    schemas: Record<string, JsonSchema>
    securitySchemes: Record<string, SecurityScheme>
  }
  info: { description: string; title: string; version: string }
  openapi: '3.1.0'
  paths: Paths
  servers: Array<{ url: string }>
  tags: Array<{ name: string }>
}
