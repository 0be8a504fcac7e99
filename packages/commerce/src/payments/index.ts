export { PaymentIdempotencyError, PaymentInputError, PaymentWebhookSignatureError } from './errors'
export type { PaymentInputIssue } from './errors'
export { createManualAdapter } from './manualAdapter'
export type { ManualAdapterOptions } from './manualAdapter'
export { createPaymentRegistry } from './registry'
export type { PaymentRegistry } from './registry'
export { createTestAdapter } from './testAdapter'
export type { TestAdapterOptions, TestPaymentAdapter } from './testAdapter'
export { TEST_CARDS } from './testCards'
export type { TestCardOutcome } from './testCards'
export { signTestWebhook, TEST_SIGNATURE_HEADER } from './testWebhook'
export type {
  ConfirmArgs,
  InitiateArgs,
  PaymentAdapter,
  PaymentField,
  PaymentResult,
  PaymentStatus,
  RefundArgs,
  RefundResult,
  WebhookEvent,
  WebhookRequest,
} from './types'
