export { PaymentIdempotencyError, PaymentInputError, PaymentWebhookSignatureError } from './errors'
export type { PaymentInputIssue } from './errors'
export { createManualAdapter } from './manualAdapter'
export type { ManualAdapterOptions } from './manualAdapter'
export type { PaymentTexts, PaymentTranslations } from './paymentTexts'
export { createPaymentRegistry } from './registry'
export type { PaymentRegistry } from './registry'
export { createStripeAdapter, STRIPE_FIELDS } from './stripeAdapter'
export type { StripeAdapterOptions } from './stripeAdapter'
export { STRIPE_SIGNATURE_HEADER } from './stripeWebhook'
export { createTestAdapter } from './testAdapter'
export type { TestAdapterOptions, TestPaymentAdapter } from './testAdapter'
export { TEST_CARDS } from './testCards'
export type { TestCardOutcome } from './testCards'
export { signTestWebhook, TEST_SIGNATURE_HEADER } from './testWebhook'
export type {
  ConfirmArgs,
  InitiateArgs,
  PaymentAction,
  PaymentAdapter,
  PaymentField,
  PaymentResult,
  PaymentStatus,
  CancelArgs,
  CancelResult,
  RefundArgs,
  RefundResult,
  WebhookEvent,
  WebhookRequest,
} from './types'
