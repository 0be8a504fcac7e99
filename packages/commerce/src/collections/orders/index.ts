import type { CollectionConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isAdmin } from '../../access/isAdmin'
import { nobody } from '../../access/nobody'
import { isStaffField } from '../../access/isStaffField'
import { staffOrOwnOrders } from '../../access/staffOrOwnOrders'
import { changeStatusEndpoint } from '../../checkout/changeStatusEndpoint'
import { checkoutOptionsEndpoint } from '../../checkout/checkoutOptionsEndpoint'
import { queuePaymentCancel } from '../../checkout/cancelAbandonedPayment'
import { paymentDueEndpoint } from '../../checkout/paymentDueEndpoint'
import { placeOrderEndpoint } from '../../checkout/placeOrderEndpoint'
import { quoteEndpoint } from '../../checkout/quoteEndpoint'
import { exportOrdersEndpoint } from '../../csv/exportOrdersEndpoint'
import { addressFields } from '../../fields/address'
import { currencyField } from '../../fields/currency'
import { integerField } from '../../fields/integer'
import { moneyField } from '../../fields/money'
import { assignOrderNumber } from './assignOrderNumber'
import { enforceStatusWorkflow } from './enforceStatusWorkflow'
import { holdUnpaidStock } from './holdUnpaidStock'
import { ORDER_STATUSES, PAYMENT_STATUSES, STATUS_REASONS } from './statuses'
import { orderWebhookEvents } from '../../webhooks/events/orderEvents'
import { validateTotals } from './validateTotals'
import { applyOrderRefunds } from '../../returns/applyOrderRefunds'
import { refundEndpoint } from '../../returns/refundEndpoint'
import { refundFields } from '../../returns/refundFields'
import { decideReturnEndpoint, requestReturnEndpoint } from '../../returns/returnEndpoints'
import { promotionsField } from './promotionsField'

/**
 * Orders snapshot what was bought at the moment of purchase (title, SKU, unit price), so later
 * catalogue edits never rewrite a customer's receipt. This is the record and who may see it: staff
 * read all, customers read their own, only admins write (placing orders comes with checkout).
 */
