import { z } from 'astro/zod'

import { formatMoney } from './money'

const currencySchema = z.string().regex(/^[A-Z]{3}$/)
const otherPricesSchema = z.record(currencySchema, z.object({ amount: z.number().int(), from: z.boolean() }))

/**
 * Shows every product card's price in the visitor's currency, once the `VisitorCurrency` server island
 * has named it (the cached page is the same for everyone, so the server never renders it there): the
 * card's price in that currency, "from" the lowest when its variants differ, or that it is not sold in
 * that currency. A card in its base currency keeps the server's markup (its sale price included).
 * Formatted in the page's language; the words come from the grid (`data-card-from`, `data-card-not-sold`).
 */
export const showCardsInVisitorCurrency = (): void => {
  const apply = (): boolean => {
    const marker = document.querySelector<HTMLElement>('[data-visitor-currency]')
    const currency = currencySchema.safeParse(marker?.dataset.visitorCurrency)
    if (!currency.success) return false
    for (const grid of document.querySelectorAll<HTMLElement>('[data-card-not-sold]')) showGrid(grid, currency.data)
    return true
  }
  if (apply()) return
  const observer = new MutationObserver(() => {
    if (apply()) observer.disconnect()
  })
  observer.observe(document.body, { childList: true, subtree: true })
}

const showGrid = (grid: HTMLElement, currency: string): void => {
  const locale = document.documentElement.lang
  const from = grid.dataset.cardFrom ?? '{price}'
  const notSold = grid.dataset.cardNotSold ?? '{currency}'
  for (const card of grid.querySelectorAll<HTMLElement>('[data-card-prices]')) {
    const priceEl = card.querySelector<HTMLElement>('[data-card-price]')
    const prices = otherPricesSchema.safeParse(JSON.parse(card.dataset.cardPrices ?? '{}'))
    if (!priceEl || !prices.success || card.dataset.currency === currency) continue
    const price = prices.data[currency]
    // Elements made here get the card's scoped-style attribute, so they look like the server's.
    const scope = [...priceEl.attributes].find((attribute) => attribute.name.startsWith('data-astro-cid'))?.name
    const span = document.createElement('span')
    if (scope) span.setAttribute(scope, '')
    if (price) {
      const amount = formatMoney(price.amount, currency, locale)
      span.textContent = price.from ? from.replace('{price}', amount) : amount
    } else {
      span.className = 'not-sold'
      span.textContent = notSold.replace('{currency}', currency)
    }
    priceEl.replaceChildren(span)
  }
}
