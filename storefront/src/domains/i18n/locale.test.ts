import { describe, expect, it } from 'vitest'

import { alternatesOf, localePath, splitLocalePath } from './locale'
import { localizeLinks } from './localizeLinks'

describe('the shop’s languages in addresses', () => {
  it('splits a German address into its locale and shop path, and leaves English ones as they are', () => {
    expect(splitLocalePath('/de/p/hose')).toEqual({ locale: 'de', path: '/p/hose' })
    expect(splitLocalePath('/de')).toEqual({ locale: 'de', path: '/' })
    expect(splitLocalePath('/de/')).toEqual({ locale: 'de', path: '/' })
    expect(splitLocalePath('/p/hose')).toEqual({ locale: 'en', path: '/p/hose' })
    expect(splitLocalePath('/design/x')).toEqual({ locale: 'en', path: '/design/x' })
  })

  it('writes a shop path in a language', () => {
    expect(localePath('de', '/')).toBe('/de')
    expect(localePath('de', '/?q=1')).toBe('/de?q=1')
    expect(localePath('de', '/cart?_action=cart.add')).toBe('/de/cart?_action=cart.add')
    expect(localePath('en', '/cart')).toBe('/cart')
  })

  it('lists hreflang alternates for every language and x-default', () => {
    expect(alternatesOf('https://shop.example/', (locale) => (locale === 'de' ? '/p/hose' : '/p/trousers'))).toEqual([
      { href: 'https://shop.example/p/trousers', hreflang: 'en-GB', locale: 'en' },
      { href: 'https://shop.example/de/p/hose', hreflang: 'de-DE', locale: 'de' },
      { href: 'https://shop.example/p/trousers', hreflang: 'x-default', locale: 'x-default' },
    ])
  })

  it('moves a German page’s links to shop pages under /de/, and nothing else', () => {
    const html = '<a href="/">Home</a><a href="/p/hose?variant=a">x</a><form action="/cart?_action=cart.add"></form><a href="/search">s</a>'
      + '<link href="/favicon.svg"><script src="/_astro/a.js"></script><a href="/de/p/hose">d</a><a href="https://x.example/p/y">e</a><a href="/pictures">n</a>'
    expect(localizeLinks(html, 'de')).toBe(
      '<a href="/de">Home</a><a href="/de/p/hose?variant=a">x</a><form action="/de/cart?_action=cart.add"></form><a href="/de/search">s</a>'
        + '<link href="/favicon.svg"><script src="/_astro/a.js"></script><a href="/de/p/hose">d</a><a href="https://x.example/p/y">e</a><a href="/pictures">n</a>',
    )
    expect(localizeLinks(html, 'en')).toBe(html)
  })
})
