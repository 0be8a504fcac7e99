import {
  BlockquoteHTMLConverter,
  convertLexicalToHTML,
  HorizontalRuleHTMLConverter,
  type HTMLConverters,
  LinebreakHTMLConverter,
  LinkHTMLConverter,
  ListHTMLConverter,
  ParagraphHTMLConverter,
  TabHTMLConverter,
  TextHTMLConverter,
} from '@payloadcms/richtext-lexical/html'

import type { RichText } from './productDetail'

type EditorState = Parameters<typeof convertLexicalToHTML>[0]['data']
type LinkNode = Parameters<NonNullable<Parameters<typeof LinkHTMLConverter>[0]['internalDocToHref']>>[0]['linkNode']

/** Where an editor's link to another document of the shop goes: a product's or a category's page. */
const internalDocToHref = ({ linkNode }: { linkNode: LinkNode }): string => {
  const { doc } = linkNode.fields
  const slug = doc && typeof doc.value === 'object' ? doc.value.slug : undefined
  if (typeof slug !== 'string') return '#'
  // A category's page is found by its slug alone (its ancestors are put right by a redirect).
  if (doc?.relationTo === 'products') return `/p/${encodeURIComponent(slug)}`
  if (doc?.relationTo === 'categories') return `/c/${encodeURIComponent(slug)}`
  return '#'
}

const HEADING_TAGS = new Set(['h2', 'h3', 'h4', 'h5', 'h6'])

/**
 * Payload's own converters for what a description may hold, nothing more: text (escaped, with its
 * bold, italic… marks), paragraphs, headings, lists, quotes, rules, line breaks and links (their URLs
 * through Payload's `sanitizeUrl`: http(s), mailto, tel and relative only, anything else becomes `#`).
 * Everything else — images, relationships, blocks, tables, any node Payload may add — is left out,
 * and no node can carry raw HTML.
 */
const converters: HTMLConverters = {
  ...ParagraphHTMLConverter,
  ...TextHTMLConverter,
  ...LinebreakHTMLConverter,
  ...TabHTMLConverter,
  ...BlockquoteHTMLConverter,
  ...HorizontalRuleHTMLConverter,
  ...ListHTMLConverter,
  ...LinkHTMLConverter({ internalDocToHref }),
  // The page's title is its only <h1>: an editor's top-level heading becomes an <h2>.
  heading: ({ node, nodesToHTML, providedStyleTag }) => {
    const tag = HEADING_TAGS.has(node.tag) ? node.tag : 'h2'
    return `<${tag}${providedStyleTag}>${nodesToHTML({ nodes: node.children }).join('')}</${tag}>`
  },
  unknown: () => '',
}

/**
 * A product description as HTML for its page, by Payload's `convertLexicalToHTML` (server-side only:
 * the converter never reaches the browser). `''` when it has no words.
 */
export const productDescriptionHtml = (description: RichText | null): string =>
  // The schema checked the shape (nodes with a type and child lists); the converter reads the rest defensively.
  description ? convertLexicalToHTML({ converters, data: description as unknown as EditorState, disableContainer: true }) : ''
