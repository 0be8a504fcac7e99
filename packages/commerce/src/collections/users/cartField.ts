import type { CollectionSlug, JSONField } from 'payload'

import type { RoleNames } from '../../types'

import { adminOrSelfField } from '../../access/adminOrSelfField'
import { isSelfField } from '../../access/isSelfField'
import { cartTypescriptSchema, checkCart, emptyCart } from './cart'

/**
 * The signed-in customer's cart, saved on her account so it follows her across devices:
 * `{ lines: [{ product, variant?, quantity }] }` (see `cart.ts`). Only she reads it (admins too, for
 * support) and only she writes it: staff writing someone else's cart are silently ignored, like any
 * field they may not set. Not in the JWT. Stored as `null` until first saved (sending `null` clears
 * it); every read returns `{ lines: [] }` instead of `null`.
 */
export const cartField = (roles: RoleNames, usersSlug: CollectionSlug): JSONField => ({
  name: 'cart',
  type: 'json',
  access: {
    create: isSelfField(usersSlug),
    read: adminOrSelfField(roles, usersSlug),
    update: isSelfField(usersSlug),
  },
  admin: {
    description: 'The cart this customer keeps on the storefront. Read-only: only the customer changes it.',
    position: 'sidebar',
    readOnly: true,
  },
  hooks: {
    afterRead: [({ value }) => (value === null ? emptyCart() : value)],
  },
  saveToJWT: false,
  typescriptSchema: [cartTypescriptSchema],
  validate: (value) => checkCart(value),
})
