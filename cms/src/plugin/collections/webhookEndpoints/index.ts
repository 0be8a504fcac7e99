import type { CollectionConfig, TextFieldSingleValidation } from 'payload'

import { WEBHOOK_EVENT_TYPES } from '@showroom/shared-types'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isAdmin } from '../../access/isAdmin'
import { isAdminField } from '../../access/isAdminField'
import { secretProblem } from '../../webhooks/signature'

const validateUrl: TextFieldSingleValidation = (value) =>
  typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? true : 'Enter an http:// or https:// URL.'

// Required when the endpoint is created; on an update a missing secret keeps the stored one.
const validateSecret: TextFieldSingleValidation = (value, { operation }) => {
  if (value === null || value === undefined || value === '') return operation === 'create' ? 'A signing secret is required.' : true
  const problem = secretProblem(value)
  return problem ? `The secret ${problem}.` : true
}

/**
 * Systems that receive the shop's events (besides the storefront, configured from the environment).
 * Admins only, on every operation: an endpoint decides where shop data goes. The signing secret can be
 * written but is never read back by anyone (field read access is closed; only the sender reads it,
 * with access overridden).
 */
export const createWebhookEndpointsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.webhookEndpoints,
  access: {
    create: isAdmin,
    delete: isAdmin,
    read: isAdmin,
    update: isAdmin,
  },
  admin: {
    defaultColumns: ['url', 'events', 'active', 'updatedAt'],
    group: 'Webhooks',
    useAsTitle: 'url',
  },
  fields: [
    { name: 'url', type: 'text', label: 'URL', maxLength: 2000, required: true, validate: validateUrl },
    { name: 'description', type: 'text', maxLength: 200 },
    {
      name: 'events',
      type: 'select',
      admin: { description: 'Leave empty to receive every event.' },
      hasMany: true,
      options: [...WEBHOOK_EVENT_TYPES],
    },
    { name: 'active', type: 'checkbox', admin: { description: 'Inactive endpoints receive nothing.' }, defaultValue: true },
    {
      name: 'secret',
      type: 'text',
      access: { create: isAdminField, read: () => false, update: isAdminField },
      admin: { description: 'whsec_ followed by base64 of 24–64 random bytes. Write-only: it is never shown again.' },
      validate: validateSecret,
    },
  ],
})
