import type { CollectionBeforeChangeHook } from 'payload'

import { convertLexicalToPlaintext, type PlaintextConverters } from '@payloadcms/richtext-lexical/plaintext'

/** Longest plain text kept from a description: plenty to search, bounded for a `LIKE` scan. */
export const MAX_PLAIN_TEXT_LENGTH = 10_000

type EditorState = Parameters<typeof convertLexicalToPlaintext>[0]['data']

/** Payload's converter runs a quote's text into the block before it; a quote is a block of its own. */
const converters: PlaintextConverters = {
  quote: ({ node, nodesToPlaintext }) => `\n${nodesToPlaintext({ nodes: node.children }).join('')}\n`,
}

const isEditorState = (value: unknown): value is EditorState => {
  if (value === null || typeof value !== 'object' || !('root' in value)) return false
  const { root } = value
  return root !== null && typeof root === 'object' && 'children' in root && Array.isArray(root.children)
}

/** Cuts at `max` UTF-16 units without leaving half a surrogate pair at the end. */
const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

/**
 * The words of a Lexical rich-text value (`{ root: { children: [...] } }`), by Payload's own
 * `convertLexicalToPlaintext`: text of one block joined as written, blocks (paragraphs, headings,
 * list items, quotes…) on lines of their own, runs of spaces collapsed and empty lines dropped, at
 * most `maxLength` characters. Anything that is not such a value (malformed nodes, nesting deeper
 * than the stack) yields `''`.
 */
export const descriptionPlainText = (value: unknown, maxLength = MAX_PLAIN_TEXT_LENGTH): string => {
  if (!isEditorState(value)) return ''
  let text: string
  try {
    text = convertLexicalToPlaintext({ converters, data: value })
  } catch (error) {
    // A node whose `children` is not a list (TypeError) or absurd nesting (RangeError) is no text anyone wrote.
    if (error instanceof TypeError || error instanceof RangeError) return ''
    throw error
  }
  const lines = text
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
  return truncate(lines.join('\n'), maxLength)
}

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
    return { ...data, [to]: descriptionPlainText(source, maxLength) || null }
  }
