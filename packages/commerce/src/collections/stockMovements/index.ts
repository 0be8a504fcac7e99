import type { CollectionConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { staffReadOnly } from '../../access/staffReadOnly'
import { STOCK_ACTOR_TYPES, STOCK_MOVEMENT_REASONS } from '../../inventory/movementReasons'

const readOnly = { readOnly: true }

/**
 * The stock ledger: one record per move of one product's or variant's stock, written in the same
 * transaction as the stock level it changes (see `inventory/stock.ts` and docs/inventory.md). Not
 * versioned, never edited: staff read it, nobody writes it through the API.
 */
export const createStockMovementsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.stockMovements,
  access: staffReadOnly(config.roles),
  admin: {
    defaultColumns: ['createdAt', 'sku', 'delta', 'stockAfter', 'reason', 'order', 'actor'],
    description: 'Every change to a product’s stock: checkouts, returns, expiries and staff edits. Read-only.',
    group: 'Shop',
    useAsTitle: 'sku',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      type: 'row',
      fields: [
        { name: 'product', type: 'relationship', admin: readOnly, relationTo: config.slugs.products },
        { name: 'variantId', type: 'text', admin: { ...readOnly, description: 'Set when a variant’s stock moved.' } },
        { name: 'sku', type: 'text', admin: readOnly, index: true, required: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'delta', type: 'number', admin: { ...readOnly, description: 'Units added (positive) or taken (negative).' }, required: true },
        { name: 'stockAfter', type: 'number', admin: readOnly, required: true },
        { name: 'reason', type: 'select', admin: readOnly, index: true, options: [...STOCK_MOVEMENT_REASONS], required: true },
      ],
    },
    {
      type: 'row',
      fields: [
        { name: 'order', type: 'relationship', admin: readOnly, index: true, relationTo: config.slugs.orders },
        { name: 'actor', type: 'relationship', admin: { ...readOnly, description: 'Empty for a guest or the shop itself.' }, relationTo: config.slugs.users },
        { name: 'actorType', type: 'select', admin: readOnly, options: [...STOCK_ACTOR_TYPES], required: true },
      ],
    },
  ],
})
