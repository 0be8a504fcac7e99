import { describe, expect, it } from 'vitest'

import { descriptionPlainText } from './copyDescriptionText'

const text = (value: string) => ({ detail: 0, format: 0, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
const element = (type: string, children: unknown[], extra: Record<string, unknown> = {}) => ({ children, direction: 'ltr', format: '', indent: 0, type, version: 1, ...extra })
const doc = (...children: unknown[]) => ({ root: element('root', children) })

describe('descriptionPlainText', () => {
  it('joins the text of one block as written and puts blocks (a quote too) on lines of their own', () => {
    const value = doc(
      element('heading', [text('Oxford shirt')], { tag: 'h2' }),
      element('paragraph', [text('A '), { ...text('breathable'), format: 1 }, text(' cotton '), element('link', [text('oxford')], { fields: { url: '/x' } }), text('.')]),
      element('list', [element('listitem', [text('Machine wash')]), element('listitem', [text('Iron   warm')])], { listType: 'bullet' }),
      element('quote', [text('Best shirt'), { type: 'linebreak', version: 1 }, text('— a customer')]),
      element('paragraph', [text('Cotton'), { type: 'tab', version: 1 }, text('100 %')]),
    )
    expect(descriptionPlainText(value)).toBe('Oxford shirt\nA breathable cotton oxford.\nMachine wash\nIron warm\nBest shirt\n— a customer\nCotton 100 %')
  })

  it('skips nodes without text (images, empty paragraphs) and yields "" for anything that is not rich text', () => {
    expect(descriptionPlainText(doc(element('paragraph', []), { type: 'upload', value: 3, version: 1 }, element('paragraph', [text('  Hi  ')])))).toBe('Hi')
    const malformed = [null, undefined, '', 'text', 42, [], {}, { root: null }, { root: { children: 'no' } }, doc({ children: 'no', type: 'paragraph' }, 'no node')]
    for (const value of malformed) expect(descriptionPlainText(value)).toBe('')
  })

  it('keeps at most maxLength characters, never half a surrogate pair', () => {
    expect(descriptionPlainText(doc(element('paragraph', [text('abcdef')])), 4)).toBe('abcd')
    expect(descriptionPlainText(doc(element('paragraph', [text('ab😀')])), 3)).toBe('ab')
  })

  it('yields "" for absurd nesting instead of overflowing the stack', () => {
    let node: Record<string, unknown> = text('deep')
    for (let depth = 0; depth < 10_000; depth += 1) node = element('paragraph', [node])
    expect(descriptionPlainText({ root: element('root', [node]) })).toBe('')
  })
})
