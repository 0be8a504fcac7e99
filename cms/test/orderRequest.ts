import type { TestCms } from './startTestCms'

/** A guest's checkout request body for `items`, paid by bank transfer unless `extra` says otherwise. */
export const orderBody = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  email: 'shopper@example.test',
  items,
  payment: { method: 'manual' },
  shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Linienstraße 1', name: 'Sam Shopper', postalCode: '10119' },
  shippingMethod: 'standard',
  ...extra,
})

/** `POST /orders` with that body, as the storefront sends it. */
export const postOrder = (cms: TestCms, body: unknown, init: { key?: string; token?: string } = {}) =>
  cms.api('/orders', {
    body: JSON.stringify(body),
    headers: init.key ? { 'Idempotency-Key': init.key } : {},
    method: 'POST',
    token: init.token,
  })
