import { escapeUTF8 } from 'entities'

/** The parts of an order its emails show (read with depth 0, access overridden). */
export type EmailOrder = {
  currency: string
  /** The customer's account id; none for a guest order. */
  customer?: null | number
  email: string
  id: number
  items?: Array<{ lineTotal: number; quantity: number; sku: string; title: string; unitPrice: number; variantLabel?: null | string }> | null
  orderNumber?: null | string
  payment?: { dueAt?: null | string; method?: null | string; reference?: null | string; status?: null | string } | null
  shipment?: { trackingNumber?: null | string; trackingUrl?: null | string } | null
  shippingAddress?: { city?: null | string; country?: null | string; line1?: null | string; line2?: null | string; name?: null | string; postalCode?: null | string } | null
  shippingMethod?: null | string
  shippingTotal: number
  subtotal: number
  total: number
}

/** Which email an order event becomes. */
export type OrderEmailKind = 'cancelled' | 'confirmation' | 'expired' | 'paid' | 'refunded' | 'shipped' | 'staffNotice'

export type RenderedEmail = { html: string; subject: string; text: string }

export type RenderContext = {
  /** The shop's name, in the subject and the header. */
  shopName: string
  /** The storefront's order page, `<storefront>/order/<id>` (for a guest order with `?t=<link token>`). */
  orderUrl: string
  /** The admin's page of the order, for the staff notice. */
  adminUrl: string
  /** The account bank transfers go to, shown with the instructions. */
  bankTransferDetails?: string
}

/** Money in minor units shown in its currency, e.g. `€12.50`. */
export const formatMoney = (minor: number, currency: string): string =>
  new Intl.NumberFormat('en-GB', { currency, style: 'currency' }).format(minor / 100)

const HEADLINES: Record<OrderEmailKind, (number: string) => { lead: string; subject: string }> = {
  cancelled: (n) => ({ lead: 'Your order has been cancelled. If you paid for it, the money is refunded to you.', subject: `Order ${n} cancelled` }),
  confirmation: (n) => ({ lead: 'Thank you for your order. Here is what you ordered.', subject: `Order ${n} confirmed` }),
  expired: (n) => ({ lead: 'We did not receive your payment in time, so your order has been cancelled and its items released.', subject: `Order ${n} cancelled: payment not received` }),
  paid: (n) => ({ lead: 'We have received your payment. We will let you know when your order ships.', subject: `Payment received for order ${n}` }),
  refunded: (n) => ({ lead: 'Your order has been refunded.', subject: `Order ${n} refunded` }),
  shipped: (n) => ({ lead: 'Your order is on its way.', subject: `Order ${n} shipped` }),
  staffNotice: (n) => ({ lead: 'A new order was placed.', subject: `New order ${n}` }),
}

const e = (value: null | string | undefined): string => escapeUTF8(value ?? '')

const lineLabel = (line: NonNullable<EmailOrder['items']>[number]): string => (line.variantLabel ? `${line.title} (${line.variantLabel})` : line.title)

