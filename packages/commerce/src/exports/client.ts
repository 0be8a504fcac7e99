'use client'
/**
 * The plugin's admin components, referenced from its collections as
 * `'@showroom/payload-commerce/client#<Name>'`; the host's `payload generate:importmap` imports them from here.
 */
export { CurrentPasswordField } from '../collections/users/CurrentPasswordField'
export { PaymentDueControl } from '../collections/orders/PaymentDueControl'
export { RedeliverButton } from '../collections/webhookDeliveries/RedeliverButton'
export { SecretField } from '../collections/webhookEndpoints/SecretField'
export { CsvListActions } from '../csv/CsvListActions'
export { ImportProgress } from '../csv/ImportProgress'
export { RefundControl } from '../returns/RefundControl'