export const createOrdersCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.orders,
  access: {
    // Orders are placed through checkout (`POST /orders`, below), which prices them on the server.
    create: nobody,
    delete: isAdmin(config.roles),
    read: staffOrOwnOrders(config.roles, config.guestTokenLifetimeDays),
    update: isAdmin(config.roles),
  },
  admin: {
    defaultColumns: ['orderNumber', 'email', 'status', 'total', 'createdAt'],
    group: 'Shop',
    components: config.disabled ? {} : { beforeListTable: [{ clientProps: { exportPath: '/export' }, path: '@showroom/payload-commerce/client#CsvListActions' }] },
    listSearchableFields: ['orderNumber', 'email'],
    useAsTitle: 'orderNumber',
  },
  defaultSort: '-createdAt',
  endpoints: config.disabled
    ? []
    : [exportOrdersEndpoint(config), checkoutOptionsEndpoint(config), quoteEndpoint(config), placeOrderEndpoint(config, config.payments), changeStatusEndpoint(config), paymentDueEndpoint(config),
        refundEndpoint(config), requestReturnEndpoint(config), decideReturnEndpoint(config)],
  fields: [
    {
      name: 'orderNumber',
      type: 'text',
      admin: { description: 'Assigned when the order is placed.', position: 'sidebar', readOnly: true },
      index: true,
      unique: true,
    },
    {
      name: 'status',
      type: 'select',
      admin: { position: 'sidebar' },
      defaultValue: 'pending',
      index: true,
      options: [...ORDER_STATUSES],
      required: true,
    },
    {
      name: 'paymentDue',
      type: 'ui',
      admin: {
        // Resolved from the admin's import map base (`cms/src`); shown while the order is pending.
        components: { Field: '@showroom/payload-commerce/client#PaymentDueControl' },
        position: 'sidebar',
      },
    },
    {
      type: 'row',
      fields: [
        {
          name: 'customer',
          type: 'relationship',
          admin: { description: 'Empty for guest orders.' },
          index: true,
          relationTo: config.slugs.users,
        },
        { name: 'email', type: 'email', index: true, required: true },
      ],
    },
    {
      name: 'items',
      type: 'array',
      fields: [
        { name: 'product', type: 'relationship', relationTo: config.slugs.products },
        {
          type: 'row',
          fields: [
            { name: 'variantId', type: 'text', admin: { description: 'Set when a variant was bought.', readOnly: true } },
            { name: 'variantSku', type: 'text', admin: { readOnly: true } },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'title', type: 'text', required: true },
            { name: 'sku', type: 'text', required: true },
            { name: 'variantLabel', type: 'text', admin: { description: 'Such as "Size: M / Colour: Blue".' } },
          ],
        },
        {
          type: 'row',
          fields: [
            moneyField({ name: 'unitPrice', required: true }),
            integerField({ name: 'quantity', min: 1, required: true }),
            moneyField({ name: 'lineTotal', required: true }),
          ],
        },
        {
          type: 'row',
          fields: [
            moneyField({ name: 'discountAmount', admin: { description: 'Taken off this line by promotions (its share of each, see the promotions list).' }, defaultValue: 0 }),
            moneyField({ name: 'taxAmount', admin: { description: 'The tax on this line after its discount, rounded half up.' }, defaultValue: 0 }),
          ],
        },
      ],
      minRows: 1,
      required: true,
    },
    {
      type: 'row',
      fields: [
        moneyField({ name: 'subtotal', required: true }),
        moneyField({ name: 'discountTotal', admin: { description: 'Taken off the items by promotions: the sum of the lines’ discounts.' }, defaultValue: 0 }),
        moneyField({ name: 'shippingTotal', defaultValue: 0, required: true }),
        moneyField({ name: 'taxTotal', defaultValue: 0 }),
        moneyField({ name: 'total', required: true }),
        currencyField(config.currencies, config.defaultCurrency),
      ],
    },
    {
      name: 'pricesIncludeTax',
      type: 'checkbox',
      admin: { description: 'The order’s prices include its tax (the store setting when it was placed): the total does not add it again.', readOnly: true },
      defaultValue: false,
    },
    {
      name: 'taxLines',
      type: 'array',
      admin: { description: 'The tax charged, per rate: on the lines after discounts and, where the shop taxes it, on shipping.', readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'name', type: 'text', required: true },
            { name: 'country', type: 'text', required: true },
            { name: 'region', type: 'text' },
            { name: 'rate', type: 'number', admin: { description: 'In percent.' }, required: true },
            moneyField({ name: 'taxableAmount', required: true }),
            moneyField({ name: 'taxAmount', required: true }),
          ],
        },
      ],
    },
    promotionsField(config),
    { name: 'shippingAddress', type: 'group', fields: addressFields() },
    { name: 'shippingMethod', type: 'text' },
    {
      // Filled by staff when the parcel leaves; the "shipped" email shows it (docs/email.md).
      name: 'shipment',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'trackingNumber', type: 'text', maxLength: 100 },
            {
              name: 'trackingUrl',
              type: 'text',
              maxLength: 2000,
              validate: (value: null | string | undefined) =>
                !value || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)) || 'The tracking link must be an http(s) URL.',
            },
          ],
        },
      ],
    },
    {
      name: 'payment',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'method', type: 'text', admin: { description: 'The payment adapter, such as manual or test.' } },
            { name: 'status', type: 'select', defaultValue: 'pending', options: [...PAYMENT_STATUSES] },
          ],
        },
        { name: 'reference', type: 'text', admin: { description: "The provider's id for this payment." } },
        { name: 'paidAt', type: 'date' },
        {
          name: 'dueAt',
          type: 'date',
          label: 'Payment due',
          // The customer sees when to pay by; only staff move it (`POST /orders/:id/payment-due`, or here).
          access: { update: isStaffField(config.roles) },
          admin: {
            date: { pickerAppearance: 'dayAndTime' },
            description:
              'While the order is pending, its stock is held until then; after it the order is cancelled as expired. Set a later time to give the customer longer.',
          },
        },
      ],
    },
    {
      name: 'refundsControl',
      type: 'ui',
      admin: { components: { Field: '@showroom/payload-commerce/client#RefundControl' } },
    },
    ...refundFields(config),
    {
      name: 'needsAttention',
      type: 'checkbox',
      access: { read: isStaffField(config.roles) },
      admin: {
        description: 'Set when checkout could not settle the payment by itself (money may have been taken): check with the provider, then mark the order paid or cancel it.',
        position: 'sidebar',
      },
      defaultValue: false,
      index: true,
    },
    { name: 'attentionNote', type: 'textarea', access: { read: isStaffField(config.roles) }, admin: { position: 'sidebar', readOnly: true } },
    {
      // The shopper's language at checkout (a locale code of the host's localization), so emails and
      // order pages can speak it; titles in the lines are snapshots in this language.
      name: 'locale',
      type: 'text',
      access: { update: () => false },
      admin: { description: 'The language the order was placed in.', position: 'sidebar', readOnly: true },
      maxLength: 10,
    },
    {
      name: 'idempotencyKey',
      type: 'text',
      access: { read: isStaffField(config.roles), update: () => false },
      admin: { description: "The client's Idempotency-Key, if it sent one.", position: 'sidebar', readOnly: true },
      index: true,
      unique: true,
    },
    // Fingerprint of the request that placed the order, to tell a retry from a different request.
    { name: 'requestHash', type: 'text', hidden: true },
    {
      name: 'statusHistory',
      type: 'array',
      admin: { readOnly: true },
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'from', type: 'select', options: [...ORDER_STATUSES] },
            { name: 'to', type: 'select', options: [...ORDER_STATUSES], required: true },
            { name: 'at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, required: true },
            // Which staff member acted, and their notes, are internal.
            { name: 'by', type: 'relationship', access: { read: isStaffField(config.roles) }, relationTo: config.slugs.users },
          ],
        },
        {
          type: 'row',
          fields: [
            { name: 'note', type: 'text', access: { read: isStaffField(config.roles) } },
            // Why the system made the change (no staff member did); the customer may see it.
            { name: 'reason', type: 'select', options: [...STATUS_REASONS] },
          ],
        },
      ],
    },
  ],
  // The sweeper's query: pending orders by due time.
  indexes: [{ fields: ['status', 'payment.dueAt'] }],
  hooks: {
    afterChange: [orderWebhookEvents(config), queuePaymentCancel(config)],
    // After the workflow, which has locked the order and settled its status.
    beforeChange: [assignOrderNumber, enforceStatusWorkflow(config), applyOrderRefunds(config), holdUnpaidStock(config)],
    beforeValidate: [validateTotals],
  },
})
