import { stripeJs } from './stripeCheckout.client'

type Words = { confirmed: string; declined: string; notConfirmed: string; notLoaded: string }

/** The words the page carries in `data-messages` (the dictionary's, in its language), or undefined. */
const wordsIn = (json: string | undefined): undefined | Words => {
  try {
    const parsed = JSON.parse(json ?? '') as Partial<Words> | null
    return parsed && typeof parsed.confirmed === 'string' && typeof parsed.declined === 'string' && typeof parsed.notConfirmed === 'string' && typeof parsed.notLoaded === 'string'
      ? (parsed as Words)
      : undefined
  } catch {
    return undefined
  }
}

/**
 * The order page of an order whose payment the bank must still confirm (3-D Secure): runs Stripe.js
 * `handleNextAction` with the PaymentIntent's client secret at once, and again from the button if the
 * shopper closed it. Stripe then tells the shop by webhook; the page's live status shows the order paid
 * (or cancelled) when the shop has applied it.
 */
export const startStripeAction = (): void => {
  const box = document.querySelector<HTMLElement>('[data-stripe-action]')
  const message = box?.querySelector<HTMLElement>('[data-stripe-action-message]')
  const button = box?.querySelector<HTMLButtonElement>('[data-stripe-confirm]')
  const { clientSecret, messages, publishableKey } = box?.dataset ?? {}
  const words = wordsIn(messages)
  if (!box || !message || !button || !clientSecret || !publishableKey || !words) return
  const stripe = stripeJs(publishableKey)
  if (!stripe) {
    message.textContent = words.notLoaded
    return
  }
  const confirm = async (): Promise<void> => {
    button.disabled = true
    const result = await stripe.handleNextAction({ clientSecret })
    if (result.error) {
      message.textContent = `${result.error.message ?? words.notConfirmed} ${words.declined}`
      button.hidden = true
      return
    }
    message.textContent = words.confirmed
    button.hidden = true
  }
  button.addEventListener('click', () => {
    confirm().catch(() => {
      button.disabled = false
    })
  })
  confirm().catch(() => {
    button.disabled = false
  })
}
