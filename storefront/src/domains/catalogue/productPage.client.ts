/**
 * The product page with JavaScript: choosing options shows the matching variant's price, stock, SKU
 * and image at once and readies Add to cart for it, the URL keeps the choice (`?variant=`, what the
 * no-JavaScript form submits) for reloads and sharing, and live price and stock events apply to
 * whatever is chosen. Reads the offer data the server embedded (`#product-offer`): no CMS request
 * per choice, and nothing per visitor, since the page is route-cached.
 */
import { followProductOffer } from '../live/followProductOffer.client'
import { withLiveMessage } from '../live/productOffer'
import { formatMoney } from './money'
import { offerView } from './offerView.client'
import { type ChoiceData, type ChoiceOffer, offerForChoice, type Selections, selectionsOfVariant } from './variantChoice'
import { variantImageView } from './variantImage.client'
import { variantPicker } from './variantPicker.client'
import type { Locale } from '../i18n/locale'

/** The page's language, from its `<html lang>` (`de-DE` on the German shop). */
const pageLocale = (): Locale => (document.documentElement.lang.startsWith('de') ? 'de' : 'en')

export const enhanceProductPage = (): void => {
  const root = document.querySelector<HTMLElement>('[data-live-product]')
  const json = document.getElementById('product-offer')?.textContent
  const announcer = root?.querySelector<HTMLElement>('[data-live-announcer]')
  if (!root || !json || !announcer) return
  let data = JSON.parse(json) as ChoiceData
  let chosen: Selections = selectionsOfVariant(data, new URL(window.location.href).searchParams.get('variant'))
  const view = offerView(root, data.currency)
  if (!view) return
  const gallery = document.querySelector<HTMLElement>('[data-gallery]')
  const showImage = gallery ? variantImageView(gallery) : undefined
  const money = (minor: number): string => formatMoney(minor, data.currency, document.documentElement.lang)

  const picker = variantPicker(root, (next) => {
    chosen = next
    const offer = show()
    const url = new URL(window.location.href)
    if (offer.variant) url.searchParams.set('variant', offer.variant.id)
    else url.searchParams.delete('variant')
    window.history.replaceState(window.history.state, '', url)
    const extra = offer.note && offer.note !== 'Sold out' ? ` ${offer.note}` : ''
    announcer.textContent = `${money(offer.price)}, ${offer.stockText}.${extra}`
  })
  const show = (): ChoiceOffer => {
    const offer = offerForChoice(data, chosen, pageLocale())
    view.render(offer)
    showImage?.(offer.variant?.image ?? null)
    picker?.refresh(data, chosen)
    return offer
  }
  show()

  followProductOffer(root.dataset.liveProduct ?? '', (message) => {
    const before = offerForChoice(data, chosen, pageLocale())
    data = withLiveMessage(data, message)
    const after = show()
    if (message.type === 'price' && (after.price !== before.price || after.compareAtPrice !== before.compareAtPrice)) {
      announcer.textContent = `Price now ${money(after.price)}`
    } else if (message.type === 'stock' && after.stockText !== before.stockText) {
      announcer.textContent = after.stockText
    }
  })
}
