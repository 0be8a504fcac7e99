import { absoluteUrl } from '../../platform/seo/pageUrl'
import { DEFAULT_LOCALE, type Locale, localePath } from '../i18n/locale'
import { chosenVariant, descriptionSummary, type ProductDetail, productJsonLd } from './productDetail'

/** What a product page puts in its head, and the variant its `?variant=` chose. */
export type ProductPageHead = {
  /** Every variant URL shows the same product: one canonical address for all of them. */
  canonical: string
  description: string | undefined
  jsonLd: Record<string, unknown>
  ogImage: string | undefined
  title: string
  variant: ProductDetail['variants'][number] | undefined
}

/** The head of `product`'s page at `url` in `locale` (the product page and its preview). */
export const productPageHead = (product: ProductDetail, url: URL, locale: Locale = DEFAULT_LOCALE): ProductPageHead => {
  const variant = chosenVariant(product, url.searchParams.get('variant'))
  const canonical = absoluteUrl(localePath(locale, `/p/${encodeURIComponent(product.slug)}`), url)
  const fullImages = product.images.flatMap((media) => {
    const image = media.sizes?.full?.url ?? media.url
    return image ? [image] : []
  })
  return {
    canonical,
    description: product.seo.description ?? descriptionSummary(product),
    jsonLd: productJsonLd(product, { images: fullImages, url: canonical, variant }),
    ogImage: fullImages[0],
    title: product.seo.title ?? product.title,
    variant,
  }
}