const addressLines = (order: EmailOrder): string[] => {
  const a = order.shippingAddress ?? {}
  return [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter((part): part is string => Boolean(part))
}

/** Bank transfer instructions, when the order still waits for a payment that happens outside the shop. */
const paymentInstructions = (order: EmailOrder, account: string | undefined): null | string => {
  const payment = order.payment
  if (payment?.status !== 'pending' || !payment.reference) return null
  const due = payment.dueAt ? ` by ${new Date(payment.dueAt).toUTCString()}` : ''
  return `Please transfer ${formatMoney(order.total, order.currency)}${account ? ` to ${account}` : ''}${due}, quoting the reference ${payment.reference}. Until then we hold your items; unpaid orders are cancelled after that.`
}

/**
 * The email for one order event, as HTML (the shop's look, inline styles for mail clients) and plain
 * text. Every value customers or editors typed (titles, names, addresses, references) is escaped.
 */
export const renderOrderEmail = (kind: OrderEmailKind, order: EmailOrder, context: RenderContext): RenderedEmail => {
  const number = order.orderNumber ?? String(order.id)
  const { lead, subject } = HEADLINES[kind](number)
  const money = (minor: number): string => formatMoney(minor, order.currency)
  const items = order.items ?? []
  const showLines = kind === 'confirmation' || kind === 'staffNotice'
  const instructions = kind === 'confirmation' ? paymentInstructions(order, context.bankTransferDetails) : null
  const tracking = kind === 'shipped' ? order.shipment : null
  const trackingNumber = tracking?.trackingNumber ?? null
  const trackingUrl = tracking?.trackingUrl ?? null
  const link = kind === 'staffNotice' ? context.adminUrl : context.orderUrl
  const linkLabel = kind === 'staffNotice' ? 'Open the order in the admin' : 'View your order'
  const totals: Array<[string, string]> = [
    ['Subtotal', money(order.subtotal)],
    [`Shipping${order.shippingMethod ? ` (${order.shippingMethod})` : ''}`, money(order.shippingTotal)],
    ['Total', money(order.total)],
  ]

  const text = [
    `${context.shopName} — ${subject}`,
    '',
    lead,
    ...(kind === 'staffNotice' ? [`Customer: ${order.email}`] : []),
    ...(showLines
      ? ['', ...items.map((line) => `${line.quantity} × ${lineLabel(line)} [${line.sku}]  ${money(line.lineTotal)}`), '', ...totals.map(([label, value]) => `${label}: ${value}`)]
      : []),
    ...(showLines && addressLines(order).length > 0 ? ['', 'Shipping to:', ...addressLines(order)] : []),
    ...(instructions ? ['', instructions] : []),
    ...(trackingNumber ? ['', `Tracking number: ${trackingNumber}`] : []),
    ...(trackingUrl ? [`Track your parcel: ${trackingUrl}`] : []),
    '',
    `${linkLabel}: ${link}`,
  ].join('\n')

  const cell = 'padding:6px 8px;border-bottom:1px solid #e5e5e5'
  const html = `<!doctype html><html><body style="margin:0;background:#f6f6f4;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1c1c1c">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff">
<p style="font-size:20px;font-weight:600;margin:0 0 16px">${e(context.shopName)}</p>
<h1 style="font-size:18px;margin:0 0 12px">${e(subject)}</h1>
<p>${e(lead)}</p>
${kind === 'staffNotice' ? `<p>Customer: ${e(order.email)}</p>` : ''}
${
  showLines
    ? `<table style="width:100%;border-collapse:collapse;font-size:14px">${items
        .map((line) => `<tr><td style="${cell}">${line.quantity} × ${e(lineLabel(line))}<br><small>${e(line.sku)}</small></td><td style="${cell};text-align:right">${e(money(line.lineTotal))}</td></tr>`)
        .join('')}${totals.map(([label, value]) => `<tr><td style="${cell}">${e(label)}</td><td style="${cell};text-align:right">${e(value)}</td></tr>`).join('')}</table>`
    : ''
}
${showLines && addressLines(order).length > 0 ? `<p>Shipping to:<br>${addressLines(order).map(e).join('<br>')}</p>` : ''}
${instructions ? `<p style="padding:12px;background:#fff7e0">${e(instructions)}</p>` : ''}
${trackingNumber ? `<p>Tracking number: <strong>${e(trackingNumber)}</strong></p>` : ''}
${trackingUrl ? `<p><a href="${e(trackingUrl)}">Track your parcel</a></p>` : ''}
<p><a href="${e(link)}" style="display:inline-block;padding:10px 16px;background:#1c1c1c;color:#ffffff;text-decoration:none;border-radius:4px">${e(linkLabel)}</a></p>
</div></body></html>`
  return { html, subject: `${subject}`, text }
}
