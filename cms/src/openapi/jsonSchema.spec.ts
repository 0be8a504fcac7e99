import { describe, expect, it } from 'vitest'

import { fromPayloadSchema, referencedSchemas } from './jsonSchema'

describe('fromPayloadSchema', () => {
  it('points references at components and drops what JSON Schema 2020-12 does not know', () => {
    const converted = fromPayloadSchema({
      properties: {
        email: { required: false, type: 'string' },
        image: { oneOf: [{ type: 'number' }, { $ref: '#/definitions/media' }] },
        node: { tsType: 'any', type: 'string' },
      },
      required: ['email'],
      type: 'object',
    })
    expect(converted).toEqual({
      properties: {
        email: { type: 'string' },
        image: { oneOf: [{ type: 'number' }, { $ref: '#/components/schemas/media' }] },
        node: { type: 'string' },
      },
      required: ['email'],
      type: 'object',
    })
  })

  it('keeps fields whose names are keywords', () => {
    const converted = fromPayloadSchema({ properties: { required: { type: 'boolean' }, tsType: { type: 'string' } }, type: 'object' })
    expect(converted.properties).toEqual({ required: { type: 'boolean' }, tsType: { type: 'string' } })
  })

  it('lets an optional select be null, as the API answers an empty one', () => {
    expect(fromPayloadSchema({ enum: ['paid', 'pending'], type: ['string', 'null'] })).toEqual({ enum: ['paid', 'pending', null], type: ['string', 'null'] })
    expect(fromPayloadSchema({ enum: ['paid'], type: 'string' })).toEqual({ enum: ['paid'], type: 'string' })
  })
})

describe('referencedSchemas', () => {
  it('finds every component a schema refers to, at any depth', () => {
    const refs = referencedSchemas({ items: { oneOf: [{ $ref: '#/components/schemas/media' }] }, properties: { parent: { $ref: '#/components/schemas/categories' } } })
    expect([...refs].sort()).toEqual(['categories', 'media'])
  })
})
