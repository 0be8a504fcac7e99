import type { CollectionConfig } from 'payload'

import { WEBHOOK_EVENT_TYPES } from '../../webhooks/events/types'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isStaff } from '../../access/isStaff'
import { nobody } from '../../access/nobody'
import { DELIVERY_STATUSES } from '../../webhooks/deliveryStatus'
import { recoverEndpoint, redeliverEndpoint } from './redeliverEndpoint'

const readOnly = { readOnly: true }

/**
 * The log of outgoing webhooks, one record per event and receiver, written only by the sender. It is
 * also the sender's queue: pending and retrying records are what is still to be sent, oldest first
 * per receiver (see `webhooks/deliver.ts`). Staff read it and can redeliver from it.
 */
export const createWebhookDeliveriesCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.webhookDeliveries,
  access: {
    create: nobody,
    delete: nobody,
    read: isStaff(config.roles),
    update: nobody,
  },
  admin: {
    defaultColumns: ['eventType', 'resource', 'target', 'status', 'attemptCount', 'nextAttemptAt', 'createdAt'],
    group: 'Webhooks',
    useAsTitle: 'eventType',
  },
  defaultSort: '-createdAt',
  endpoints: config.disabled ? [] : [recoverEndpoint(config), redeliverEndpoint(config)],
  // The sender looks up the oldest open delivery of one target (`webhooks/deliver.ts`).
  indexes: [{ fields: ['target', 'status'] }],
  fields: [
    {
      name: 'redeliver',
      type: 'ui',
      admin: {
        // Resolved from the admin's import map base (`cms/src`); the button calls the endpoint below.
        components: { Field: '@showroom/payload-commerce/client#RedeliverButton' },
        position: 'sidebar',
      },
    },
    {
      type: 'row',
      fields: [
        { name: 'eventType', type: 'select', admin: readOnly, index: true, options: [...WEBHOOK_EVENT_TYPES], required: true },
        {
          name: 'webhookId',
          type: 'text',
          admin: { ...readOnly, description: 'Sent as `webhook-id`; the same on every attempt and redelivery, so receivers can dedupe.' },
          index: true,
          required: true,
        },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'resource', type: 'text', admin: readOnly, index: true, required: true },
        { name: 'sequence', type: 'number', admin: readOnly, required: true },
      ],
    },
    {
      type: 'row',
      fields: [
        {
          name: 'target',
          type: 'text',
          admin: { ...readOnly, description: '"storefront", or "endpoint:<id>" for a webhook endpoint.' },
          required: true,
        },
        { name: 'endpoint', type: 'relationship', admin: readOnly, relationTo: config.slugs.webhookEndpoints },
      ],
    },
    { name: 'payload', type: 'json', admin: readOnly, required: true },
    {
      type: 'row',
      fields: [
        { name: 'status', type: 'select', admin: readOnly, defaultValue: 'pending', index: true, options: [...DELIVERY_STATUSES], required: true },
        { name: 'attemptCount', type: 'number', admin: readOnly, defaultValue: 0, required: true },
        { name: 'nextAttemptAt', type: 'date', admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' } }, index: true },
        { name: 'deliveredAt', type: 'date', admin: { ...readOnly, date: { pickerAppearance: 'dayAndTime' } } },
      ],
    },
    {
      name: 'attempts',
      type: 'array',
      admin: readOnly,
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'at', type: 'date', admin: { date: { pickerAppearance: 'dayAndTime' } }, required: true },
            { name: 'statusCode', type: 'number', admin: { description: 'Empty when no answer came (timeout, connection refused).' } },
            { name: 'durationMs', type: 'number', required: true },
          ],
        },
        { name: 'error', type: 'text' },
      ],
    },
    // While a sender holds it, no other sender (another process) takes the record; it expires, so a crash frees it.
    { name: 'leaseUntil', type: 'date', hidden: true },
    // The attempt count when it was last redelivered: each redelivery gets a full round of retries.
    { name: 'retriesFrom', type: 'number', defaultValue: 0, hidden: true },
  ],
})
