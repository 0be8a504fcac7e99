/**
 * Catalogue browsing against a real CMS (see `support/harness.ts`): category pages, product pages,
 * search, the sitemap and not-found answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type Catalogue, TEE_COUNT } from './fixtures/createCatalogue'
import { attributesOf, cardTitles, decodeEntities, type Shop, startShop } from './support/harness'
import { danglingReferences, duplicateIds } from './support/pageIds'

let shop: Shop | undefined
let catalogue: Catalogue
let url: string

beforeAll(async () => {
  shop = await startShop('catalogue')
  ;({ catalogue, storefrontUrl: url } = shop)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
})

const page = async (path: string, init?: RequestInit): Promise<{ html: string; response: Response }> => {
  const response = await fetch(`${url}${path}`, init)
  return { html: await response.text(), response }
}

const euros = (text: string): number => Number(text.replace(/[^\d.]/g, ''))
/** Prices of the cards, in page order, in major units. */
const cardPrices = (html: string): number[] =>
  [...html.matchAll(/<p class="price"[^>]*>\s*(?:<span[^>]*>)?(?:<span class="visually-hidden"[^>]*>Now<\/span>\s*<span[^>]*>)?([^<]+)</g)].map(([, price = '']) => euros(price))

describe('category pages', () => {
  it('list the products of the category and all its descendants, with breadcrumbs and subcategories', async () => {
    const { html, response } = await page('/c/clothing/men?sort=name')
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
    const titles = cardTitles(html)
    // Men holds the linen shirt; Men › Shirts the oxford and the tees: 27 in all, sorted by name.
    expect(html).toContain('27 products')
    expect(titles[0]).toBe('Linen shirt')
    expect(titles).toContain('Oxford shirt')
    expect(titles).not.toContain(catalogue.mug.title)
    expect(titles).not.toContain(catalogue.soldOut.title)
    expect(titles).not.toContain(catalogue.draft.title)

    const breadcrumbs = html.match(/<nav aria-label="Breadcrumb"[\s\S]*?<\/nav>/)?.[0] ?? ''
    expect(breadcrumbs).toMatch(/href="\/c\/clothing"[^>]*>Clothing</)
    expect(breadcrumbs).toMatch(/href="\/c\/clothing\/men" aria-current="page"[^>]*>Men</)
    const subcategories = html.match(/<nav aria-label="Subcategories"[\s\S]*?<\/nav>/)?.[0] ?? ''
    // Into a subcategory with the listing's choices kept (here the order).
    expect(subcategories).toMatch(/href="\/c\/clothing\/men\/shirts\?sort=name"[^>]*>\s*Shirts\s*<span[^>]*>\(26\)/)
    expect(html).toMatch(/<link rel="canonical" href="http:\/\/127\.0\.0\.1:\d+\/c\/clothing\/men">/)
  })

  it('go to the canonical path when only the ancestors are wrong, and 404 for unknown categories', async () => {
    const moved = await fetch(`${url}/c/shirts?sort=name`, { redirect: 'manual' })
    expect(moved.status).toBe(301)
    expect(moved.headers.get('location')).toBe('/c/clothing/men/shirts?sort=name')

    const { html, response } = await page('/c/clothing/hats')
    expect(response.status).toBe(404)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(html).toContain('We couldn’t find that category')
  })

  it('filter by price and stock through the URL, with a form that works without JavaScript', async () => {
    const { html } = await page('/c/clothing/men/shirts?min=10&max=15&inStock=1&sort=price-asc')
    // Tees at €10…€15 are 01…06; 05 is sold out. The oxford (€30) is out of range.
    expect(cardTitles(html)).toEqual(['Plain tee 01', 'Plain tee 02', 'Plain tee 03', 'Plain tee 04', 'Plain tee 06'])
    const form = html.match(/<form class="controls"[\s\S]*?<\/form>/)?.[0] ?? ''
    expect(attributesOf(form.match(/<form[^>]*>/)?.[0] ?? '')).toMatchObject({ action: '/c/clothing/men/shirts', method: 'get' })
    expect(form).toMatch(/<input type="number" name="min"[^>]*value="10"/)
    expect(form).toMatch(/<input type="checkbox" name="inStock" value="1" checked/)
    expect(form).toMatch(/<option value="price-asc" selected/)
    // Bad values are ignored rather than failing the page.
    expect((await page('/c/clothing/men/shirts?min=abc&page=-1')).response.status).toBe(200)
  })

  it('filter by a variant option value', async () => {
    const { html } = await page('/c/clothing?option=Size:M')
    expect(cardTitles(html)).toEqual(['Oxford shirt'])
    expect(html).toMatch(/<legend[^>]*>Size<\/legend>/)
    expect(html).toMatch(/<input type="checkbox" name="option" value="Size:M" checked/)
  })

  it('sort by price either way, by name and by newest', async () => {
    const ascending = cardPrices((await page('/c/clothing/men/shirts?sort=price-asc')).html)
    expect(ascending).toEqual([...ascending].sort((a, b) => a - b))
    expect(ascending[0]).toBe(10)
    const descending = cardPrices((await page('/c/clothing/men/shirts?sort=price-desc')).html)
    expect(descending[0]).toBe(34)
    expect(cardTitles((await page('/c/clothing/men/shirts')).html)[0]).toBe('Oxford shirt')
    const byName = cardTitles((await page('/c/clothing/men/shirts?sort=name')).html)
    expect(byName).toEqual([...byName].sort())
  })

  it('paginate 24 at a time with links that keep the filters', async () => {
    const first = await page('/c/clothing/men/shirts?sort=name')
    expect(cardTitles(first.html)).toHaveLength(24)
    expect(first.html).toContain('Page 1 of 2')
    expect(first.html).toContain('href="/c/clothing/men/shirts?sort=name&amp;page=2"')
    const second = await page('/c/clothing/men/shirts?sort=name&page=2')
    expect(cardTitles(second.html)).toEqual([`Plain tee ${String(TEE_COUNT - 1).padStart(2, '0')}`, `Plain tee ${TEE_COUNT}`])
    expect((await page('/c/clothing/men/shirts?page=3')).response.status).toBe(404)
  })

  it('are kept in the route cache', async () => {
    await fetch(`${url}/c/home`)
    const response = await fetch(`${url}/c/home`)
    expect(response.headers.get('x-astro-cache')).toBe('HIT')
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
    // Errors are never stored.
    await fetch(`${url}/c/nowhere`)
    expect((await fetch(`${url}/c/nowhere`)).headers.get('x-astro-cache')).toBeNull()
  })
})

