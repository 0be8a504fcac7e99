/**
 * The words of the order emails per language (docs/languages.md): one template
 * (`renderOrderEmail.ts`), these strings. A customer's email speaks the order's language
 * (`order.locale`, set at checkout); an unknown or missing one, and the staff notice, are English.
 * German is typed against English, so a missing string does not compile.
 */
export const EMAIL_LOCALES = ['en', 'de'] as const
export type EmailLocale = (typeof EMAIL_LOCALES)[number]

/** The email language of an order: its locale when the emails speak it, else English. */
export const emailLocaleOf = (locale: null | string | undefined): EmailLocale => (EMAIL_LOCALES as readonly string[]).includes(locale ?? '') ? (locale as EmailLocale) : 'en'

/** Which email an order event becomes. */
export type OrderEmailKind = 'cancelled' | 'confirmation' | 'expired' | 'paid' | 'partialRefund' | 'refunded' | 'shipped' | 'staffNotice'

type Headline = (number: string) => { lead: string; subject: string }

const enHeadlines: Record<OrderEmailKind, Headline> = {
  cancelled: (n) => ({ lead: 'Your order has been cancelled. If you paid for it, the money is refunded to you.', subject: `Order ${n} cancelled` }),
  confirmation: (n) => ({ lead: 'Thank you for your order. Here is what you ordered.', subject: `Order ${n} confirmed` }),
  expired: (n) => ({ lead: 'We did not receive your payment in time, so your order has been cancelled and its items released.', subject: `Order ${n} cancelled: payment not received` }),
  partialRefund: (n) => ({ lead: 'We have refunded part of your order.', subject: `Refund for order ${n}` }),
  paid: (n) => ({ lead: 'We have received your payment. We will let you know when your order ships.', subject: `Payment received for order ${n}` }),
  refunded: (n) => ({ lead: 'Your order has been refunded.', subject: `Order ${n} refunded` }),
  shipped: (n) => ({ lead: 'Your order is on its way.', subject: `Order ${n} shipped` }),
  staffNotice: (n) => ({ lead: 'A new order was placed.', subject: `New order ${n}` }),
}

const en = {
  /** BCP 47 tag of money and dates (en-GB: €1,234.56). */
  tag: 'en-GB',
  /** The storefront's address prefix of the language (docs/languages.md): German pages live under `/de`. */
  pathPrefix: '',
  /** A due date, in UTC as the shop keeps it. */
  date: (value: Date): string => value.toUTCString(),
  headlines: enHeadlines,
  customer: 'Customer',
  subtotal: 'Subtotal',
  discounts: 'Discounts',
  shipping: 'Shipping',
  /** After a tax line whose tax the prices contain. */
  taxIncluded: 'included',
  total: 'Total',
  shippingTo: 'Shipping to:',
  /** Bank transfer instructions: the amount, the account (if set), the due date (if any) and the reference. */
  transfer: (amount: string, account: string | undefined, due: string | undefined, reference: string): string =>
    `Please transfer ${amount}${account ? ` to ${account}` : ''}${due ? ` by ${due}` : ''}, quoting the reference ${reference}. Until then we hold your items; unpaid orders are cancelled after that.`,
  item: 'item',
  refundedItems: 'Refunded items:',
  reason: 'Reason',
  amountRefunded: 'Amount refunded',
  refundedSoFar: (sofar: string, total: string): string => `Refunded so far: ${sofar} of ${total}`,
  trackingNumber: 'Tracking number',
  trackParcel: 'Track your parcel',
  viewOrder: 'View your order',
  openInAdmin: 'Open the order in the admin',
}

export type OrderEmailStrings = typeof en

const de: OrderEmailStrings = {
  tag: 'de-DE',
  pathPrefix: '/de',
  date: (value) => `${new Intl.DateTimeFormat('de-DE', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(value)} (UTC)`,
  headlines: {
    cancelled: (n) => ({ lead: 'Ihre Bestellung wurde storniert. Falls Sie bereits bezahlt haben, erstatten wir Ihnen den Betrag.', subject: `Bestellung ${n} storniert` }),
    confirmation: (n) => ({ lead: 'Vielen Dank für Ihre Bestellung. Hier ist, was Sie bestellt haben.', subject: `Bestellung ${n} bestätigt` }),
    expired: (n) => ({
      lead: 'Ihre Zahlung ist nicht rechtzeitig bei uns eingegangen. Deshalb wurde Ihre Bestellung storniert und die Artikel wurden freigegeben.',
      subject: `Bestellung ${n} storniert: Zahlung nicht erhalten`,
    }),
    partialRefund: (n) => ({ lead: 'Wir haben Ihnen einen Teil Ihrer Bestellung erstattet.', subject: `Erstattung zu Bestellung ${n}` }),
    paid: (n) => ({ lead: 'Ihre Zahlung ist eingegangen. Wir sagen Ihnen Bescheid, sobald Ihre Bestellung versandt wird.', subject: `Zahlung für Bestellung ${n} erhalten` }),
    refunded: (n) => ({ lead: 'Ihre Bestellung wurde erstattet.', subject: `Bestellung ${n} erstattet` }),
    shipped: (n) => ({ lead: 'Ihre Bestellung ist unterwegs.', subject: `Bestellung ${n} versandt` }),
    staffNotice: (n) => ({ lead: 'Eine neue Bestellung ist eingegangen.', subject: `Neue Bestellung ${n}` }),
  },
  customer: 'Kunde',
  subtotal: 'Zwischensumme',
  discounts: 'Rabatte',
  shipping: 'Versand',
  taxIncluded: 'enthalten',
  total: 'Gesamt',
  shippingTo: 'Lieferung an:',
  transfer: (amount, account, due, reference) =>
    `Bitte überweisen Sie ${amount}${account ? ` an ${account}` : ''}${due ? ` bis ${due}` : ''} mit dem Verwendungszweck ${reference}. Bis dahin halten wir Ihre Artikel für Sie zurück; unbezahlte Bestellungen werden danach storniert.`,
  item: 'Artikel',
  refundedItems: 'Erstattete Artikel:',
  reason: 'Grund',
  amountRefunded: 'Erstatteter Betrag',
  refundedSoFar: (sofar, total) => `Bisher erstattet: ${sofar} von ${total}`,
  trackingNumber: 'Sendungsnummer',
  trackParcel: 'Sendung verfolgen',
  viewOrder: 'Bestellung ansehen',
  openInAdmin: 'Bestellung im Admin öffnen',
}

/** The email strings of `locale`. */
export const ORDER_EMAIL_STRINGS: Record<EmailLocale, OrderEmailStrings> = { de, en }
