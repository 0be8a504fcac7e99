/**
 * The source of a stand-in for Stripe.js (`https://js.stripe.com/v3/`), served by the fake Stripe at
 * `/v3/`, for browser tests that cannot reach Stripe. It offers the calls the storefront makes, with
 * Stripe.js's shapes: `Stripe(publishableKey)`, `elements().create('card').mount(el)` (a plain input,
 * where Stripe's is an iframe on its own origin; it has no `name`, so a form never submits it),
 * `createPaymentMethod({ type: 'card', card })` → `{ paymentMethod }` or `{ error }`, and
 * `handleNextAction({ clientSecret })`, which shows a dialog standing in for the bank's 3-D Secure page
 * ("Complete authentication" / "Fail authentication") and resolves like Stripe.js. What it does not
 * exercise: Stripe's real iframes, its fraud signals, and a real issuer's challenge.
 */
export const fakeStripeJs = (base: string): string => `(() => {
  const BASE = ${JSON.stringify(base)};
  window.Stripe = function Stripe(publishableKey) {
    const call = async (path, params) => {
      const response = await fetch(BASE + path, {
        body: new URLSearchParams(params),
        headers: { authorization: 'Bearer ' + publishableKey, 'content-type': 'application/x-www-form-urlencoded' },
        method: 'POST',
      });
      const json = await response.json();
      return response.ok ? { ok: json } : { error: json.error };
    };
    return {
      elements() {
        return {
          create(type) {
            let input;
            return {
              type,
              mount(target) {
                const host = typeof target === 'string' ? document.querySelector(target) : target;
                input = document.createElement('input');
                input.setAttribute('aria-label', 'Card number');
                input.setAttribute('autocomplete', 'cc-number');
                input.setAttribute('inputmode', 'numeric');
                input.dataset.fakeStripe = 'card';
                host.append(input);
              },
              on() {},
              destroy() { input?.remove(); },
              _number() { return input ? input.value : ''; },
            };
          },
        };
      },
      async createPaymentMethod({ type, card }) {
        const result = await call('/v1/payment_methods', { type, 'card[number]': card._number() });
        return result.error ? { error: result.error } : { paymentMethod: result.ok };
      },
      handleNextAction({ clientSecret }) {
        const id = clientSecret.split('_secret_')[0];
        return new Promise((resolve) => {
          const dialog = document.createElement('dialog');
          dialog.setAttribute('aria-label', '3D Secure (test stand-in)');
          dialog.innerHTML = '<p>Your bank asks you to confirm this payment.</p><button type="button" value="succeed">Complete authentication</button> <button type="button" value="fail">Fail authentication</button>';
          dialog.addEventListener('click', async (event) => {
            const outcome = event.target instanceof HTMLButtonElement ? event.target.value : '';
            if (!outcome) return;
            dialog.close();
            dialog.remove();
            const result = await call('/v1/payment_intents/' + id + '/authenticate', { client_secret: clientSecret, outcome });
            if (result.error) return resolve({ error: result.error });
            if (result.ok.status !== 'succeeded') return resolve({ error: { message: result.ok.last_payment_error?.message ?? 'Authentication failed.', payment_intent: result.ok, type: 'card_error' } });
            resolve({ paymentIntent: result.ok });
          });
          document.body.append(dialog);
          dialog.showModal();
        });
      },
    };
  };
})();
`
