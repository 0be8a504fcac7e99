import {
  applyPromotionSchema,
  changeStatusBodySchema,
  GUEST_TOKEN_HEADER,
  orderInputSchema,
  paymentDueBodySchema,
  quoteInputSchema,
  refundBodySchema,
  returnDecisionBodySchema,
  returnRequestBodySchema,
} from '@showroom/payload-commerce/api'

import { errorRef, errorResponse, json, paginated } from './commonComponents'
import { type EndpointDescriptions, fromZod, jsonBody, pathParameter } from './endpointDescription'
import { type JsonSchema, schemaRef } from './jsonSchema'
import type { SecurityScheme } from './types'

const int: JsonSchema = { type: 'integer' }
const string: JsonSchema = { type: 'string' }
/** Closed on purpose: the tests check real answers against these, so a key the handler adds must be described here. */
const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({ additionalProperties: false, properties, required, type: 'object' })
const orderAnswer = object({ order: schemaRef('orders') })
const id = pathParameter('id', { minimum: 1, type: 'integer' })
const refundAnswer = object({ order: schemaRef('orders'), refund: { description: 'The refund record, as in the order’s `refunds`.', type: 'object' } })

/** A guest's key to one order (the `guestToken` checkout answered, or an order email's link token), instead of signing in. */
export const ORDER_TOKEN_SCHEME: SecurityScheme = {
  description:
    'A guest’s key to one order: the `guestToken` that `POST /orders` answered (reads the order; cancels it while pending), or the `t` of the order link in its emails (reads the order only, for `GUEST_ORDER_TOKEN_DAYS` after the email). Opens that order only.',
  in: 'header',
  name: GUEST_TOKEN_HEADER,
  type: 'apiKey',
}

const money = object({ amount: { description: 'Minor units: 1999 means 19.99.', type: 'integer' }, currency: { pattern: '^[A-Z]{3}$', type: 'string' } })
const moneyList: JsonSchema = { items: money, type: 'array' }
const CHECKOUT_OPTIONS: JsonSchema = object({
  currencies: object({ default: { description: 'What shoppers see first (store setting).', type: 'string' }, offered: { items: string, type: 'array' } }),
  pricesIncludeTax: { description: 'Prices (products, variants, shipping) include tax (store setting).', type: 'boolean' },
  payment: object({
    default: string,
    methods: {
      items: object({
        description: string,
        fields: {
          items: object(
            {
              autocomplete: string,
              inputMode: { enum: ['decimal', 'email', 'numeric', 'tel', 'text'] },
              label: string,
              maxLength: { description: 'The longest value the method accepts.', type: 'integer' },
              name: { description: 'The key in `payment.details`.', type: 'string' },
              placeholder: { description: 'An example of the format, such as `MM/YY`.', type: 'string' },
              required: { type: 'boolean' },
              type: { description: 'The HTML input type.', enum: ['email', 'tel', 'text'] },
            },
            ['autocomplete', 'label', 'maxLength', 'name', 'required', 'type'],
          ),
          type: 'array',
        },
        client: { additionalProperties: { type: 'string' }, description: 'Public settings for collecting the details in the browser, such as Stripe’s `publishableKey`.', type: 'object' },
        label: string,
        name: { description: 'What `POST /orders` sends as `payment.method`.', type: 'string' },
      }, ['description', 'fields', 'label', 'name']),
      type: 'array',
    },
  }),
  shipping: object({
    default: { description: 'Null when nothing ships to the country asked about.', type: ['string', 'null'] },
    methods: {
      items: object({
        freeFrom: { ...moneyList, description: 'Free from this subtotal (after discounts) on, per currency.' },
        id: string,
        label: string,
        prices: { ...moneyList, description: 'The price from (cheapest rate for any subtotal), per currency; an order’s own figure is `POST /orders/quote`’s.' },
      }),
      type: 'array',
    },
  }),
})
const taxLine = object({ country: string, name: string, rate: { description: 'In percent.', type: 'number' }, region: { type: ['string', 'null'] }, taxAmount: int, taxableAmount: int })
const QUOTE: JsonSchema = object({
  currency: string,
  discountTotal: int,
  items: {
    items: object({ discountAmount: int, lineTotal: int, product: int, quantity: int, taxAmount: int, unitPrice: int, variant: { type: ['string', 'null'] } }),
    type: 'array',
  },
  discountRefusal: object({ message: string, reason: string }, ['message', 'reason']),
  pricesIncludeTax: { type: 'boolean' },
  promotions: { items: object({ amount: int, code: { type: ['string', 'null'] }, shippingDiscount: int, title: string }), type: 'array' },
  shippingDiscount: { ...int, description: 'The shipping price a free-shipping promotion waived (shippingTotal is after it).' },
  shippingMethod: string,
  shippingTotal: int,
  subtotal: int,
  taxLines: { items: taxLine, type: 'array' },
  taxTotal: int,
  total: int,
})

