import { describe, expect, it } from 'vitest'

import { isIntegerId } from './rejectBadInput'
import { jsonBodyProblem, MAX_JSON_DEPTH, mediaTypeOf, queryProblem } from './requestRules'

const nested = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`

describe('jsonBodyProblem', () => {
  it('takes objects nested up to the limit, and refuses one level more', () => {
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH))).toBeNull()
    expect(jsonBodyProblem(nested(MAX_JSON_DEPTH + 1))).toBe(`The JSON body is nested more than ${MAX_JSON_DEPTH} levels deep.`)
    expect(jsonBodyProblem(`{"a":${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}}`)).toMatch(/nested more than/)
  })

  it('counts no bracket inside a string, escaped quotes included', () => {
    const text = `${'{['.repeat(200)}\\"{[`
    expect(jsonBodyProblem(JSON.stringify({ title: text }))).toBeNull()
  })

  it('refuses bodies that are not JSON objects', () => {
    for (const body of ['"x"', ' 0', 'null', '[]', 'true']) expect(jsonBodyProblem(body)).toBe('The JSON body must be an object ({…}).')
    expect(jsonBodyProblem('')).toBeNull()
    for (const body of ['  {"a":', "{'a':1}", '{"a":1}}']) expect(jsonBodyProblem(body)).toMatch(/^The body is not valid JSON: /)
    expect(jsonBodyProblem(' {"a":[1,{"b":null}]} ')).toBeNull()
  })
})

describe('queryProblem', () => {
  it('takes Payload’s query contract as clients send it', () => {
    for (const query of ['', '?page=2&limit=0&depth=1', '?where[title][like]=x&sort=-createdAt', '?sort[0]=title&sort[1]=-price', '?where={"title":{"equals":"x"}}', '?select[title]=true', '?select=title'])
      expect(queryProblem(query), query).toBeNull()
  })

  it('names the parameter that is malformed', () => {
    expect(queryProblem('?page=0')).toContain('"page"')
    expect(queryProblem('?page=1.5')).toContain('"page"')
    expect(queryProblem('?limit=2147483648')).toContain('"limit"')
    expect(queryProblem('?depth=-1')).toContain('"depth"')
    expect(queryProblem('?page=1&page=2')).toContain('"page"')
    expect(queryProblem('?where=[1]')).toContain('"where"')
    expect(queryProblem('?where=x')).toContain('"where"')
    expect(queryProblem('?sort[a]=b')).toContain('"sort"')
    expect(queryProblem('?select[]=a')).toContain('"select"')
  })
})

describe('isIntegerId and mediaTypeOf', () => {
  it('takes the ids a serial column can hold, as numbers or digits', () => {
    for (const id of [0, 1, 2_147_483_647, '1', '2147483647']) expect(isIntegerId(id), String(id)).toBe(true)
    for (const id of [-1, 1.5, 2_147_483_648, Number.NaN, 'abc', '1.5', '-1', '2147483648', '1e3', ' 1', '']) expect(isIntegerId(id), String(id)).toBe(false)
  })

  it('reads the media type without parameters or case', () => {
    expect(mediaTypeOf('Application/JSON; charset=utf-8')).toBe('application/json')
    expect(mediaTypeOf(null)).toBe('')
  })
})
