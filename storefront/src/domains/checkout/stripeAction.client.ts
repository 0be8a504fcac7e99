import { stripeJs } from './stripeCheckout.client'

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
  const { clientSecret, publishableKey } = box?.dataset ?? {}
  if (!box || !message || !button || !clientSecret || !publishableKey) return
  const stripe = stripeJs(publishableKey)
  if (!stripe) {
    message.textContent = 'Stripe did not load, so your bank cannot confirm the payment here. Reload the page to try again.'
    return
  }
  const confirm = async (): Promise<void> => {
    button.disabled = true
    const result = await stripe.handleNextAction({ clientSecret })
    if (result.error) {
      message.textContent = `${result.error.message ?? 'Your bank did not confirm the payment.'} Nothing was charged; this order will be cancelled, and you can order again with another card.`
      button.hidden = true
      return
    }
    message.textContent = 'Your bank confirmed the payment. This page shows the order as paid as soon as Stripe tells the shop.'
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
