import type { CollectionConfig, FieldHook, TextFieldSingleValidation } from 'payload'

import { WEBHOOK_EVENT_TYPES } from '../../webhooks/events/types'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isAdmin } from '../../access/isAdmin'
import { isAdminField } from '../../access/isAdminField'
import { secretProblem } from '../../webhooks/signature'

const validateUrl: TextFieldSingleValidation = (value) =>
  typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) ? true : 'Enter an http:// or https:// URL.'

const problemOf = (value: string): string | true => {
  const problem = secretProblem(value)
  return problem ? `The secret ${problem}.` : true
}

const isEmpty = (value: unknown): value is '' | null | undefined => value === null || value === undefined || value === ''

// `secret` (the API's name) or `newSecret` (the admin's input) is required when the endpoint is created;
// the requirement is reported on `newSecret`, the one an admin sees. An update without either keeps the
// stored secret.
const validateNewSecret: TextFieldSingleValidation = (value, { operation, siblingData }) => {
  if (!isEmpty(value)) return problemOf(value)
  const given: unknown = (siblingData as Record<string, unknown>).secret
  return operation === 'create' && isEmpty(given) ? 'A signing secret is required.' : true
}

const validateSecret: TextFieldSingleValidation = (value) => (isEmpty(value) ? true : problemOf(value))

/**
 * A valid secret typed into the admin form replaces the stored one. An empty one, in the form or as
 * `secret: null` over the API, keeps it: an endpoint never loses its secret by accident.
 */
const takeNewSecret: FieldHook = ({ siblingData, siblingDocWithLocales, value }) => {
  const typed: unknown = siblingData.newSecret
  if (typeof typed === 'string' && secretProblem(typed) === null) return typed
  return isEmpty(value) ? siblingDocWithLocales?.secret : value
}

/**
 * Systems that receive the shop's events (besides the storefront, configured from the environment).
 * Admins only, on every operation: an endpoint decides where shop data goes. The signing secret can be
 * written (`secret` over the API, the "Signing secret" input in the admin) but is never read back.
 */
export const createWebhookEndpointsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.webhookEndpoints,
  access: {
    create: isAdmin(config.roles),
    delete: isAdmin(config.roles),
    read: isAdmin(config.roles),
    update: isAdmin(config.roles),
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
      // The admin's way to set the secret: admins may "read" it so the form shows it, but it is virtual,
      // so it never holds anything when read. What is typed here becomes `secret` below.
      name: 'newSecret',
      type: 'text',
      access: { create: isAdminField(config.roles), read: isAdminField(config.roles), update: isAdminField(config.roles) },
      // Read as null, never as nothing: after a save the admin form then clears the typed secret
      // instead of keeping it on screen (and sending it again with the next save).
      hooks: { afterRead: [() => null] },
      admin: {
        components: { Field: '@showroom/payload-commerce/client#SecretField' },
        description:
          'whsec_ followed by base64 of 24–64 random bytes. Copy it to the receiving system before saving: it is never shown again. Leave empty to keep the current secret.',
      },
      label: 'Signing secret',
      validate: validateNewSecret,
      virtual: true,
    },
    {
      // Stored, and written through the API as `secret` (or from `newSecret`); never read back by anyone.
      // Only the sender reads it, with access overridden. Unreadable fields are not in the admin form.
      name: 'secret',
      type: 'text',
      access: { create: isAdminField(config.roles), read: () => false, update: isAdminField(config.roles) },
      hooks: { beforeChange: [takeNewSecret] },
      validate: validateSecret,
    },
  ],
})
