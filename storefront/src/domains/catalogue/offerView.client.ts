import { formatMoney } from './money'
import type { ChoiceOffer } from './variantChoice'

/** The parts of the product page that show the offer, found once by their `data-*` hooks. */
export type OfferView = { render: (offer: ChoiceOffer) => void }

/**
 * Draws an offer into the product page's markup exactly as the server renders it: price (with the
 * former price struck through), stock line, SKU, and the add-to-cart form (its variant, its
 * quantity limit, whether it is enabled and why not). Returns undefined when the markup is missing.
 */
export const offerView = (root: HTMLElement, currency: string): OfferView | undefined => {
  const priceEl = root.querySelector<HTMLElement>('[data-price]')
  const stockEl = root.querySelector<HTMLElement>('[data-stock]')
  const skuEl = root.querySelector<HTMLElement>('[data-sku]')
  const form = root.querySelector<HTMLFormElement>('form[data-add-to-cart]')
  const button = form?.querySelector<HTMLButtonElement>('button[type="submit"]')
  const quantity = form?.querySelector<HTMLInputElement>('input[name="quantity"]')
  const note = form?.querySelector<HTMLElement>('[data-purchase-note]')
  if (!priceEl || !stockEl || !skuEl || !form || !button || !quantity || !note) return undefined
  const locale = document.documentElement.lang
  const money = (minor: number): string => formatMoney(minor, currency, locale)
  // Elements made here get the page's scoped-style attribute, so they look like the server's.
  const scope = [...priceEl.attributes].find((attribute) => attribute.name.startsWith('data-astro-cid'))?.name
  const make = (tag: string, text: string, className?: string): HTMLElement => {
    const element = document.createElement(tag)
    element.textContent = text
    if (className) element.className = className
    if (scope) element.setAttribute(scope, '')
    return element
  }
  const variantInput = (): HTMLInputElement => {
    const existing = form.querySelector<HTMLInputElement>('input[name="variant"]')
    if (existing) return existing
    const input = document.createElement('input')
    input.type = 'hidden'
    input.name = 'variant'
    form.prepend(input)
    return input
  }
  return {
    render: (offer) => {
      if (offer.compareAtPrice === undefined) priceEl.replaceChildren(make('span', money(offer.price)))
      else {
        const was = make('s', ` ${money(offer.compareAtPrice)}`)
        was.prepend(make('span', 'was', 'visually-hidden'))
        priceEl.replaceChildren(make('span', 'Now', 'visually-hidden'), ' ', make('span', money(offer.price), 'sale'), ' ', was)
      }
      stockEl.textContent = offer.stockText
      stockEl.classList.toggle('sold-out', offer.stock <= 0)
      skuEl.textContent = `SKU ${offer.sku}`
      if (offer.variant) variantInput().value = offer.variant.id
      else form.querySelector('input[name="variant"]')?.remove()
      const max = Math.max(1, Math.min(100, offer.stock))
      quantity.max = String(max)
      if (Number(quantity.value) > max) quantity.value = String(max)
      quantity.disabled = !offer.canBuy
      button.disabled = !offer.canBuy
      note.textContent = offer.note ?? ''
      note.hidden = offer.note === undefined
    },
  }
}