/** What the shopper's browser must still do to finish the payment: with Stripe, 3-D Secure through Stripe.js. */
const PAYMENT_ACTION: JsonSchema = object({
  clientSecret: { description: 'The PaymentIntent’s client secret, for Stripe.js `handleNextAction`.', type: 'string' },
  publishableKey: string,
  type: { enum: ['stripe.handleNextAction'] },
})

const facetCount = (key: string, value: JsonSchema): JsonSchema => object({ count: int, [key]: value })
const page = paginated(schemaRef('products'), 'Search results')
const SEARCH_RESPONSE: JsonSchema = {
  ...page,
  additionalProperties: false,
  description: 'Payload’s page envelope, plus the facet counts and the term that ran.',
  properties: {
    ...(page.properties as Record<string, JsonSchema>),
    facets: object({
      categories: { items: object({ count: int, id: int, parent: { type: ['integer', 'null'] }, slug: string, title: string }), type: 'array' },
      inStock: object({ false: int, true: int }),
      options: { items: object({ name: string, values: { items: facetCount('value', string), type: 'array' } }), type: 'array' },
      price: object({ bands: { items: object({ count: int, max: int, min: int }, ['count', 'min']), type: 'array' }, currency: string }),
    }),
    query: object({ corrected: { description: 'The term with typos corrected, when that is what ran.', type: ['string', 'null'] }, q: string }),
  },
  required: [...(page.required as string[]), 'facets', 'query'],
}

const query = (name: string, schema: JsonSchema, description: string) => ({ description, in: 'query' as const, name, schema })

/**
 * The commerce plugin's own endpoints (`@showroom/payload-commerce`): request bodies from the zod schemas the
 * handlers validate with; answers as the handlers write them.
 */
const nullable = (schema: JsonSchema): JsonSchema => ({ anyOf: [schema, { type: 'null' }] })
const dateTime: JsonSchema = { format: 'date-time', type: 'string' }
const period = object({
  from: dateTime,
  to: { ...dateTime, description: 'Exclusive.' },
  totals: { items: object({ currency: string, orders: int, revenue: { description: 'Minor units.', type: 'integer' } }), type: 'array' },
})
const DASHBOARD: JsonSchema = object({
  failingWebhooks: object({
    failed: { description: 'Deliveries given up on.', type: 'integer' },
    latest: {
      items: object({ attemptCount: int, createdAt: dateTime, eventType: string, id: int, nextAttemptAt: nullable(dateTime), status: { enum: ['failed', 'retrying'] }, target: string }),
      type: 'array',
    },
    retrying: int,
  }),
  generatedAt: dateTime,
  lowStock: object({
    items: {
      description: 'Emptiest first, at most 20.',
      items: object({ product: int, sku: string, stock: int, threshold: int, title: string, variant: { ...nullable(string), description: 'The variant row’s id; null for a product without variants.' } }),
      type: 'array',
    },
    total: { description: 'How many products and variants are at or below their threshold.', type: 'integer' },
  }),
  needsAction: object({ awaitingPayment: int, needsAttention: int, toFulfil: int, toShip: int }),
  recentOrders: {
    description: 'The 10 newest.',
    items: object({ createdAt: dateTime, currency: string, email: string, id: int, orderNumber: nullable(string), status: string, total: int }),
    type: 'array',
  },
  sales: object({ last7Days: period, previous7Days: period, previousDay: period, today: period }),
})

