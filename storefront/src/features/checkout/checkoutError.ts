import { ActionError } from 'astro:actions'

import type { FieldErrors } from './checkout'

type ActionErrorCode = ConstructorParameters<typeof ActionError>[0]['code']

/** A refused checkout whose reasons belong beside form fields (the CMS named their paths). */
export class CheckoutFieldsError extends ActionError {
  readonly fields: FieldErrors

  constructor({ code, fields, message }: { code: ActionErrorCode; fields: FieldErrors; message: string }) {
    super({ code, message })
    this.fields = fields
  }
}
