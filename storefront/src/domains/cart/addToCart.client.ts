/**
 * The product page's add-to-cart form, better with JavaScript: the `cart.add` action is called from
 * the page, its outcome is announced beside the button and the header's cart count goes up, with no
 * reload. Without JavaScript (or before this runs) the form posts as usual and the middleware
 * answers with post-redirect-get. Reads nothing per visitor from the page, which is route-cached.
 */
import { actions, getActionPath } from 'astro:actions'
import { parse } from 'devalue'

/** What the shopper reads when something fails before the action could answer. */
const unreachable = (): string =>
  german() ? 'Der Shop ist gerade nicht erreichbar. Bitte prüfen Sie Ihre Verbindung und versuchen Sie es erneut.' : 'The shop could not be reached. Please check your connection and try again.'

/** What the shopper reads when the action failed without saying why. */
const notAdded = (): string => (german() ? 'Das konnte nicht in den Warenkorb gelegt werden. Bitte versuchen Sie es erneut.' : 'Sorry, that could not be added. Please try again.')

/**
 * Calls `cart.add` as Astro's client would (a POST of the form to the action's path, answered in JSON,
 * data serialized with `devalue`), with the page's language named in `?locale=`, so the action's refusals
 * (sold out, only 2 left) come in it: Astro serves action calls at `/_actions/<name>` only, and its own
 * client cannot add to that address. Resolves with the new cart count or the text to show.
 */
const addToCart = async (form: FormData): Promise<{ count: number } | { error: string }> => {
  const path = `${getActionPath(actions.cart.add)}?${new URLSearchParams({ locale: german() ? 'de' : 'en' })}`
  const response = await fetch(path, { body: form, headers: { Accept: 'application/json' }, method: 'POST' })
  const body = await response.text()
  if (response.ok) return { count: (parse(body) as { count: number }).count }
  let refusal: { message?: unknown; type?: unknown }
  try {
    refusal = JSON.parse(body) as typeof refusal
  } catch {
    return { error: notAdded() }
  }
  // An input check's messages are dictionary keys (`formErrors`), which this script does not carry: the
  // quantity is the only field the shopper types.
  if (refusal.type === 'AstroActionInputError') return { error: german() ? 'Bitte prüfen Sie die Menge.' : 'Please check the quantity.' }
  if (typeof refusal.message === 'string' && refusal.message !== '') return { error: refusal.message }
  return { error: notAdded() }
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
      addToCart(submitted)
        .then((outcome) => {
          if ('error' in outcome) announce(status, 'error', outcome.error)
          else {
            announce(status, 'info', german() ? 'In den Warenkorb gelegt.' : 'Added to your cart.')
            showCartCount(outcome.count)
          }
        })
        .catch(() => announce(status, 'error', unreachable()))
        .finally(() => {
          pending = false
          button.removeAttribute('aria-disabled')
          form.removeAttribute('aria-busy')
        })
    })
  }
}
