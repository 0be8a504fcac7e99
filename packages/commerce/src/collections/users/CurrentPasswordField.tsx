'use client'

import type { TextFieldClientComponent } from 'payload'

import { PasswordField } from '@payloadcms/ui'

/**
 * The current password on one's own account in the admin: a masked input that is optional in the
 * form (only a change of password or email needs it, and the server says so: `requireCurrentPassword`).
 */
export const CurrentPasswordField: TextFieldClientComponent = (props) => (
  <PasswordField {...props} autoComplete="current-password" validate={() => true} />
)
