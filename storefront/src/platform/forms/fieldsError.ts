import { ActionError } from 'astro:actions'

type ActionErrorCode = ConstructorParameters<typeof ActionError>[0]['code']

/** A refused form whose reasons belong beside its fields (such as the CMS naming the paths it refused). */
export class FieldsError<Field extends string = string> extends ActionError {
  readonly fields: Partial<Record<Field, string>>

  constructor({ code, fields, message }: { code: ActionErrorCode; fields: Partial<Record<Field, string>>; message: string }) {
    super({ code, message })
    this.fields = fields
  }
}
