import type { GalleryImage } from './productDetail'

/**
 * Leads the product page's gallery with the chosen variant's own image, as the server renders it for
 * `?variant=` (a `li[data-variant-image]` before the product's images), or takes it away again so the
 * product's images (or the placeholder, when there are none) show. Undefined when the markup is missing.
 */
export const variantImageView = (gallery: HTMLElement): ((image: GalleryImage | null) => void) | undefined => {
  const list = gallery.querySelector<HTMLUListElement>('ul')
  const placeholder = gallery.querySelector<HTMLElement>('[data-placeholder]')
  if (!list || !placeholder) return undefined
  // Elements made here get the page's scoped-style attribute, so they look like the server's.
  const scope = [...list.attributes].find((attribute) => attribute.name.startsWith('data-astro-cid'))?.name
  return (image) => {
    let item = list.querySelector<HTMLLIElement>(':scope > li[data-variant-image]')
    if (!image) item?.remove()
    else {
      if (!item) {
        item = document.createElement('li')
        item.dataset.variantImage = ''
        if (scope) item.setAttribute(scope, '')
        list.prepend(item)
      }
      const img = item.querySelector('img') ?? item.appendChild(document.createElement('img'))
      if (img.getAttribute('src') !== image.src) {
        img.removeAttribute('srcset')
        Object.assign(img, { alt: image.alt, decoding: 'async', height: image.height, sizes: image.sizes, width: image.width })
        img.srcset = image.srcset
        img.src = image.src
      }
    }
    const empty = list.children.length === 0
    list.hidden = empty
    placeholder.hidden = !empty
  }
}
