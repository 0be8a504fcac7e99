/**
 * The element ids of an HTML page and the ids its ARIA and label attributes point to, read from its
 * start tags (comments and the text of scripts and styles skipped, where `id="…"` is not an attribute).
 */
const startTags = (html: string): string[] =>
  html
    .replaceAll(/<!--[\s\S]*?-->/g, '')
    .replaceAll(/<(script|style|template)\b([^>]*)>[\s\S]*?<\/\1>/gi, '<$1$2>')
    .match(/<[a-zA-Z][^\s/>]*(?:\s[^>]*)?>/g) ?? []

/** The value of attribute `name` in a start tag, if it has one (double- or single-quoted, or bare). */
const attribute = (tag: string, name: string): string | undefined => {
  const match = tag.match(new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s"'>]+))`, 'i'))
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined
}

/** Every `id` on the page, in document order. */
export const elementIds = (html: string): string[] => startTags(html).flatMap((tag) => attribute(tag, 'id') ?? [])

/** Ids that occur more than once. */
export const duplicateIds = (html: string): string[] => {
  const seen = new Set<string>()
  const repeated = new Set<string>()
  for (const id of elementIds(html)) (seen.has(id) ? repeated : seen).add(id)
  return [...repeated]
}

const REFERRING = ['aria-labelledby', 'aria-describedby', 'aria-controls', 'for'] as const

/** `attribute -> id` for every id an `aria-labelledby`, `aria-describedby`, `aria-controls` or `for` names. */
export const referencedIds = (html: string): string[] =>
  startTags(html).flatMap((tag) => REFERRING.flatMap((name) => (attribute(tag, name) ?? '').split(/\s+/).filter(Boolean)))

/** Referenced ids that no element on the page has. */
export const danglingReferences = (html: string): string[] => {
  const ids = new Set(elementIds(html))
  return referencedIds(html).filter((id) => !ids.has(id))
}
