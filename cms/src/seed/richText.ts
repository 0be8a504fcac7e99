import type { Product } from '@showroom/shared-types'

export type RichText = NonNullable<Product['description']>

/** Lexical's editor state for plain paragraphs: root → paragraph → text, as the admin editor saves it. */
export const paragraphs = (texts: readonly string[]): RichText => ({
  root: {
    type: 'root',
    children: texts.map((text) => ({
      type: 'paragraph',
      children: [{ type: 'text', detail: 0, format: 0, mode: 'normal', style: '', text, version: 1 }],
      direction: 'ltr',
      format: '',
      indent: 0,
      textFormat: 0,
      textStyle: '',
      version: 1,
    })),
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 1,
  },
})
