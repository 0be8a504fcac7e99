import { escapeUTF8 } from 'entities'

import { type EmailLocale, emailLocaleOf, ORDER_EMAIL_STRINGS, type OrderEmailKind, type OrderEmailStrings } from './orderEmailStrings'

export type { OrderEmailKind } from './orderEmailStrings'

/** The parts of an order its emails show (read with depth 0, access overridden). */
export type EmailOrder = {
  currency: string
  /** The customer's account id; none for a guest order. */
  customer?: null | number
  /** Taken off the items by promotions (docs/promotions.md). */
  discountTotal?: null | number
  email: string
  id: number
  /** The language the order was placed in (`en`, `de`): its customer emails speak it. */
  locale?: null | string
  items?: Array<{ id?: null | string; lineTotal: number; quantity: number; sku: string; title: string; unitPrice: number; variantLabel?: null | string }> | null
  orderNumber?: null | string
  refundedTotal?: null | number
  refunds?: Array<{ amount: number; id?: null | string; lines?: Array<{ item: string; quantity: number }> | null; reason?: null | string; wholeOrder?: boolean | null }> | null
  payment?: { dueAt?: null | string; method?: null | string; reference?: null | string; status?: null | string } | null
  shipment?: { trackingNumber?: null | string; trackingUrl?: null | string } | null
  shippingAddress?: { city?: null | string; country?: null | string; line1?: null | string; line2?: null | string; name?: null | string; postalCode?: null | string } | null
  shippingMethod?: null | string
  shippingTotal: number
  subtotal: number
  /** The order's prices contain its tax: the tax lines say "included" and the total does not add them. */
  pricesIncludeTax?: boolean | null
  /** The tax charged, per rate (docs/pricing.md). */
  taxLines?: Array<{ name: string; rate: number; taxAmount: number }> | null
  total: number
}

export type RenderedEmail = { html: string; subject: string; text: string }

export type RenderContext = {
  /** The shop's name, in the subject and the header. */
  shopName: string
  /** The storefront's order page in the order's language, `<storefront>[/de]/order/<id>` (for a guest order with `?t=<link token>`). */
  orderUrl: string
  /** The admin's page of the order, for the staff notice. */
  adminUrl: string
  /** The account bank transfers go to, shown with the instructions. */
  bankTransferDetails?: string
  /** The refund a `partialRefund` email tells of (its id on the order). */
  refundId?: string
  /** The order's shipping method as the shop names it, per email language; the method's code where it has none. */
  shippingLabels?: Partial<Record<EmailLocale, string>>
}

/** Money in minor units shown in its currency as `tag` writes it, e.g. `€12.50` (en-GB), `12,50 €` (de-DE). */
export const formatMoney = (minor: number, currency: string, tag = 'en-GB'): string => new Intl.NumberFormat(tag, { currency, style: 'currency' }).format(minor / 100)

const e = (value: null | string | undefined): string => escapeUTF8(value ?? '')

const lineLabel = (line: NonNullable<EmailOrder['items']>[number]): string => (line.variantLabel ? `${line.title} (${line.variantLabel})` : line.title)

const addressLines = (order: EmailOrder): string[] => {
  const a = order.shippingAddress ?? {}
  return [a.name, a.line1, a.line2, [a.postalCode, a.city].filter(Boolean).join(' '), a.country].filter((part): part is string => Boolean(part))
}

/** Bank transfer instructions, when the order still waits for a payment that happens outside the shop. */
const paymentInstructions = (order: EmailOrder, account: string | undefined, words: OrderEmailStrings): null | string => {
  const payment = order.payment
  if (payment?.status !== 'pending' || !payment.reference) return null
  const due = payment.dueAt ? words.date(new Date(payment.dueAt)) : undefined
  return words.transfer(formatMoney(order.total, order.currency, words.tag), account, due, payment.reference)
}

/** What a partial refund gave back, line by line, and the money: the lines of the email that tells of it. */
const refundSummary = (order: EmailOrder, refundId: string | undefined, money: (minor: number) => string, words: OrderEmailStrings): string[] => {
  const refund = order.refunds?.find((entry) => entry.id === refundId)
  if (!refund) return []
  const lines = (refund.lines ?? []).map((line) => {
    const item = order.items?.find((candidate) => candidate.id === line.item)
    return `${line.quantity} × ${item ? lineLabel(item) : words.item}${item ? ` [${item.sku}]` : ''}`
  })
  return [
    ...(lines.length > 0 ? [words.refundedItems, ...lines] : []),
    ...(refund.reason ? [`${words.reason}: ${refund.reason}`] : []),
    `${words.amountRefunded}: ${money(refund.amount)}`,
    words.refundedSoFar(money(order.refundedTotal ?? refund.amount), money(order.total)),
  ]
}

/**
 * The email for one order event, as HTML (the shop's look, inline styles for mail clients) and plain
 * text. Every value customers or editors typed (titles, names, addresses, references) is escaped.
 * A customer's email speaks the order's language (`orderEmailStrings.ts`); the staff notice is English.
 */
