/** Longest plain text kept from a description: plenty to search, bounded for a `LIKE` scan. */
export const MAX_PLAIN_TEXT_LENGTH = 10_000

/** Nodes that sit inside a line of text rather than starting their own block. */
const INLINE_TYPES = new Set(['autolink', 'link', 'linebreak', 'mark', 'tab', 'text'])

/** Rich text nested deeper than this is not a description anyone wrote; its deeper levels are skipped. */
const MAX_DEPTH = 50

type Node = { children?: unknown; root?: unknown; text?: unknown; type?: unknown }

const asNode = (value: unknown): Node | undefined => (value !== null && typeof value === 'object' ? (value as Node) : undefined)

/** The node's text: inline children continue the current line, block children each start a new one. */
const textOf = (node: Node, depth: number): string => {
  if (typeof node.text === 'string') return node.text
  if (node.type === 'linebreak') return '\n'
  if (node.type === 'tab') return ' '
  if (!Array.isArray(node.children) || depth >= MAX_DEPTH) return ''
  const lines: string[] = []
  let line = ''
  for (const child of node.children) {
    const childNode = asNode(child)
    if (!childNode) continue
    const text = textOf(childNode, depth + 1)
    if (typeof childNode.type === 'string' && !INLINE_TYPES.has(childNode.type) && typeof childNode.text !== 'string') {
      lines.push(line, text)
      line = ''
    } else {
      line += text
    }
  }
  lines.push(line)
  return lines.join('\n')
}

/** Cuts at `max` UTF-16 units without leaving half a surrogate pair at the end. */
const truncate = (text: string, max: number): string => {
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut
}

/**
 * The words of a Lexical rich-text value (`{ root: { children: [...] } }`) as plain text: text nodes
 * of one block joined as written, blocks (paragraphs, headings, list items, quotes…) on lines of
 * their own, runs of spaces collapsed and empty lines dropped, at most `maxLength` characters
 * (default `MAX_PLAIN_TEXT_LENGTH`). Anything that is not such a value yields `''`.
 */
export const lexicalPlainText = (value: unknown, maxLength = MAX_PLAIN_TEXT_LENGTH): string => {
  const root = asNode(asNode(value)?.root)
  if (!root) return ''
  const text = textOf(root, 0)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n')
  return truncate(text, maxLength)
}
