'use client'

import type { TextFieldClientComponent } from 'payload'

import { Button, TextField, useField } from '@payloadcms/ui'

/** A Standard Webhooks secret made in the browser: `whsec_` + base64 of 32 random bytes. */
const generateSecret = (): string => {
  const bytes = crypto.getRandomValues(new Uint8Array(32))
  return `whsec_${btoa(String.fromCharCode(...bytes))}`
}

/**
 * The write-only signing secret of a webhook endpoint in the admin: the usual text input (always empty
 * when the form opens, since the stored secret is never read back) plus a button that fills in a fresh
 * secret for the admin to copy to the receiving system before saving.
 */
export const SecretField: TextFieldClientComponent = (props) => {
  const { setValue } = useField<string>({ path: props.path })
  return (
    <div style={{ marginBottom: 'var(--base)' }}>
      <TextField {...props} />
      <div style={{ marginTop: 'calc(var(--base) / 2)' }}>
        <Button buttonStyle="secondary" margin={false} onClick={() => setValue(generateSecret())} size="small">
          Generate a secret
        </Button>
      </div>
    </div>
  )
}
