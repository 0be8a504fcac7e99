import type { Endpoint } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { csvDownload, EXPORT_PAGE_SIZE, findPages, refuseNonStaff } from './csvDownload'

/** One row per order line; the order's columns repeat on each of its lines. */
export const ORDER_COLUMNS = [
  'order_number',
  'created_at',
  'status',
  'payment_status',
  'email',
  'currency',
  'subtotal',
  'shipping_total',
  'total',
  'shipping_method',
  'ship_to_name',
  'ship_to_line1',
  'ship_to_line2',
  'ship_to_postal_code',
  'ship_to_city',
  'ship_to_region',
  'ship_to_country',
  'line_sku',
  'line_title',
  'line_variant',
  'quantity',
  'unit_price',
  'line_total',
  // Added with tax and discounts (docs/pricing.md): at the end, so readers of the earlier columns by position keep working.
  'discount_total',
  'tax_total',
  'line_discount',
  'line_tax',
] as const

type Order = {
  createdAt: string
  currency?: null | string
  email?: null | string
  discountTotal?: null | number
  items?: Array<{ discountAmount?: null | number; lineTotal?: null | number; quantity?: null | number; sku?: null | string; title?: null | string; unitPrice?: null | number; taxAmount?: null | number; variantLabel?: null | string; variantSku?: null | string }> | null
  orderNumber?: null | string
  payment?: null | { status?: null | string }
  shippingAddress?: null | Record<string, null | string | undefined>
  shippingMethod?: null | string
  shippingTotal?: null | number
  status?: null | string
  subtotal?: null | number
  taxTotal?: null | number
  total?: null | number
}

const text = (value: unknown): string => (value === null || value === undefined ? '' : String(value))

const orderRows = (order: Order): string[][] => {
  const address = order.shippingAddress ?? {}
  const head = [
    text(order.orderNumber),
    text(order.createdAt),
    text(order.status),
    text(order.payment?.status),
    text(order.email),
    text(order.currency),
    text(order.subtotal),
    text(order.shippingTotal),
    text(order.total),
    text(order.shippingMethod),
    ...['name', 'line1', 'line2', 'postalCode', 'city', 'region', 'country'].map((key) => text(address[key])),
  ]
  return (order.items ?? []).map((line) => [
    ...head,
    text(line.variantSku || line.sku),
    text(line.title),
    text(line.variantLabel),
    text(line.quantity),
    text(line.unitPrice),
    text(line.lineTotal),
    text(order.discountTotal ?? 0),
    text(order.taxTotal ?? 0),
    text(line.discountAmount ?? 0),
    text(line.taxAmount ?? 0),
  ])
}

/**
 * `GET /orders/export` (staff; customers' personal data, so 403 for everyone else): every order, one
 * row per order line, amounts in minor units; streamed in pages, oldest first.
 */
export const exportOrdersEndpoint = (config: SanitizedCommercePluginConfig): Endpoint => ({
  handler: async (req) => {
    const refused = refuseNonStaff(config, req, 'orders')
    if (refused) return refused
    async function* rows(): AsyncGenerator<string[][]> {
      const pages = findPages((page) => req.payload.find({ collection: config.slugs.orders, depth: 0, limit: EXPORT_PAGE_SIZE, overrideAccess: false, page, sort: 'id', user: req.user }))
      for await (const docs of pages) yield (docs as unknown as Order[]).flatMap(orderRows)
    }
    return csvDownload(`orders-${new Date().toISOString().slice(0, 10)}.csv`, ORDER_COLUMNS, rows())
  },
  method: 'get',
  path: '/export',
})