const minor = { description: 'Minor units.', type: 'integer' } as const
const PROMOTION_QUOTE: JsonSchema = object({
  currency: string,
  discountTotal: { ...minor, description: 'Taken off the items: the sum of the lines’ discounts, in minor units.' },
  freeShipping: { type: 'boolean' },
  lines: { items: object({ discountAmount: minor, product: int, variant: string }, ['discountAmount', 'product']), type: 'array' },
  promotions: { items: object({ amount: minor, code: nullable(string), shippingDiscount: minor, title: string }), type: 'array' },
  saving: { ...minor, description: 'Items and shipping together.' },
  shippingDiscount: minor,
  subtotal: minor,
})

/** A CSV download (docs/csv.md), streamed. */
const csvFile = (description: string) => ({ content: { 'text/csv': { schema: { type: 'string' as const } } }, description })

export const commerceEndpoints: EndpointDescriptions = {
  'get /products/export': ({ signedIn }) => ({
    description: 'Every product (its latest version, drafts included) as CSV in the import format (docs/csv.md), one row per variant; cells that a spreadsheet would run as a formula start with `\'`. Streamed.',
    operationId: 'products.exportCsv',
    responses: { 200: csvFile('products-<date>.csv, an attachment'), 401: errorRef('Unauthorized'), 403: errorRef('Forbidden') },
    security: signedIn,
    summary: 'Export products as CSV (staff)',
    tags: ['products'],
  }),
  'get /orders/export': ({ signedIn }) => ({
    description: 'Every order as CSV, one row per order line, amounts in minor units (docs/csv.md). Customers’ personal data: staff only. Streamed.',
    operationId: 'orders.exportCsv',
    responses: { 200: csvFile('orders-<date>.csv, an attachment'), 401: errorRef('Unauthorized'), 403: errorRef('Forbidden') },
    security: signedIn,
    summary: 'Export orders as CSV (staff)',
    tags: ['orders'],
  }),
  'get /product-imports/:id/errors': ({ signedIn }) => ({
    description: 'The rows a product import could not save, each as it was in the file after its row number, column and reason; fixed, it can be imported again as it is.',
    operationId: 'productImports.errorsFile',
    parameters: [id],
    responses: { 200: csvFile('import-<id>-errors.csv, an attachment'), 401: errorRef('Unauthorized'), 403: errorRef('Forbidden'), 404: errorRef('NotFound') },
    security: signedIn,
    summary: 'Download an import’s errors file (staff)',
    tags: ['product-imports'],
  }),
  'get /dashboard': ({ signedIn }) => ({
    description:
      'The figures of the staff dashboard on the admin home, counted by the database: sales (paid, fulfilled, shipped or delivered orders) per currency today and in the last 7 days, with the same span before; orders awaiting payment, to fulfil and to ship; low stock; the newest orders; failing webhook deliveries. Days are UTC.',
    operationId: 'dashboard.read',
    responses: {
      200: json(DASHBOARD, 'The figures now'),
      401: errorRef('Unauthorized'),
      403: errorRef('Forbidden'),
    },
    security: signedIn,
    summary: 'Staff dashboard figures (staff)',
    tags: ['orders'],
  }),
  'get /categories/product-counts': () => ({
    operationId: 'categories.productCounts',
    responses: {
      200: json(object({ counts: { items: object({ direct: int, id: int, slug: string, total: int }), type: 'array' } }), 'Published products per category: in it (`direct`) and in it or below (`total`)'),
    },
    security: [{}],
    summary: 'Published product counts per category',
    tags: ['categories'],
  }),
  'get /orders/checkout-options': () => ({
    description: 'Exactly the choices `POST /orders` accepts here and now; the first of each is the default. Cached publicly for a minute.',
    operationId: 'orders.checkoutOptions',
    parameters: [
      query('country', { pattern: '^[A-Za-z]{2}$', type: 'string' }, 'The destination: lists its zone’s methods (without it, the zone covering every other country).'),
      query('currency', { pattern: '^[A-Za-z]{3}$', type: 'string' }, 'Only prices in this currency, and only methods that ship in it (without it, every currency the shop sells in).'),
    ],
    responses: { 200: json(CHECKOUT_OPTIONS, 'The shipping and payment methods'), 400: errorRef('BadRequest') },
    security: [{}],
    summary: 'Shipping and payment methods for checkout',
    tags: ['checkout'],
  }),
  'get /products/search': () => ({
    description: 'Ranked full-text search over published products, with facet counts. Every parameter is checked; anything wrong is a 400 naming each problem.',
    operationId: 'products.search',
    parameters: [
      query('q', { maxLength: 200, type: 'string' }, 'The search term (web search syntax); empty browses everything.'),
      query('category', { type: 'integer' }, 'A category id (products in it or below); repeat for any of several.'),
      query('price', { pattern: '^\\d{0,10}-\\d{0,10}$', type: 'string' }, 'A price range in minor units: `1000-2500`, `-2500`, `1000-`; repeat for any of several.'),
      query('inStock', { enum: ['true', 'false'], type: 'string' }, 'Only what can (or cannot) be bought now.'),
      query('currency', { pattern: '^[A-Z]{3}$', type: 'string' }, 'The currency prices are filtered and banded in.'),
      {
        ...query('option', { additionalProperties: { type: 'string' }, type: 'object' }, 'Option values a product must offer: `option[Size]=M`.'),
        explode: true,
        style: 'deepObject' as const,
      },
      query('sort', { enum: ['relevance', '-createdAt', 'createdAt', 'price', '-price', 'title', '-title'], type: 'string' }, 'The order; `relevance` by default with a term.'),
      query('page', { maximum: 1000, minimum: 1, type: 'integer' }, 'The 1-based page.'),
      query('limit', { minimum: 1, type: 'integer' }, 'Documents per page.'),
      query('depth', { maximum: 2, minimum: 0, type: 'integer' }, 'How deep relationships are populated.'),
    ],
    responses: { 200: json(SEARCH_RESPONSE, 'A page of matching products with facets'), 400: errorRef('BadRequest') },
    security: [{}],
    summary: 'Search products',
    tags: ['products'],
  }),
  'post /orders/quote': ({ signedIn }) => ({
    description: 'What an order of these lines would cost now, priced exactly as `POST /orders` prices one (currency, promotions with `discountCode`, shipping zone and rate, tax per line after discounts); writes nothing and does not check stock. A `discountCode` that cannot be used is named in `discountRefusal` (`reason` as `POST /promotions/apply`), the figures then being the cart’s without it.',
    operationId: 'orders.quote',
    requestBody: jsonBody(fromZod(quoteInputSchema)),
    responses: { 200: json(QUOTE, 'The figures'), 400: errorRef('BadRequest') },
    security: [{}, ...signedIn],
    summary: 'Price a cart',
    tags: ['checkout'],
  }),
  'post /promotions/apply': ({ signedIn }) => ({
    description:
      'What the promotions take off a cart now, with `code` if given, computed as `POST /orders` computes it (docs/promotions.md); with `shippingAddress` and `shippingMethod` it is `POST /orders/quote`’s figures, free shipping included. A code that cannot be used is a 422 saying why: `errors[0].data.reason` (`unknown`, `not-started`, `expired`, `wrong-currency`, `minimum-not-met`, `not-for-these-items`, `used-up`, `already-used`) and `errors[0].data.quote`, the cart without it.',
    operationId: 'promotions.apply',
    requestBody: jsonBody(fromZod(applyPromotionSchema)),
    responses: {
      200: json(PROMOTION_QUOTE, 'The saving'),
      400: errorResponse('The request is not valid, or a line cannot be bought.'),
      422: errorResponse('The code cannot be used; the message says why.'),
    },
    security: [{}, ...signedIn],
    summary: 'Preview a discount code on a cart',
    tags: ['checkout'],
  }),
  'post /orders': ({ signedIn }) => ({
    description: `Places an order for the signed-in customer, or a guest (then \`email\` is required). The server prices it; totals sent by the client are ignored. Answers 201 with the order (and a guest's \`guestToken\` for reading it later), 200 for a replay of the same \`Idempotency-Key\`.`,
    operationId: 'orders.place',
    parameters: [
      {
        description: 'Makes retries safe: the same key and body answer the first result again.',
        in: 'header',
        name: 'Idempotency-Key',
        schema: { pattern: '^[\\x21-\\x7e]{8,255}$', type: 'string' },
      },
    ],
    requestBody: jsonBody(fromZod(orderInputSchema)),
    responses: {
      200: json(object({ guestToken: string, order: schemaRef('orders') }, ['order']), 'A replay of an earlier request with this Idempotency-Key (header `Idempotent-Replayed: true`)'),
      201: json(object({ guestToken: string, order: schemaRef('orders'), paymentAction: PAYMENT_ACTION }, ['order']), 'Placed (with `paymentAction` when the browser must still confirm the payment, such as 3-D Secure)'),
      400: errorResponse('The request is not valid (`errors[0].data.issues` lists each problem with its path), or `discountCode` cannot be used (`errors[0].data.reason`, as `POST /promotions/apply`).'),
      402: errorResponse('The payment was declined.'),
      409: errorResponse('Not enough stock (`errors[0].data.shortages`), the same request is still being charged, the discount code was used up meanwhile (`errors[0].data.reason`), or a price changed while the order was placed.'),
      413: errorResponse('The body is larger than 64 KiB.'),
      422: errorResponse('The Idempotency-Key was used for a different request.'),
      429: errorRef('TooManyRequests'),
      502: errorResponse('The payment provider failed.'),
      503: errorResponse('The shop cannot take orders right now; try again later.'),
    },
    security: [{}, ...signedIn],
    summary: 'Place an order',
    tags: ['checkout'],
  }),
  'post /orders/:id/payment-due': ({ signedIn }) => ({
    operationId: 'orders.setPaymentDue',
    parameters: [id],
    requestBody: jsonBody(fromZod(paymentDueBodySchema)),
    responses: {
      200: json(orderAnswer, 'The order with its new due time'),
      400: errorRef('BadRequest'),
      403: errorRef('Forbidden'),
      404: errorRef('NotFound'),
      409: errorResponse('The order is no longer pending.'),
    },
    security: signedIn,
    summary: 'Change when a pending order’s payment is due (staff)',
    tags: ['orders'],
  }),
  'post /orders/:id/refunds': ({ signedIn }) => ({
    description:
      'Staff give back chosen lines (`restock: true` for those that came back and go back on sale) or an amount (by default the lines’ price), through the order’s payment provider; never more than is left of what was paid. The order’s `refunds`, `refundedTotal` and `payment.status` (`partially_refunded`, `refunded`) record it.',
    operationId: 'orders.refund',
    parameters: [
      id,
      {
        description: 'Makes retries safe: the same key on the same order answers the first refund again (200) and the provider refunds once.',
        in: 'header',
        name: 'Idempotency-Key',
        schema: { pattern: '^[\\x21-\\x7e]{1,255}$', type: 'string' },
      },
    ],
    requestBody: jsonBody(fromZod(refundBodySchema)),
    responses: {
      200: json(refundAnswer, 'A replay of an earlier refund with this Idempotency-Key'),
      201: json(refundAnswer, 'Refunded'),
      400: errorResponse('Not a valid refund: a line or amount beyond what is left, an unknown line, neither lines nor amount.'),
      403: errorRef('Forbidden'),
      404: errorRef('NotFound'),
      409: errorResponse('The order cannot be refunded (nothing paid, cancelled, fully refunded), the provider refused, or the Idempotency-Key was used for another refund.'),
      502: errorResponse('The payment provider did not answer; nothing was refunded or recorded. Retry with the same Idempotency-Key.'),
    },
    security: signedIn,
    summary: 'Refund lines or an amount of an order (staff)',
    tags: ['orders'],
  }),
  'post /orders/:id/returns': ({ signedIn }) => ({
    description: 'The customer (or the guest holding the checkout’s order token) asks to send back lines of a delivered order; staff then accept (refund and restock) or reject it.',
    operationId: 'orders.requestReturn',
    parameters: [id],
    requestBody: jsonBody(fromZod(returnRequestBodySchema)),
    responses: {
      201: json(object({ order: schemaRef('orders'), returnRequest: { type: 'object' } }), 'Requested'),
      400: errorResponse('A quantity beyond what was bought, refunded or already asked back; an unknown line.'),
      403: errorResponse('Not the order’s customer.'),
      404: errorRef('NotFound'),
      409: errorResponse('The order is not delivered.'),
    },
    security: [...signedIn, { orderToken: [] }],
    summary: 'Ask to return lines of a delivered order',
    tags: ['orders'],
  }),
  'post /orders/:id/returns/:returnId': ({ signedIn }) => ({
    description: 'Staff accept a return request (its lines are refunded, at their price or `amount`, and go back on sale) or reject it (with a `note` the customer sees).',
    operationId: 'orders.decideReturn',
    parameters: [id, pathParameter('returnId', { pattern: '^[0-9a-f]{24}$', type: 'string' })],
    requestBody: jsonBody(fromZod(returnDecisionBodySchema)),
    responses: {
      200: json(object({ order: schemaRef('orders'), refund: { type: 'object' } }, ['order']), 'Accepted (with its refund) or rejected'),
      400: errorRef('BadRequest'),
      403: errorRef('Forbidden'),
      404: errorRef('NotFound'),
      409: errorResponse('The request was already settled, or the refund was refused.'),
      502: errorResponse('The payment provider did not answer; nothing was recorded.'),
    },
    security: signedIn,
    summary: 'Accept or reject a return request (staff)',
    tags: ['orders'],
  }),
  'post /orders/:id/status': ({ signedIn }) => ({
    description: 'Staff move an order along its workflow; the customer (or the guest holding its token) may cancel their own order while it is pending.',
    operationId: 'orders.changeStatus',
    parameters: [id],
    requestBody: jsonBody(fromZod(changeStatusBodySchema)),
    responses: {
      200: json(orderAnswer, 'The order in its new status'),
      400: errorRef('BadRequest'),
      403: errorRef('Forbidden'),
      404: errorRef('NotFound'),
      409: errorResponse('Not allowed from the order’s current status (it moved on meanwhile).'),
    },
    security: [...signedIn, { orderToken: [] }],
    summary: 'Change an order’s status',
    tags: ['orders'],
  }),
  'post /payments/:method/webhook': ({ paymentMethods }) => ({
    description: 'A payment provider reports a payment’s outcome, signed the provider’s way (401 when the signature is missing or wrong). Applying an event twice changes nothing.',
    operationId: 'payments.webhook',
    parameters: [pathParameter('method', { enum: paymentMethods, type: 'string' }, 'The payment method whose provider calls.')],
    requestBody: { content: { 'application/json': { schema: { description: 'The provider’s event, in its own format.' } } }, required: true },
    responses: {
      200: json(object({ outcome: string, received: { const: true } }), 'Understood (applied, or nothing to do)'),
      400: errorRef('BadRequest'),
      401: errorRef('Unauthorized'),
      404: errorResponse('Unknown payment method.'),
      503: errorResponse('The order is still being placed; send the event again later (`Retry-After`).'),
    },
    security: [{}],
    summary: 'Payment provider webhook',
    tags: ['payments'],
  }),
  'post /webhook-deliveries/:id/redeliver': ({ signedIn }) => ({
    description: 'Sends a delivery again now, with the same `webhook-id` and body, at the head of its receiver’s queue.',
    operationId: 'webhookDeliveries.redeliver',
    parameters: [id],
    responses: {
      200: json(object({ doc: schemaRef('webhook-deliveries') }), 'The delivery after that attempt'),
      401: errorRef('Unauthorized'),
      403: errorRef('Forbidden'),
      404: errorRef('NotFound'),
      409: errorResponse('The delivery is being sent right now.'),
    },
    security: signedIn,
    summary: 'Redeliver a webhook (staff)',
    tags: ['webhook-deliveries'],
  }),
  'post /webhook-deliveries/recover': ({ signedIn }) => ({
    description: 'After a receiver was down longer than the retries last: sends every delivery it was given up on again, oldest first.',
    operationId: 'webhookDeliveries.recover',
    requestBody: jsonBody(
      object(
        {
          since: { description: 'Only deliveries created since then.', format: 'date-time', type: 'string' },
          target: { pattern: '^(?:storefront|endpoint:[1-9]\\d{0,15})$', type: 'string' },
        },
        ['target'],
      ),
    ),
    responses: {
      202: json(object({ requeued: int }), 'How many were queued; sending goes on in the background'),
      400: errorRef('BadRequest'),
      401: errorRef('Unauthorized'),
      403: errorRef('Forbidden'),
      404: errorRef('NotFound'),
      409: errorResponse('The receiver is inactive or not configured.'),
    },
    security: signedIn,
    summary: 'Resend failed webhooks of one receiver (staff)',
    tags: ['webhook-deliveries'],
  }),
}
