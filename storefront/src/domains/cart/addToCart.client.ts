/**
 * The product page's add-to-cart form, better with JavaScript: the `cart.add` action is called from
 * the page, its outcome is announced beside the button and the header's cart count goes up, with no
 * reload. Without JavaScript (or before this runs) the form posts as usual and the middleware
 * answers with post-redirect-get. Reads nothing per visitor from the page, which is route-cached.
 */
import { actions, isInputError } from 'astro:actions'

/**
 * What the shopper reads when the action fails: for an input check (whose messages are dictionary keys,
 * `formErrors`, which this script does not carry), that the quantity needs a look, the only field she
 * types; else the action's message, already in the page's language.
 */
const errorText = (error: unknown): string => {
  if (isInputError(error)) return german() ? 'Bitte prüfen Sie die Menge.' : 'Please check the quantity.'
  return error instanceof Error && error.message !== '' ? error.message : 'Sorry, that could not be added. Please try again.'
}

/**
 * Shows the cart's new item count (as the action answered it) in the header, kept by the server
 * island in `data-cart-count`. Only the number is rewritten, so the island's own wording stays.
 * Before the island has loaded there is no count to change: it then loads with the new one.
 */
const showCartCount = (count: number): void => {
  for (const element of document.querySelectorAll<HTMLElement>('[data-cart-count]')) {
    const before = Number(element.dataset.cartCount)
    if (!Number.isInteger(before)) continue
    const after = String(count)
    element.dataset.cartCount = after
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? ''
      const replaced = text.replace(new RegExp(`(?<!\\d)${before}(?!\\d)`), after)
      if (replaced !== text) {
        node.textContent = replaced
        break
      }
    }
  }
}

/** The page's words for what this script says (its `<html lang>`: `de-DE` on the German shop). */
const german = (): boolean => document.documentElement.lang.startsWith('de')

/** Shows `text` (and a link to the cart) in the form's `role="status"` region, which announces it politely. */
const announce = (status: HTMLElement, kind: 'error' | 'info', text: string): void => {
  const link = document.createElement('a')
  link.href = german() ? '/de/cart' : '/cart'
  link.textContent = german() ? (kind === 'info' ? 'Warenkorb ansehen' : 'Zum Warenkorb') : kind === 'info' ? 'View your cart' : 'Go to your cart'
  status.dataset.kind = kind
  status.replaceChildren(`${text} `, link)
}

/** Takes over the submit of every `form[data-add-to-cart]` that has a `[data-cart-status]` region. */
export const enhanceAddToCart = (root: ParentNode = document): void => {
  for (const form of root.querySelectorAll<HTMLFormElement>('form[data-add-to-cart]')) {
    const status = form.querySelector<HTMLElement>('[data-cart-status]')
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]')
    if (!status || !button) continue
    let pending = false
    form.addEventListener('submit', (event) => {
      event.preventDefault()
      // `aria-disabled` rather than `disabled` while waiting: a disabled button would lose keyboard focus.
      if (pending) return
      pending = true
      button.setAttribute('aria-disabled', 'true')
      form.setAttribute('aria-busy', 'true')
      const submitted = new FormData(form)
      actions.cart
        .add(submitted)
        .then(({ data, error }) => {
          if (error) announce(status, 'error', errorText(error))
          else {
            announce(status, 'info', german() ? 'In den Warenkorb gelegt.' : 'Added to your cart.')
            showCartCount(data.count)
          }
        })
        .catch(() => {
          announce(status, 'error', german() ? 'Der Shop ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.' : 'The shop could not be reached. Please check your connection and try again.')
        })
        .finally(() => {
          pending = false
          button.removeAttribute('aria-disabled')
          form.removeAttribute('aria-busy')
        })
    })
  }
}
