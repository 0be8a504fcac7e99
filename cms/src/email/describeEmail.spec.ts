import { describe, expect, it } from 'vitest'

import { describeEmail, linksIn, summarizeEmail } from './describeEmail'

describe('linksIn', () => {
  it('finds each http(s) link once, in order, decoding &amp; in hrefs', () => {
    const html = '<a href="https://shop.example/r?a=1&amp;b=2">https://shop.example/r?a=1&amp;b=2</a> and http://x.test/y.'
    expect(linksIn(html)).toEqual(['https://shop.example/r?a=1&b=2', 'http://x.test/y.'])
  })
})

describe('describeEmail', () => {
  it('reads every shape of recipient nodemailer accepts', () => {
    const email = describeEmail({
      from: { address: 'shop@showroom.local', name: 'Showroom' },
      html: '<p>Hi</p>',
      subject: 'Hello',
      to: ['a@example.test, b@example.test', { address: 'c@example.test', name: 'C' }],
    })
    expect(email).toMatchObject({ from: '"Showroom" <shop@showroom.local>', links: [], subject: 'Hello', text: '' })
    expect(email.to).toEqual(['a@example.test', 'b@example.test', 'c@example.test'])
  })
})

describe('summarizeEmail', () => {
  const email = describeEmail({ html: '<a href="http://localhost:4321/account/reset?token=abc">x</a>', subject: 'Reset', to: 'a@example.test' })

  it('puts recipients, subject and links on one line for the developer console', () => {
    expect(summarizeEmail(email, { withLinks: true })).toBe('Email to a@example.test: "Reset" http://localhost:4321/account/reset?token=abc')
  })

  it('leaves the links out when asked: a reset link is a credential', () => {
    expect(summarizeEmail(email, { withLinks: false })).toBe('Email to a@example.test: "Reset"')
  })
})
