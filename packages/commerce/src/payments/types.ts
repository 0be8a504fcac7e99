import type { PaymentTranslations } from './paymentTexts'

/** Where a payment stands. The same values as the orders collection's `payment.status`, minus `refunded`. */
export type PaymentStatus = 'pending' | 'authorized' | 'paid' | 'failed'

export type PaymentResult = {
  /**
   * `pending`: waiting on someone (staff, the shopper's bank). `authorized`: the money is held but not yet
   * taken; `confirm` takes it. `paid`: captured. `failed`: nothing was taken.
   */
  status: PaymentStatus
  /** The provider's id for this payment: store it on the order, pass it to `confirm` and `refund`. */
  reference: string
  /** Shopper-safe explanation, such as "Your card was declined." Set when `status` is `failed`. */
  message?: string
  /**
   * Something the shopper's browser must still do to finish a `pending` payment (3-D Secure); checkout
   * hands it back with the order, and the storefront runs it. Only from `initiate` and `confirm`.
   */
  action?: PaymentAction
}

/**
 * A step the shopper's browser takes with the provider's own script, which Showroom's servers cannot
 * take for her. `stripe.handleNextAction`: Stripe.js `handleNextAction({ clientSecret })` with the
 * shop's publishable key (3-D Secure); the provider then reports the outcome by webhook.
 */
export type PaymentAction = { clientSecret: string; publishableKey: string; type: 'stripe.handleNextAction' }

export type CancelArgs = {
  /** The payment's `reference`, as `initiate` returned it. */
  reference: string
  /** Identifies this cancel; the same key again returns the first result. */
  idempotencyKey: string
}

/**
 * `cancelled`: the payment can no longer take money (or never could). `too-late`: it already took the
 * money; the provider's webhook reports that payment (a cancelled order records it as a late payment).
 */
export type CancelResult = { status: 'cancelled' | 'too-late' }

export type RefundResult = {
  status: 'refunded' | 'failed'
  /** The provider's id for this refund when it succeeded; the payment's reference when it failed. */
  reference: string
  /** Why it failed, for staff (refunds are a staff action). */
  message?: string
}

/** What a provider's webhook says happened. The caller applies it to the order whose payment has `reference`. */
export type WebhookEvent = {
  /** The provider's id for the event: providers retry, so the caller records it and ignores repeats. */
  eventId: string
  reference: string
  status: PaymentStatus | 'refunded'
}

export type InitiateArgs = {
  /**
   * The order's id, as Payload gives it (a number on Postgres), when the order is already stored. Checkout
   * pays before it writes the order, so it has no id yet and passes only `orderNumber`.
   */
  orderId?: string | number
  /**
   * The shopper-facing order number, such as `SR-250101-ABCDE`, for the provider's statement. Assigned before
   * the order is written, so it is the reference that always exists.
   */
  orderNumber: string
  /** A positive integer in minor units: 1999 means 19.99. */
  amount: number
  /** ISO 4217, upper case, such as `EUR`. */
  currency: string
  /**
   * What the shopper entered for this method (a test card, nothing for `manual`). Untrusted: every adapter
   * parses it with its own schema and throws `PaymentInputError` when it is unusable.
   */
  details: unknown
  /**
   * Identifies this payment attempt. Calling again with the same key and arguments returns the first
   * result without charging again; the same key with other arguments throws `PaymentIdempotencyError`.
   * Derive it from the order and attempt (e.g. `order:42:attempt:1`) and take a new one for a new attempt.
   */
  idempotencyKey: string
}

export type ConfirmArgs = {
  /** A reference returned by `initiate`. */
  reference: string
}

export type RefundArgs = {
  /** The payment's reference, as returned by `initiate`. */
  reference: string
  /** A positive integer in minor units; at most what is left to refund on the payment. */
  amount: number
  /** ISO 4217; must be the payment's currency. */
  currency: string
  /** Identifies this refund: the same key and arguments again return the first result, refunding once. */
  idempotencyKey: string
}

/** A webhook request exactly as it arrived: the raw body is needed to check the signature. */
export type WebhookRequest = {
  body: string
  headers: Headers
}

