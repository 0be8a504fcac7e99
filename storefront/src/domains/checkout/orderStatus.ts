/* No dependencies: the order page's live script uses this in the browser. */

/** What each order status means to the shopper. */
const STATUS_LABELS: Record<string, string> = {
  cancelled: 'Cancelled',
  delivered: 'Delivered',
  fulfilled: 'Packed, about to ship',
  paid: 'Paid, being prepared',
  pending: 'Awaiting payment',
  refunded: 'Refunded',
  shipped: 'Shipped',
}

export const statusLabel = (status: string): string => STATUS_LABELS[status] ?? status
