import { describe, expect, it } from 'vitest'

import { keptFormValues, loginInput, parseSignedIn, registerInput, resetInput, safeNextPath, tokenExpiry } from './account'

const jwt = (claims: Record<string, unknown>): string =>
  ['header', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'signature'].join('.')

describe('safeNextPath', () => {
  it('keeps paths on this site', () => {
    expect(safeNextPath('/account/orders?page=2')).toBe('/account/orders?page=2')
    expect(safeNextPath('/checkout')).toBe('/checkout')
  })

  it('sends everything else to the account page, so sign-in cannot redirect off-site', () => {
    for (const value of ['https://evil.example/', '//evil.example', '/\\evil.example', 'account', '', null, undefined, 42, `/${'a'.repeat(600)}`, '/a\nb']) {
      expect(safeNextPath(value)).toBe('/account')
    }
  })
})

describe('form inputs', () => {
  it('asks for a long enough password at sign-up and a valid email', () => {
    const result = registerInput.safeParse({ email: 'not-an-email', name: ' ', password: 'short' })
    expect(result.success).toBe(false)
    const fields = new Set(result.error?.issues.map((issue) => issue.path.join('.')))
    expect(fields).toEqual(new Set(['email', 'name', 'password']))
    expect(registerInput.parse({ email: 'ann@example.test', name: ' Ann ', password: 'long-enough-1' })).toEqual({
      email: 'ann@example.test',
      name: 'Ann',
      password: 'long-enough-1',
    })
  })

  it('needs the two new passwords to match', () => {
    const result = resetInput.safeParse({ confirm: 'another-password', password: 'a-new-password', token: 't' })
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual(['confirm'])
  })

  it('makes an off-site next target harmless', () => {
    expect(loginInput.parse({ email: 'a@example.test', next: 'https://evil.example', password: 'x' }).next).toBe('/account')
  })
})

describe('keptFormValues', () => {
  it('keeps what the shopper typed except secrets', () => {
    const kept = keptFormValues(Object.entries({ confirm: 'secret', email: 'a@example.test', name: 'Ann', password: 'secret', token: 'reset-token' }))
    expect(kept).toEqual({ email: 'a@example.test', name: 'Ann' })
  })
})

describe('parseSignedIn', () => {
  const stored = { exp: 2_000, token: 'token', user: { email: 'a@example.test', id: 3 } }

  it('accepts a sign-in until its token expires', () => {
    expect(parseSignedIn(stored, 1_999_000)).toEqual(stored)
    expect(parseSignedIn(stored, 2_000_000)).toBeUndefined()
  })

  it('treats anything else in the session as signed out', () => {
    expect(parseSignedIn({ ...stored, user: { id: 'x' } }, 0)).toBeUndefined()
    expect(parseSignedIn('token', 0)).toBeUndefined()
  })
})

describe('tokenExpiry', () => {
  it('reads the exp claim', () => {
    expect(tokenExpiry(jwt({ exp: 1_900_000_000, id: 3 }))).toBe(1_900_000_000)
  })

  it('is undefined for tokens it cannot read', () => {
    expect(tokenExpiry('not-a-jwt')).toBeUndefined()
    expect(tokenExpiry('a.%%%.c')).toBeUndefined()
    expect(tokenExpiry(jwt({ id: 3 }))).toBeUndefined()
  })
})
