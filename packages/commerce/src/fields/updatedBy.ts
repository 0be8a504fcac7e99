import type { Field, FieldHook } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'

import { isStaffField } from '../access/isStaffField'
import { auditActorOf } from '../audit/auditActor'

/** The user behind a save; null for the shop's own processes (checkout, the sweeper, an import). */
const authorOf: FieldHook = ({ req }) => {
  const actor = auditActorOf(req)
  return actor.kind === 'user' ? actor.id : null
}

/**
 * `updatedBy`: who saved this document (and, on a versioned collection, each version) last. Set on
 * every save from the signed-in user, never from the client (no one may write it); staff read it,
 * shoppers never see it.
 */
export const updatedByField = (config: SanitizedCommercePluginConfig): Field => ({
  name: 'updatedBy',
  type: 'relationship',
  access: { create: () => false, read: isStaffField(config.roles), update: () => false },
  admin: { description: 'Who saved it last (empty for the shop’s own processes).', position: 'sidebar', readOnly: true },
  hooks: { beforeChange: [authorOf] },
  label: 'Last saved by',
  relationTo: config.slugs.users,
})
