import type { CollectionConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { adminOrSelf } from '../../access/adminOrSelf'
import { anyone } from '../../access/anyone'
import { canAccessAdmin } from '../../access/canAccessAdmin'
import { isAdmin } from '../../access/isAdmin'
import { isAdminField } from '../../access/isAdminField'
import { addressFields } from '../../fields/address'
import { ROLES } from '../../types'
import { cartField } from './cartField'
import { endOtherSessionsOnEmailChange } from './endOtherSessionsOnEmailChange'
import { enforcePasswordPolicy } from './enforcePasswordPolicy'
import { equalizeUnknownLogins } from './equalizeUnknownLogins'
import { firstUserIsAdmin } from './firstUserIsAdmin'
import { noSignUpBeforeFirstUser } from './noSignUpBeforeFirstUser'
import { hideSessions } from './hideSessions'
import { passwordResetEmail } from './passwordResetEmail'
import { CURRENT_PASSWORD_FIELD, requireCurrentPassword } from './requireCurrentPassword'

/** A reset link works for an hour (Payload's default, stated so the email can say it). */
const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000

/**
 * Staff and customers share one auth collection. Sign-up is public and always yields a customer:
 * only an admin may set roles (Local API calls with `overrideAccess`, such as the seed, may too).
 */
export const createUsersCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.users,
  access: {
    admin: canAccessAdmin(config.roles),
    create: anyone,
    delete: isAdmin(config.roles),
    read: adminOrSelf(config.roles),
    unlock: isAdmin(config.roles),
    update: adminOrSelf(config.roles),
  },
  admin: {
    defaultColumns: ['email', 'name', 'roles', 'createdAt'],
    group: 'Shop',
    useAsTitle: 'email',
  },
  auth: {
    cookies: {
      sameSite: 'Lax',
      secure: config.secureCookies,
    },
    depth: 0,
    forgotPassword: {
      expiration: RESET_LINK_LIFETIME_MS,
      // Payload's default: at most one email per address every 15 s. A repeat inside that window
      // answers exactly like an unknown address, so it reveals nothing either.
      minRequestInterval: 15_000,
      ...passwordResetEmail({ expiration: RESET_LINK_LIFETIME_MS, resetPath: config.storefrontPaths.passwordReset, roles: config.roles, storefrontUrl: config.storefrontUrl }),
    },
    // No per-account lock: it let anyone lock any customer (and the admin) out with five wrong
    // passwords. The CMS's servers slow down and then block the offending client for that account
    // instead (cms/src/security, docs/security.md).
    maxLoginAttempts: 0,
    tokenExpiration: 2 * 60 * 60,
    useSessions: true,
  },
  fields: [
    { name: 'name', type: 'text', maxLength: 200 },
    {
      name: 'roles',
      type: 'select',
      access: {
        create: isAdminField(config.roles),
        update: isAdminField(config.roles),
      },
      admin: {
        description: 'Admins run everything; editors manage the catalogue; customers shop. The first account is always an admin.',
        position: 'sidebar',
      },
      defaultValue: [config.roles.customer],
      hasMany: true,
      index: true,
      options: ROLES.map((role) => ({ label: role[0]?.toUpperCase() + role.slice(1), value: config.roles[role] })),
      required: true,
      saveToJWT: true,
    },
    {
      name: 'addresses',
      type: 'array',
      admin: { initCollapsed: true },
      fields: [
        { name: 'label', type: 'text', admin: { description: 'Such as Home or Work.' }, maxLength: 60 },
        ...addressFields(),
        { name: 'isDefault', type: 'checkbox', defaultValue: false, label: 'Default shipping address' },
      ],
      maxRows: 20,
    },
    cartField(config.roles, config.slugs.users),
    {
      // Write-only and never stored: read (and removed) by `requireCurrentPassword` before the update.
      name: CURRENT_PASSWORD_FIELD,
      type: 'text',
      admin: {
        components: { Field: '@showroom/payload-commerce/client#CurrentPasswordField' },
        // Only on one's own account: admins change other users without it.
        condition: (data, _siblingData, { user }) => Boolean(user && data.id !== undefined && String(data.id) === String(user.id)),
        description: 'Needed to change your own password or email.',
      },
      hooks: { afterRead: [() => undefined] },
      label: 'Current password',
      virtual: true,
    },
  ],
  hooks: {
    afterChange: [endOtherSessionsOnEmailChange],
    afterRead: [hideSessions],
    beforeOperation: [noSignUpBeforeFirstUser, equalizeUnknownLogins, requireCurrentPassword(config.roles), enforcePasswordPolicy(config.slugs.users)],
    beforeChange: [firstUserIsAdmin(config.roles)],
  },
})
