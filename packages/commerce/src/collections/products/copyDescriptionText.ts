import type { CollectionBeforeChangeHook } from 'payload'

import { lexicalPlainText, MAX_PLAIN_TEXT_LENGTH } from './lexicalPlainText'

export type CopyDescriptionTextOptions = {
  /** The rich-text field to read. Default `description`. */
  from?: string
  /** Longest copy kept. Default `MAX_PLAIN_TEXT_LENGTH` (10,000 characters). */
  maxLength?: number
  /** The text field to write. Default `descriptionText`. */
  to?: string
}

/**
 * Keeps a plain-text copy of the Lexical description on every save (drafts and versions included),
 * because Payload cannot run `like` on a rich-text field (the REST API answers 500) and search needs
 * one it can. A collection hook rather than a field hook: field access (`create`/`update: false`,
 * so clients cannot write the copy) strips client values in the fields' `beforeValidate` pass,
 * which runs before this hook, so what it sets here is stored.
 */
export const copyDescriptionText =
  ({ from = 'description', maxLength = MAX_PLAIN_TEXT_LENGTH, to = 'descriptionText' }: CopyDescriptionTextOptions = {}): CollectionBeforeChangeHook =>
  ({ data, originalDoc }) => {
    // Payload fills fields a partial update leaves out from the stored document; read the stored
    // one explicitly anyway, so a PATCH of the price never empties the copy.
    const source: unknown = from in data ? data[from] : (originalDoc as Record<string, unknown> | undefined)?.[from]
    // No words (no description, or only images) is stored as null, as the migration leaves it.
    return { ...data, [to]: lexicalPlainText(source, maxLength) || null }
  }
