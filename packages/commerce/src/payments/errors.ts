/** One problem with what the shopper entered, such as `{ path: ['expiry'], message: 'Your card has expired.' }`. */
export type PaymentInputIssue = {
  /** Where in `details` (or the webhook body) the problem is; empty for the whole input. */
  path: readonly PropertyKey[]
  /** Shopper-safe: may be shown as is. */
  message: string
}

/**
 * What the shopper entered (card details, the payment method) or what a provider posted cannot be used.
 * Callers answer 400. `message` is shopper-safe; `issues` lists every problem, for showing beside fields.
 */
export class PaymentInputError extends Error {
  override name = 'PaymentInputError'
  readonly issues: readonly PaymentInputIssue[]

  constructor(message: string, options: { cause?: unknown; issues?: readonly PaymentInputIssue[] } = {}) {
    super(message, { cause: options.cause })
    this.issues = options.issues ?? [{ path: [], message }]
  }
}

/**
 * A webhook's signature is missing or does not match its body, or the adapter has no secret to check it
 * with. Callers answer 401 and do nothing else with the request.
 */
export class PaymentWebhookSignatureError extends Error {
  override name = 'PaymentWebhookSignatureError'
}

/**
 * An idempotency key was used again with different arguments (another amount, card or payment). The first
 * request's result stands and nothing is charged or refunded again; callers answer 409. A genuinely new
 * attempt (another card after a decline) needs a new key.
 */
export class PaymentIdempotencyError extends Error {
  override name = 'PaymentIdempotencyError'
}