export const renderOrderEmail = (kind: OrderEmailKind, order: EmailOrder, context: RenderContext): RenderedEmail => {
  const number = order.orderNumber ?? String(order.id)
  const language = kind === 'staffNotice' ? 'en' : emailLocaleOf(order.locale)
  const words = ORDER_EMAIL_STRINGS[language]
  const shippingName = context.shippingLabels?.[language] ?? order.shippingMethod
  const { lead, subject } = words.headlines[kind](number)
  const money = (minor: number): string => formatMoney(minor, order.currency, words.tag)
  const items = order.items ?? []
  const showLines = kind === 'confirmation' || kind === 'staffNotice'
  const instructions = kind === 'confirmation' ? paymentInstructions(order, context.bankTransferDetails, words) : null
  // The whole-order refund's email says what went back too (what earlier partial refunds left).
  const refundId = kind === 'partialRefund' ? context.refundId : kind === 'refunded' ? (order.refunds?.findLast((entry) => entry.wholeOrder)?.id ?? undefined) : undefined
  const refunded = refundId ? refundSummary(order, refundId, money, words) : []
  const tracking = kind === 'shipped' ? order.shipment : null
  const trackingNumber = tracking?.trackingNumber ?? null
  const trackingUrl = tracking?.trackingUrl ?? null
  const link = kind === 'staffNotice' ? context.adminUrl : context.orderUrl
  const linkLabel = kind === 'staffNotice' ? words.openInAdmin : words.viewOrder
  const totals: Array<[string, string]> = [
    [words.subtotal, money(order.subtotal)],
    ...(order.discountTotal ? [[words.discounts, `−${money(order.discountTotal)}`] as [string, string]] : []),
    [`${words.shipping}${shippingName ? ` – ${shippingName}` : ''}`, money(order.shippingTotal)],
    ...(order.taxLines ?? []).map((line): [string, string] => [
      `${line.name} ${line.rate.toLocaleString(words.tag, { maximumFractionDigits: 3 })} %${order.pricesIncludeTax ? ` (${words.taxIncluded})` : ''}`,
      money(line.taxAmount),
    ]),
    [words.total, money(order.total)],
  ]

  const text = [
    `${context.shopName} — ${subject}`,
    '',
    lead,
    ...(kind === 'staffNotice' ? [`${words.customer}: ${order.email}`] : []),
    ...(showLines
      ? ['', ...items.map((line) => `${line.quantity} × ${lineLabel(line)} [${line.sku}]  ${money(line.lineTotal)}`), '', ...totals.map(([label, value]) => `${label}: ${value}`)]
      : []),
    ...(showLines && addressLines(order).length > 0 ? ['', words.shippingTo, ...addressLines(order)] : []),
    ...(instructions ? ['', instructions] : []),
    ...(refunded.length > 0 ? ['', ...refunded] : []),
    ...(trackingNumber ? ['', `${words.trackingNumber}: ${trackingNumber}`] : []),
    ...(trackingUrl ? [`${words.trackParcel}: ${trackingUrl}`] : []),
    '',
    `${linkLabel}: ${link}`,
  ].join('\n')

  const cell = 'padding:6px 8px;border-bottom:1px solid #e5e5e5'
  const html = `<!doctype html><html lang="${words.tag}"><body style="margin:0;background:#f6f6f4;font-family:system-ui,-apple-system,Segoe UI,sans-serif;color:#1c1c1c">
<div style="max-width:560px;margin:0 auto;padding:24px;background:#ffffff">
<p style="font-size:20px;font-weight:600;margin:0 0 16px">${e(context.shopName)}</p>
<h1 style="font-size:18px;margin:0 0 12px">${e(subject)}</h1>
<p>${e(lead)}</p>
${kind === 'staffNotice' ? `<p>${e(words.customer)}: ${e(order.email)}</p>` : ''}
${
  showLines
    ? `<table style="width:100%;border-collapse:collapse;font-size:14px">${items
        .map((line) => `<tr><td style="${cell}">${line.quantity} × ${e(lineLabel(line))}<br><small>${e(line.sku)}</small></td><td style="${cell};text-align:right">${e(money(line.lineTotal))}</td></tr>`)
        .join('')}${totals.map(([label, value]) => `<tr><td style="${cell}">${e(label)}</td><td style="${cell};text-align:right">${e(value)}</td></tr>`).join('')}</table>`
    : ''
}
${showLines && addressLines(order).length > 0 ? `<p>${e(words.shippingTo)}<br>${addressLines(order).map(e).join('<br>')}</p>` : ''}
${instructions ? `<p style="padding:12px;background:#fff7e0">${e(instructions)}</p>` : ''}
${refunded.length > 0 ? `<p>${refunded.map(e).join('<br>')}</p>` : ''}
${trackingNumber ? `<p>${e(words.trackingNumber)}: <strong>${e(trackingNumber)}</strong></p>` : ''}
${trackingUrl ? `<p><a href="${e(trackingUrl)}">${e(words.trackParcel)}</a></p>` : ''}
<p><a href="${e(link)}" style="display:inline-block;padding:10px 16px;background:#1c1c1c;color:#ffffff;text-decoration:none;border-radius:4px">${e(linkLabel)}</a></p>
</div></body></html>`
  return { html, subject: `${subject}`, text }
}
