import { formatMoney } from '../catalogue/money'
import { type LiveOffer, shownPrice, shownStock, stockLabel, withStock } from './productOffer'
import type { ProductLiveMessage } from './liveMessage'

/**
 * Keeps the product page's price and stock current while it is open: the page is route-cached, so
 * it connects to `/live/products/<id>` by the id in `data-live-product`, and announces changes politely.
 */
export const followProductOffer = (): void => {
  const root = document.querySelector<HTMLElement>('[data-live-product]')
  const priceEl = root?.querySelector<HTMLElement>('[data-price]')
  const stockEl = root?.querySelector<HTMLElement>('[data-stock]')
  const announcer = root?.querySelector<HTMLElement>('[data-live-announcer]')
  if (root && priceEl && stockEl && announcer && typeof EventSource === 'function') {
    let offer = JSON.parse(root.dataset.liveOffer ?? 'null') as LiveOffer | null
    const currency = root.dataset.liveCurrency ?? 'EUR'
    const locale = document.documentElement.lang
    // Elements made here get the page's scoped-style attribute, so they look like the server's.
    const scope = [...priceEl.attributes].find((attribute) => attribute.name.startsWith('data-astro-cid'))?.name
    const make = (tag: string, text: string, className?: string): HTMLElement => {
      const element = document.createElement(tag)
      element.textContent = text
      if (className) element.className = className
      if (scope) element.setAttribute(scope, '')
      return element
    }
    const readMessage = (event: Event): ProductLiveMessage | undefined => {
      if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return undefined
      const data: unknown = JSON.parse(event.data)
      return typeof data === 'object' && data !== null && 'items' in data && Array.isArray(data.items) ? (data as ProductLiveMessage) : undefined
    }
    const source = new EventSource(`/live/products/${encodeURIComponent(root.dataset.liveProduct ?? '')}`)
    source.addEventListener('price', (event) => {
      const message = readMessage(event)
      const next = offer && message?.type === 'price' ? shownPrice(offer, message) : undefined
      if (!next) return
      const money = (minor: number): string => formatMoney(minor, currency, locale)
      if (next.compareAtPrice === undefined) {
        priceEl.replaceChildren(make('span', money(next.price)))
      } else {
        const was = make('s', ` ${money(next.compareAtPrice)}`)
        was.prepend(make('span', 'was', 'visually-hidden'))
        priceEl.replaceChildren(make('span', 'Now', 'visually-hidden'), ' ', make('span', money(next.price), 'sale'), ' ', was)
      }
      announcer.textContent = `Price now ${money(next.price)}`
    })
    source.addEventListener('stock', (event) => {
      const message = readMessage(event)
      if (!offer || message?.type !== 'stock') return
      offer = withStock(offer, message)
      const text = stockLabel(shownStock(offer))
      if (stockEl.textContent?.trim() === text) return
      stockEl.textContent = text
      stockEl.classList.toggle('sold-out', shownStock(offer) <= 0)
      announcer.textContent = text
    })
  }
}
