import type { Stripe, StripeCardElement, StripeConstructor } from '@stripe/stripe-js'

/** Stripe.js, which the page loads with a `<script src>` before this module runs (`window.Stripe`). */
export const stripeJs = (publishableKey: string): Stripe | undefined => {
  const factory = (window as { Stripe?: StripeConstructor }).Stripe
  return factory ? factory(publishableKey) : undefined
}

const SHOWN_ERROR = 'Your card could not be read. Check it and try again.'

/**
 * The checkout form with Stripe offered: mounts Stripe's card field, and when the shopper places the
 * order with "Card (Stripe)" chosen, turns the card into a PaymentMethod with Stripe.js first and posts
 * only its id (`details.stripe.paymentMethod`). The card number never reaches the shop's servers.
 */
export const startStripeCheckout = (): void => {
  const form = document.querySelector<HTMLFormElement>('[data-checkout-form]')
  const box = form?.querySelector<HTMLElement>('[data-stripe-payment]')
  const mount = box?.querySelector<HTMLElement>('[data-stripe-card]')
  const input = box ? form?.querySelector<HTMLInputElement>(`input[name="${box.dataset.field ?? ''}"]`) : undefined
  const error = box?.querySelector<HTMLElement>('[data-stripe-error]')
  const stripe = box?.dataset.publishableKey ? stripeJs(box.dataset.publishableKey) : undefined
  if (!form || !box || !mount || !input || !error) return
  if (!stripe) {
    error.textContent = 'Card payment is unavailable just now (Stripe did not load). Choose another way to pay, or reload the page.'
    return
  }
  const card: StripeCardElement = stripe.elements().create('card')
  card.mount(mount)
  let busy = false
  form.addEventListener('submit', (event) => {
    const chosen = form.querySelector<HTMLInputElement>('input[name="payment"]:checked')?.value
    if (chosen !== 'stripe' || input.value !== '') return
    event.preventDefault()
    if (busy) return
    busy = true
    error.textContent = ''
    stripe
      .createPaymentMethod({ card, type: 'card' })
      .then((result) => {
        if (result.error || !result.paymentMethod) {
          error.textContent = result.error?.message ?? SHOWN_ERROR
          return
        }
        input.value = result.paymentMethod.id
        form.requestSubmit()
      })
      .catch(() => {
        error.textContent = SHOWN_ERROR
      })
      .finally(() => {
        busy = false
      })
  })
}