/**
 * One input a payment method needs from the shopper, published by `GET /orders/checkout-options` so a
 * storefront renders exactly what the adapter reads. The value arrives in `details[name]` as a string.
 */
export type PaymentField = {
  /** The key in `details`, such as `number`: letters and digits, starting with a letter. */
  name: string
  /** What the shopper sees beside the input, such as "Card number". */
  label: string
  /** The HTML input type. */
  type: 'email' | 'tel' | 'text'
  /** Whether the adapter refuses the payment without it. */
  required: boolean
  /** The HTML `autocomplete` token, such as `cc-number`, so browsers and password managers fill it in. */
  autocomplete: string
  /** The HTML `inputmode`, such as `numeric` for digits on a phone's keyboard. @default 'text' */
  inputMode?: 'decimal' | 'email' | 'numeric' | 'tel' | 'text'
  /** The longest value the adapter accepts, in characters. */
  maxLength: number
  /** An example of the expected format, such as `MM/YY`. */
  placeholder?: string
}

/**
 * A way to pay. Adapters never see or store more of the shopper's input than they need, and never
 * charge twice for one idempotency key.
 *
 * Errors: `PaymentInputError` (bad shopper input or webhook body → 400), `PaymentWebhookSignatureError`
 * (→ 401), `PaymentIdempotencyError` (→ 409). A `TypeError` means the caller passed malformed arguments
 * (a fractional amount, a lower-case currency): a bug, not the shopper's fault.
 */
export type PaymentAdapter = {
  /** Stored on the order as `payment.method`; lower case letters, digits and dashes. */
  name: string
  /** What the shopper sees when choosing how to pay. */
  label: string
  /** One or two sentences for the shopper about what happens when they choose this method. */
  description: string
  /**
   * The label, description and field words in the shop's other locales (`de`), published by
   * `GET /orders/checkout-options?locale=de`; what is left out reads as above.
   * @default none
   */
  translations?: PaymentTranslations
  /**
   * The inputs the shopper fills in for this method, in display order (none for `manual`). `initiate`
   * reads exactly these from `details`; storefronts render them from `GET /orders/checkout-options`.
   */
  fields: readonly PaymentField[]
  /**
   * Public settings a storefront needs to collect the details in the browser (Stripe: `publishableKey`),
   * published with the method by `GET /orders/checkout-options` as `client`. Never a secret.
   * @default none
   */
  client?: Readonly<Record<string, string>>
  /**
   * Checks what the shopper entered, before checkout writes anything: throws `PaymentInputError` when
   * `initiate` would refuse it. Optional; without it such input is only found by `initiate`, after the
   * order was written (checkout then cancels it).
   */
  checkDetails?(details: unknown): void
  /**
   * Only for a method that takes no money at checkout (a bank transfer): the reference `initiate` would
   * give this idempotency key, whose status is always `pending`, known before the order is written and
   * without any side effect. Checkout then writes the order already `pending` with it in the order's own
   * statement, and neither calls `initiate` nor confirms: one round trip and one commit less per order.
   * A method that moves money or asks a provider must not have it.
   */
  pendingReference?(args: { idempotencyKey: string }): string
  /** Starts a payment. A decline is a `failed` result, not an error. */
  initiate(args: InitiateArgs): Promise<PaymentResult>
  /** Asks where a payment stands now, capturing it when it was `authorized` and the provider allows. */
  confirm(args: ConfirmArgs): Promise<PaymentResult>
  /** Gives money back. A refund the provider refuses is a `failed` result, not an error. */
  refund(args: RefundArgs): Promise<RefundResult>
  /**
   * Stops a payment that has not taken money yet (a 3-D Secure challenge the shopper abandoned), so it
   * cannot be completed for an order that was cancelled. Only for a method whose pending payments can
   * still take money later; without it, cancelling an order leaves its pending payment as it is.
   */
  cancel?(args: CancelArgs): Promise<CancelResult>
  /**
   * Checks and reads a provider's webhook. Returns `null` when the adapter has no webhooks or the event is
   * not about a payment's status (the caller answers 200 and does nothing).
   */
  handleWebhook(request: WebhookRequest): Promise<WebhookEvent | null>
}
