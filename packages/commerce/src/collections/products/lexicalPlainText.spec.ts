import { describe, expect, it } from 'vitest'

import { lexicalPlainText } from './lexicalPlainText'

const text = (value: string) => ({ detail: 0, format: 0, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ children, direction: 'ltr', format: '', indent: 0, type, version: 1, ...extra })
const doc = (...children: unknown[]) => ({ root: element('root', children) })

describe('lexicalPlainText', () => {
  it('joins the text of one block as written and puts blocks on lines of their own', () => {
    const value = doc(
      element('heading', [text('Oxford shirt')], { tag: 'h2' }),
      element('paragraph', [text('A '), { ...text('breathable'), format: 1 }, text(' cotton '), element('link', [text('oxford')], { fields: { url: '/x' } }), text('.')]),
      element('list', [element('listitem', [text('Machine wash')]), element('listitem', [text('Iron   warm')])], { listType: 'bullet' }),
      element('quote', [text('Best shirt'), { type: 'linebreak', version: 1 }, text('— a customer')]),
    )
    expect(lexicalPlainText(value)).toBe('Oxford shirt\nA breathable cotton oxford.\nMachine wash\nIron warm\nBest shirt\n— a customer')
  })

  it('skips nodes without text (images, empty paragraphs) and yields "" for anything that is not rich text', () => {
    expect(lexicalPlainText(doc(element('paragraph', []), { type: 'upload', value: 3, version: 1 }, element('paragraph', [text('  Hi  ')])))).toBe('Hi')
    for (const value of [null, undefined, '', 'text', 42, [], {}, { root: null }, { root: { children: 'no' } }]) {
      expect(lexicalPlainText(value)).toBe('')
    }
  })

  it('keeps at most maxLength characters, never half a surrogate pair', () => {
    expect(lexicalPlainText(doc(element('paragraph', [text('abcdef')])), 4)).toBe('abcd')
    expect(lexicalPlainText(doc(element('paragraph', [text('ab😀')])), 3)).toBe('ab')
  })

  it('stops at absurd nesting instead of overflowing the stack', () => {
    let node: Record<string, unknown> = text('deep')
    for (let depth = 0; depth < 10_000; depth += 1) node = element('paragraph', [node])
    expect(lexicalPlainText({ root: element('root', [node]) })).toBe('')
  })
})
