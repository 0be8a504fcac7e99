import type { CollectionConfig } from 'payload'

import type { CommerceSlugs, SanitizedCommercePluginConfig } from '../types'
import type { AuditedFields } from './diffFields'

import { withAuditTrail } from './auditHooks'

/**
 * The fields each audited collection records before/after. Stock is not here: every stock move is a
 * ledger entry, and each one is recorded as a `stock` entry with the level before and after
 * (`ledgerAuditSql`). Secrets are recorded as changed, never with a value; passwords' hashes, salts,
 * reset tokens and sessions are never read at all.
 */
export const AUDITED_FIELDS: Partial<Record<keyof CommerceSlugs, AuditedFields>> = {
  categories: { fields: ['title', 'slug', 'parent'], title: 'title' },
  media: { fields: ['filename', 'alt'], title: 'filename' },
  orders: { fields: ['status', 'payment.status', 'needsAttention', 'total', 'refundedTotal', 'shipment.trackingNumber'], title: 'orderNumber' },
  products: {
    arrays: [{ fields: ['price'], key: 'sku', name: 'variants' }],
    fields: ['title', 'slug', 'sku', 'price', 'compareAtPrice', 'currency', '_status'],
    title: 'title',
  },
  shippingZones: { fields: ['name', 'countries', 'everywhereElse'], title: 'name' },
  taxRates: { fields: ['name', 'country', 'region', 'rate'], title: 'name' },
  promotions: {
    fields: ['title', 'code', 'active', 'kind', 'percentage', 'appliesTo', 'startsAt', 'endsAt', 'usageLimit', 'perCustomerLimit', 'combinable'],
    title: 'title',
  },
  users: { fields: ['email', 'roles'], secrets: ['password'], skipUnchanged: true, title: 'email' },
  webhookEndpoints: { fields: ['url', 'events', 'active'], secrets: ['secret'], title: 'url' },
}

/** The input fields that set a secret, where the name differs (the admin's "Signing secret" input). */
const SECRET_INPUTS: Partial<Record<keyof CommerceSlugs, Record<string, string[]>>> = {
  webhookEndpoints: { secret: ['secret', 'newSecret'] },
}

/** The collection with the audit trail's hooks when it is an audited one; unchanged otherwise. */
export const audited = (config: SanitizedCommercePluginConfig, key: keyof CommerceSlugs, collection: CollectionConfig): CollectionConfig => {
  const spec = AUDITED_FIELDS[key]
  return spec ? withAuditTrail(config, collection, spec, SECRET_INPUTS[key]) : collection
}
