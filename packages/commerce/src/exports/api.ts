/**
 * The plugin's REST contract beyond Payload's own: the zod schemas its endpoints parse request bodies
 * with, and the header a guest's order token travels in, for API descriptions (OpenAPI) and clients.
 */
export { changeStatusBodySchema } from '../checkout/changeStatusEndpoint'
export { GUEST_TOKEN_HEADER } from '../checkout/guestToken'
export { orderInputSchema, quoteInputSchema } from '../checkout/orderInput'
export { paymentDueBodySchema } from '../checkout/paymentDueEndpoint'
export { refundBodySchema, returnDecisionBodySchema, returnRequestBodySchema } from '../returns/refundEndpoint'
export { applyPromotionSchema } from '../promotions/applyEndpoint'
