import type { CardMedia, ProductSummary } from './product'

export type CardImage = { alt: string; height: number; src: string; width: number }

/**
 * Makes a CMS media URL absolute. Payload answers root-relative URLs (`/api/v1/media/file/…`) when it
 * has no `serverURL`, absolute ones when it has: the first are joined to `origin`, the second kept.
 * Anything that is not http(s) is refused (`undefined`), since it ends up in an `src` attribute.
 */
export const resolveMediaUrl = (url: string, origin: string): string | undefined => {
  const joined = url.startsWith('/') && !url.startsWith('//') ? `${origin.replace(/\/+$/, '')}${url}` : url
  if (!URL.canParse(joined, origin)) return undefined
  const resolved = new URL(joined, origin)
  return resolved.protocol === 'https:' || resolved.protocol === 'http:' ? resolved.href : undefined
}

const isMedia = (image: CardMedia | number): image is CardMedia => typeof image === 'object'

/**
 * The image a product card shows: the product's first image at the CMS's `card` size (600×750), or
 * the original when that size is missing. `undefined` when the product has no usable image, so the
 * card can draw a placeholder. Width and height are always known, so the grid never shifts.
 */
export const cardImageOf = (product: Pick<ProductSummary, 'images' | 'title'>, mediaOrigin: string): CardImage | undefined => {
  const media = product.images?.find(isMedia)
  if (!media) return undefined
  const alt = media.alt.trim() || product.title
  for (const candidate of [media.sizes?.card, media]) {
    if (!candidate?.url || !candidate.width || !candidate.height) continue
    const src = resolveMediaUrl(candidate.url, mediaOrigin)
    if (src) return { alt, height: candidate.height, src, width: candidate.width }
  }
  return undefined
}
