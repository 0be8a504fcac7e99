import type { PayloadRequest } from 'payload'

import { describe, expect, it } from 'vitest'

import { sanitizeConfig } from '../../sanitizeConfig'
import { passwordResetEmail, storefrontResetUrl } from './passwordResetEmail'

/** Just what the template reads from a request. */
const req = {
  payload: {
    config: { admin: { routes: { reset: '/reset' } }, routes: { admin: '/admin' }, serverURL: 'https://cms.example' },
    email: { defaultFromName: 'Showroom' },
  },
} as unknown as PayloadRequest

const email = passwordResetEmail({ expiration: 60 * 60 * 1000, roles: sanitizeConfig().roles, storefrontUrl: 'https://shop.example' })

describe('passwordResetEmail', () => {
  it('sends a customer to the storefront reset page, with the token and the name escaped', async () => {
    const html = await email.generateEmailHTML?.({ req, token: 'abc123', user: { name: '<b>Eve</b> & "Co"', roles: ['customer'] } })
    expect(html).toContain('<a href="https://shop.example/account/reset?token=abc123">https://shop.example/account/reset?token=abc123</a>')
    expect(html).toContain('Hello &lt;b&gt;Eve&lt;/b&gt; &amp; "Co",')
    expect(html).toContain('within 60 minutes')
    expect(html).not.toContain('<b>')
  })

  it('sends staff to the admin reset page, where they sign in', async () => {
    const html = await email.generateEmailHTML?.({ req, token: 'abc123', user: { roles: ['editor'] } })
    expect(html).toContain('href="https://cms.example/admin/reset/abc123"')
    expect(html).toContain('<p>Hello,</p>')
  })

  it('writes to a customer in the language she asked in, linking to that shop’s reset page', async () => {
    const inGerman = { ...req, locale: 'de', payload: { ...req.payload, config: { ...req.payload.config, localization: { defaultLocale: 'en' } } } } as unknown as PayloadRequest
    const html = await email.generateEmailHTML?.({ req: inGerman, token: 'abc123', user: { name: 'Greta', roles: ['customer'] } })
    expect(html).toContain('<p>Hallo Greta,</p>')
    expect(html).toContain('innerhalb von 60 Minuten')
    expect(html).toContain('href="https://shop.example/de/account/reset?token=abc123"')
    expect(await email.generateEmailSubject?.({ req: inGerman, token: 'abc123', user: { roles: ['customer'] } })).toBe('Ihr Passwort bei Showroom zurücksetzen')
    // Staff read the admin's language, English, whatever the request's.
    expect(await email.generateEmailHTML?.({ req: inGerman, token: 'abc123', user: { roles: ['editor'] } })).toContain('<p>Hello,</p>')
    // A locale the email has no words for reads English.
    const inFrench = { ...inGerman, locale: 'fr' } as unknown as PayloadRequest
    expect(await email.generateEmailSubject?.({ req: inFrench, token: 'abc123', user: { roles: ['customer'] } })).toBe('Reset your Showroom password')
  })

  it('names the shop in the subject', async () => {
    expect(await email.generateEmailSubject?.({ req, token: 'abc123', user: {} })).toBe('Reset your Showroom password')
  })
})

describe('storefrontResetUrl', () => {
  it('ignores a trailing slash, keeps a base path and encodes the token', () => {
    expect(storefrontResetUrl('https://shop.example/', 'a b')).toBe('https://shop.example/account/reset?token=a+b')
    expect(storefrontResetUrl('https://example.test/shop', 't')).toBe('https://example.test/shop/account/reset?token=t')
  })
})