/** The CMS's REST API and a token of the admin the fixture registered. */
const asAdmin = async (): Promise<{ api: string; token: string }> => {
  if (!shop) throw new Error('the shop did not start')
  const api = shop.cms.api
  const login = await fetch(`${api}/users/login`, {
    body: JSON.stringify({ email: 'admin@showroom.test', password: 'storefront-test-password' }),
    headers: { 'Content-Type': 'application/json' },
    method: 'POST',
  })
  const { token } = (await login.json()) as { token: string }
  return { api, token }
}

describe('product pages', () => {
  const jsonLdOf = (html: string): Record<string, unknown> => {
    const script = html.match(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/)?.[1]
    if (!script) throw new Error('no JSON-LD')
    return JSON.parse(script) as Record<string, unknown>
  }

  it('show price, compare-at price, stock, SEO tags and JSON-LD', async () => {
    const { html, response } = await page(`/p/${catalogue.onSale.slug}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
    expect(html).toMatch(/<h1 id="product-title"[^>]*>Linen shirt<\/h1>/)
    expect(html).toContain('€49.00')
    expect(html).toMatch(/<s\b[^>]*>[\s\S]*€69\.00[\s\S]*<\/s>/)
    expect(html).toMatch(/data-stock[^>]*>\s*Only 5 left/)
    const canonical = html.match(/<link rel="canonical" href="([^"]+)">/)?.[1]
    expect(canonical).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/p\/linen-shirt$/)
    expect(html).toContain(`<meta property="og:url" content="${canonical}">`)
    expect(html).toMatch(/<meta property="og:image" content="http:\/\/[^"]+linen-shirt-1200x1500\.webp">/)
    expect(html).toContain('<meta property="og:type" content="product">')

    const jsonLd = jsonLdOf(html)
    expect(jsonLd).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Product',
      name: 'Linen shirt',
      offers: { '@type': 'Offer', availability: 'https://schema.org/InStock', price: '49.00', priceCurrency: 'EUR' },
      sku: 'LINEN-SHIRT',
      url: canonical,
    })
  })

  it('show a responsive gallery from the CMS image sizes', async () => {
    const { html } = await page(`/p/${catalogue.onSale.slug}`)
    const img = attributesOf(html.match(/<section class="gallery"[\s\S]*?(<img\b[^>]*>)/)?.[1] ?? '')
    expect(img.alt).toBe(catalogue.onSale.imageAlt)
    expect(img.srcset).toMatch(/linen-shirt-600x750\.webp 600w, \S+linen-shirt-1200x1500\.webp 1200w$/)
    expect(img.sizes).toBeTruthy()
    expect({ height: img.height, width: img.width }).toEqual({ height: '750', width: '600' })
  })

  it('show the chosen variant’s price and stock, through a form that works without JavaScript', async () => {
    const medium = catalogue.oxford.variants.find((variant) => variant.size === 'M')
    const small = catalogue.oxford.variants.find((variant) => variant.size === 'S')
    if (!medium || !small) throw new Error('fixture lacks sizes')

    const plain = await page(`/p/${catalogue.oxford.slug}`)
    expect(plain.html).toContain('€30.00')
    expect(plain.html).toMatch(/<form method="get" class="variants"/)
    expect(plain.html).toMatch(new RegExp(`<input type="radio" name="variant" value="${medium.id}"`))
    expect(plain.html).toContain('A breathable cotton oxford for every day.')
    expect((jsonLdOf(plain.html).offers as unknown[]).length).toBe(3)
    // What the page's script answers choices from, embedded once (the page stays the same for everyone).
    const offerData = JSON.parse(plain.html.match(/<script type="application\/json" id="product-offer">([\s\S]*?)<\/script>/)?.[1] ?? 'null') as unknown
    expect(offerData).toMatchObject({
      options: [{ name: 'Size', values: ['S', 'M', 'L'] }],
      variants: [
        { id: small.id, price: 3000, selections: { Size: 'S' }, sku: 'OXFORD-S', stock: 0 },
        { id: medium.id, price: 3200, selections: { Size: 'M' }, sku: 'OXFORD-M', stock: 4 },
        { price: 3000, selections: { Size: 'L' }, sku: 'OXFORD-L', stock: 7 },
      ],
    })
    // The per-option radios for JavaScript are hidden and disabled, so the form without it sends only `variant`.
    expect(plain.html).toMatch(/<fieldset class="options" data-option-picker hidden disabled/)
    expect(plain.html).toMatch(/<input type="radio" name="option-Size" value="S" data-option="Size"[^>]*>[\s\S]*?S<span[^>]*data-value-note[^>]*> — sold out</)

    const chosen = await page(`/p/${catalogue.oxford.slug}?variant=${medium.id}`)
    expect(chosen.html).toMatch(/data-price[^>]*>[\s\S]*€32\.00/)
    expect(chosen.html).toContain('Only 4 left')
    expect(chosen.html).toMatch(new RegExp(`value="${medium.id}" checked`))
    expect(jsonLdOf(chosen.html)).toMatchObject({
      offers: { availability: 'https://schema.org/InStock', price: '32.00', priceCurrency: 'EUR', sku: 'OXFORD-M' },
      sku: 'OXFORD-M',
    })
    // Same canonical whatever the variant.
    expect(chosen.html).toMatch(/<link rel="canonical" href="[^"]+\/p\/oxford-shirt">/)

    const soldOut = await page(`/p/${catalogue.oxford.slug}?variant=${small.id}`)
    expect(soldOut.html).toMatch(/data-stock[^>]*>\s*Sold out/)
    expect(jsonLdOf(soldOut.html)).toMatchObject({ offers: { availability: 'https://schema.org/OutOfStock', price: '30.00' } })
  })

  it('render the description’s bold, italic, links, headings and lists, with scripts and javascript: links neutralised', async () => {
    const { api, token } = await asAdmin()
    const text = (value: string, format = 0) => ({ detail: 0, format, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
    const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ children, direction: 'ltr', format: '', indent: 0, type, version: 1, ...extra })
    const link = (url: string, label: string) => element('link', [text(label)], { fields: { linkType: 'custom', newTab: false, url } })
    const description = {
      root: element('root', [
        element('heading', [text('Made by hand')], { tag: 'h2' }),
        element('paragraph', [text('Poured in '), text('small', 1), text(' batches, '), text('slowly', 2), text('. See '), link('https://example.com/care', 'care notes'), text('.')]),
        element('heading', [text('Burning')], { tag: 'h3' }),
        element('list', [element('listitem', [text('Trim the wick')], { value: 1 }), element('listitem', [text('Burn two hours')], { value: 2 })], { listType: 'bullet', start: 1, tag: 'ul' }),
        element('paragraph', [text('<script>alert(1)</script>'), link('javascript:alert(2)', 'run me')]),
      ]),
    }
    // A product of its own (in no category), so no other test's counts or cached pages change.
    const created = await fetch(`${api}/products`, {
      body: JSON.stringify({ _status: 'published', currency: 'EUR', description, price: 1500, sku: 'CANDLE', stock: 3, title: 'Pillar candle' }),
      headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
      method: 'POST',
    })
    expect(created.status, await created.clone().text()).toBe(201)
    const { doc } = (await created.json()) as { doc: { id: number; slug: string } }
    const { html, response } = await page(`/p/${doc.slug}`)
    // Gone again before the sitemap and search tests count products.
    const deleted = await fetch(`${api}/products/${doc.id}`, { headers: { Authorization: `JWT ${token}` }, method: 'DELETE' })
    expect(deleted.status).toBe(200)

    expect(response.status).toBe(200)
    const section = html.match(/<section class="description" aria-label="Description"[^>]*>([\s\S]*?)<\/section>/)?.[1] ?? ''
    expect(section).toMatch(/<h2>Made by hand<\/h2>/)
    expect(section).toContain('<p>Poured in <strong>small</strong> batches, <em>slowly</em>. See <a href="https://example.com/care">care notes</a>.</p>')
    expect(section).toContain('<h3>Burning</h3>')
    expect(section).toMatch(/<ul class="list-bullet"><li[^>]*>Trim the wick<\/li><li[^>]*>Burn two hours<\/li><\/ul>/)
    expect(section).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<a href="#">run me</a>')
    expect(html).not.toContain('<script>alert(1)')
    expect(html).not.toMatch(/javascript:alert/i)
    // The meta description is the first block's plain text.
    expect(html).toContain('<meta name="description" content="Made by hand">')
  })

  it('answer 404 with a friendly page for unknown products and drafts', async () => {
    for (const slug of ['no-such-product', catalogue.draft.slug]) {
      const { html, response } = await page(`/p/${slug}`)
      expect(response.status).toBe(404)
      expect(html).toContain('We couldn’t find that product')
      expect(html).toContain('<meta name="robots" content="noindex">')
    }
  })
})

/**
 * Gives the draft product a description with a word nowhere else ("waxed"), as an editor would, and
 * returns the card titles a search for it shows.
 */
const draftDescriptionSearch = async (): Promise<string[]> => {
  const { api, token } = await asAdmin()
  const text = { detail: 0, format: 0, mode: 'normal', style: '', text: 'A waxed cotton jacket.', type: 'text', version: 1 }
  const paragraph = { children: [text], direction: 'ltr', format: '', indent: 0, type: 'paragraph', version: 1 }
  const saved = await fetch(`${api}/products/${catalogue.draft.id}?draft=true`, {
    body: JSON.stringify({ _status: 'draft', description: { root: { ...paragraph, children: [paragraph], type: 'root' } } }),
    headers: { Authorization: `JWT ${token}`, 'Content-Type': 'application/json' },
    method: 'PATCH',
  })
  if (!saved.ok) throw new Error(`saving the draft answered ${saved.status}: ${await saved.text()}`)
  // The CMS does find the word in the draft (so the search below is a real test of publishing rules).
  const staffView = await fetch(`${api}/products?draft=true&depth=0&where[descriptionText][like]=waxed`, { headers: { Authorization: `JWT ${token}` } })
  const { docs } = (await staffView.json()) as { docs: Array<{ id: number }> }
  if (docs[0]?.id !== catalogue.draft.id) throw new Error('the draft’s description was not copied for search')
  const { html } = await page('/search?q=waxed')
  return cardTitles(html)
}

describe('search', () => {
  it('finds by title and by SKU, never drafts', async () => {
    expect(cardTitles((await page('/search?q=linen')).html)).toEqual(['Linen shirt'])
    expect(cardTitles((await page('/search?q=oxford-m')).html)).toEqual(['Oxford shirt'])
    expect(cardTitles((await page('/search?q=WOOL-SCARF')).html)).toEqual(['Wool scarf'])
    const secret = await page('/search?q=secret')
    expect(cardTitles(secret.html)).toEqual([])
    expect(secret.html).toContain('0 products found')
    expect(decodeEntities(secret.html)).toContain('Results for “secret”')
  })

  it('finds words of the description, but never those of a draft', async () => {
    // Only the oxford's description says "breathable"; the title and SKU searches above cannot see it.
    expect(cardTitles((await page('/search?q=breathable')).html)).toEqual(['Oxford shirt'])
    expect(cardTitles((await page('/search?q=COTTON%20oxford')).html)).toEqual(['Oxford shirt'])
    expect(await draftDescriptionSearch()).toEqual([])
  })

  it('shows just the form without a term', async () => {
    const { html, response } = await page('/search')
    expect(response.status).toBe(200)
    expect(html).toMatch(/<label for="q"/)
    expect(cardTitles(html)).toEqual([])
  })
})

describe('element ids', () => {
  it('are unique on category and search pages, and every label and ARIA reference finds its element', async () => {
    for (const path of ['/c/clothing?sort=name', '/c/clothing/men/shirts?min=10&max=15&inStock=1', '/search?q=shirt', '/search']) {
      const { html, response } = await page(path)
      expect(response.status).toBe(200)
      expect({ duplicates: duplicateIds(html), path }).toEqual({ duplicates: [], path })
      expect({ dangling: danglingReferences(html), path }).toEqual({ dangling: [], path })
    }
  })
})

describe('sitemap.xml', () => {
  it('lists home, categories and published products in both languages, with their alternates', async () => {
    const response = await fetch(`${url}/sitemap.xml`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^application\/xml/)
    const xml = await response.text()
    const locs = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map(([, loc = '']) => new URL(loc).pathname)
    expect(locs).toContain('/')
    expect(locs).toContain('/c/clothing/men/shirts')
    expect(locs).toContain(`/p/${catalogue.onSale.slug}`)
    expect(locs).not.toContain(`/p/${catalogue.draft.slug}`)
    // Home, 5 categories and 29 published products, in English and in German (untranslated: the English slugs).
    expect(locs).toHaveLength(70)
    expect(locs).toContain('/de')
    expect(locs).toContain('/de/c/clothing/men/shirts')
    expect(locs).toContain(`/de/p/${catalogue.onSale.slug}`)
    // Each page names every language's address and x-default.
    const product = xml.match(new RegExp(`<url><loc>[^<]*/de/p/${catalogue.onSale.slug}</loc>.*?</url>`))?.[0] ?? ''
    expect(product).toMatch(new RegExp(`<xhtml:link rel="alternate" hreflang="en-GB" href="[^"]*/p/${catalogue.onSale.slug}"/>`))
    expect(product).toMatch(new RegExp(`<xhtml:link rel="alternate" hreflang="de-DE" href="[^"]*/de/p/${catalogue.onSale.slug}"/>`))
    expect(product).toMatch(/<xhtml:link rel="alternate" hreflang="x-default" href="[^"]*"\/>/)
  })
})

describe('unknown pages', () => {
  it('answer 404 with the friendly page', async () => {
    const { html, response } = await page('/no/such/page')
    expect(response.status).toBe(404)
    expect(html).toContain('We couldn’t find that page')
  })
})
