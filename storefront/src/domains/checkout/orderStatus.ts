/* No dependencies: the order page's live script uses this in the browser. */

/** What each order status means to the shopper, per language (`Locale` codes; the page's `<html lang>` in the browser). */
const STATUS_LABELS: Record<string, Record<string, string>> = {
  de: {
    cancelled: 'Storniert',
    delivered: 'Zugestellt',
    fulfilled: 'Verpackt, wird bald versandt',
    paid: 'Bezahlt, wird vorbereitet',
    pending: 'Zahlung ausstehend',
    refunded: 'Erstattet',
    shipped: 'Versandt',
  },
  en: {
    cancelled: 'Cancelled',
    delivered: 'Delivered',
    fulfilled: 'Packed, about to ship',
    paid: 'Paid, being prepared',
    pending: 'Awaiting payment',
    refunded: 'Refunded',
    shipped: 'Shipped',
  },
}

/** `status` in words of `language` (`en`, `de`; English for any other); an unknown status as it is. */
export const statusLabel = (status: string, language = 'en'): string => (STATUS_LABELS[language] ?? STATUS_LABELS.en)?.[status] ?? status
