/**
 * The guest cart without JavaScript, against a real CMS (see `support/harness.ts`): plain form posts
 * with a cookie jar, as a browser with scripts off would send them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { visitor as createVisitor } from './support/visitor'

let shop: Shop | undefined
let catalogue: Catalogue
let url: string

beforeAll(async () => {
  shop = await startShop('cart')
  ;({ catalogue, storefrontUrl: url } = shop)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
})

const visitor = () => createVisitor(url)

const formAction = (html: string, marker: string): string => {
  const tag = html.match(new RegExp(`<form[^>]*${marker}[^>]*>`))?.[0] ?? html.match(new RegExp(`<form[^>]*>(?=[\\s\\S]*?${marker})`))?.[0]
  const action = tag?.match(/action="([^"]+)"/)?.[1]
  if (!action) throw new Error(`no form ${marker} in:\n${html}`)
  return decodeEntities(action)
}

const adminToken = async (): Promise<string> => {
  const response = await fetch(`${shop?.cms.api}/users/login`, {
    body: JSON.stringify({ email: 'admin@showroom.test', password: 'storefront-test-password' }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  const { token } = (await response.json()) as { token: string }
  return token
}

const setPrice = async (id: number, price: number): Promise<void> => {
  const response = await fetch(`${shop?.cms.api}/products/${id}`, {
    body: JSON.stringify({ price }),
    headers: { authorization: `JWT ${await adminToken()}`, 'content-type': 'application/json' },
    method: 'PATCH',
  })
  expect(response.status).toBe(200)
}

const lineOf = (html: string, key: string): string => html.match(new RegExp(`<li[^>]*data-line="${key}"[\\s\\S]*?</li>`))?.[0] ?? ''
const notices = (html: string): string[] => [...html.matchAll(/data-notice="(\w+)"[^>]*>([^<]*)</g)].map(([, kind, text = '']) => `${kind}: ${decodeEntities(text.trim())}`)

describe('guest cart without JavaScript', () => {
  it('adds from the product page form, redirects to the cart and shows the CMS price, re-read on every view', async () => {
    const guest = visitor()
    const { html } = await guest.get(`/p/${catalogue.mug.slug}`)
    const action = formAction(html, 'data-add-to-cart')
    expect(action).toBe('/cart?_action=cart.add')
    expect(html).toContain(`name="product" value="${catalogue.mug.id}"`)

    const added = await guest.post(action, { product: catalogue.mug.id, quantity: 2 })
    expect(added.status).toBe(303)
    expect(added.headers.get('location')).toBe('/cart')
    expect(guest.cookies.size).toBeGreaterThan(0)

    const cart = await guest.get('/cart')
    expect(cart.response.headers.get('cache-control')).toBe('private, no-store')
    expect((await guest.get('/cart')).response.headers.get('x-astro-cache')).toBeNull()
    const line = lineOf(cart.html, String(catalogue.mug.id))
    expect(line).toContain('Stoneware mug')
    expect(line).toMatch(/data-unit-price[^>]*>€12\.00 each/)
    expect(line).toMatch(/data-line-total[^>]*>€24\.00/)
    expect(notices(cart.html)).toEqual(['info: Added to your cart.'])
    // The message was shown once; a reload does not post again nor repeat it.
    expect(notices((await guest.get('/cart')).html)).toEqual([])

    await setPrice(catalogue.mug.id, 1500)
    const repriced = await guest.get('/cart')
    expect(lineOf(repriced.html, String(catalogue.mug.id))).toMatch(/data-unit-price[^>]*>€15\.00 each/)
    expect(repriced.html).toMatch(/data-subtotal[\s\S]*€30\.00/)
  })

  it('refuses more than the stock with a message on the cart page, and never holds more than the stock', async () => {
    const guest = visitor()
    const [, m] = catalogue.oxford.variants
    if (!m) throw new Error('no M variant')
    // M has 4 in stock at €32.00.
    expect((await guest.post('/cart?_action=cart.add', { product: catalogue.oxford.id, quantity: 3, variant: m.id })).status).toBe(303)
    const tooMany = await guest.post('/cart?_action=cart.add', { product: catalogue.oxford.id, quantity: 2, variant: m.id })
    expect(tooMany.status).toBe(303)
    expect(tooMany.headers.get('location')).toBe('/cart')
    const { html } = await guest.get('/cart')
    expect(notices(html)).toContain('error: Sorry, only 4 of “Oxford shirt” (Size: M) left and you already have 3 in your cart.')
    const line = lineOf(html, `${catalogue.oxford.id}:${m.id}`)
    expect(line).toMatch(/data-unit-price[^>]*>€32\.00 each/)
    expect(line).toMatch(/name="quantity" value="3"/)

    // Without a variant, or for a draft, nothing is added.
    await guest.post('/cart?_action=cart.add', { product: catalogue.oxford.id, quantity: 1 })
    await guest.post('/cart?_action=cart.add', { product: catalogue.draft.id, quantity: 1 })
    const after = await guest.get('/cart')
    expect(notices(after.html)).toEqual(['error: Choose an option of “Oxford shirt” first.', 'error: Sorry, that product is no longer available.'])
    expect(after.html.match(/data-line=/g)).toHaveLength(1)
  })

  it('answers its input checks in the page’s language', async () => {
    const guest = visitor()
    await guest.post('/de/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 0 })
    expect(notices((await guest.get('/de/cart')).html)).toEqual(['error: Wählen Sie mindestens 1 Stück.'])
    await guest.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 0 })
    expect(notices((await guest.get('/cart')).html)).toEqual(['error: Choose at least 1.'])
  })

  it('answers a client script’s call in the language it names, English for any other', async () => {
    const [, m] = catalogue.oxford.variants
    if (!m) throw new Error('no M variant')
    const call = (query: string) =>
      fetch(`${url}/_actions/cart.add${query}`, {
        body: new URLSearchParams({ product: String(catalogue.oxford.id), quantity: '5', variant: String(m.id) }),
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', origin: url },
        method: 'POST',
      })
    const german = await call('?locale=de')
    expect(german.status).toBe(409)
    expect(await german.json()).toMatchObject({ message: expect.stringMatching(/^Leider sind von „Oxford shirt“ \(\w+: M\) nur noch 4 verfügbar\.$/) })
    for (const query of ['', '?locale=fr', '?locale=en']) {
      expect(await (await call(query)).json(), query).toMatchObject({ message: 'Sorry, only 4 of “Oxford shirt” (Size: M) left.' })
    }
  })

  it('updates quantities and removes lines with post-redirect-get', async () => {
    const guest = visitor()
    const tee = catalogue.tees[0]
    if (!tee) throw new Error('no tee')
    await guest.post('/cart?_action=cart.add', { product: tee.id, quantity: 1 })
    await guest.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })
    const { html } = await guest.get('/cart')
    const update = formAction(html, 'class="quantity"')
    expect(update).toBe('/cart?_action=cart.update')

    const updated = await guest.post(update, { product: tee.id, quantity: 3 })
    expect([updated.status, updated.headers.get('location')]).toEqual([303, '/cart'])
    expect(lineOf((await guest.get('/cart')).html, String(tee.id))).toMatch(/name="quantity" value="3"/)

    // The linen shirt has 5: asking for 6 is refused and the quantity stays.
    await guest.post(update, { product: catalogue.onSale.id, quantity: 6 })
    const refused = await guest.get('/cart')
    expect(notices(refused.html)).toEqual(['error: Sorry, only 5 of “Linen shirt” left.'])
    expect(lineOf(refused.html, String(catalogue.onSale.id))).toMatch(/name="quantity" value="1"/)

    const removed = await guest.post('/cart?_action=cart.remove', { product: tee.id })
    expect([removed.status, removed.headers.get('location')]).toEqual([303, '/cart'])
    const after = await guest.get('/cart')
    expect(lineOf(after.html, String(tee.id))).toBe('')
    await guest.post('/cart?_action=cart.remove', { product: catalogue.onSale.id })
    expect((await guest.get('/cart')).html).toContain('Your cart is empty.')
  })

  it('keeps the product page shared and cached, with the count coming from the server island', async () => {
    const path = `/p/${catalogue.onSale.slug}`
    const alice = visitor()
    const bob = visitor()
    await alice.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 2 })
    await fetch(`${url}${path}`) // warm the route cache
    const [forAlice, forBob] = [await alice.get(path), await bob.get(path)]
    expect(forAlice.response.headers.get('x-astro-cache')).toBe('HIT')
    expect(forBob.response.headers.get('x-astro-cache')).toBe('HIT')
    expect(forAlice.response.headers.get('set-cookie')).toBeNull()
    expect(forAlice.html).toBe(forBob.html)
    expect(forAlice.html).not.toMatch(/Cart \(\d+\)/)

    const island = decodeEntities(forAlice.html.match(/href="(\/_server-islands\/PersonalNav[^"]*)"/)?.[1] ?? '')
    expect(island).not.toBe('')
    const aliceIsland = await alice.get(island)
    expect(aliceIsland.response.headers.get('cache-control')).toBe('private, no-store')
    expect(aliceIsland.html).toContain('Cart (2)')
    const bobIsland = await bob.get(island)
    expect(bobIsland.html).toContain('Cart (0)')
    expect((await alice.get(island)).response.headers.get('x-astro-cache')).toBeNull()
  })

  it('disables the form until a variant is chosen, and for sold-out products', async () => {
    const guest = visitor()
    const form = (html: string): string => html.match(/<form[^>]*data-add-to-cart[\s\S]*?<\/form>/)?.[0] ?? ''
    const oxford = form((await guest.get(`/p/${catalogue.oxford.slug}`)).html)
    expect(oxford).toMatch(/<button type="submit" disabled/)
    expect(oxford).toContain('Choose an option above first.')
    const l = catalogue.oxford.variants[2]
    const chosen = form((await guest.get(`/p/${catalogue.oxford.slug}?variant=${l?.id}`)).html)
    expect(chosen).toContain(`name="variant" value="${l?.id}"`)
    expect(chosen).not.toMatch(/disabled/)
    expect(form((await guest.get(`/p/${catalogue.soldOut.slug}`)).html)).toMatch(/<button type="submit" disabled[\s\S]*Sold out/)
  })
})
