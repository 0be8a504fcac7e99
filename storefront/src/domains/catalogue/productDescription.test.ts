import { describe, expect, it } from 'vitest'

import type { RichText, RichTextNode } from './productDetail'

import { productDescriptionHtml } from './productDescription.server'

const text = (value: string, format = 0): RichTextNode => ({ detail: 0, format, mode: 'normal', style: '', text: value, type: 'text', version: 1 })
const element = (type: string, children: RichTextNode[], extra: Record<string, unknown> = {}): RichTextNode => ({
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  type,
  version: 1,
  ...extra,
})
const link = (url: string, label: string): RichTextNode => element('link', [text(label)], { fields: { linkType: 'custom', newTab: false, url } })
const doc = (...children: RichTextNode[]): RichText => ({ root: element('root', children) })

describe('productDescriptionHtml', () => {
  it('keeps bold, italic, links, headings and bulleted lists', () => {
    const html = productDescriptionHtml(
      doc(
        element('heading', [text('Made by hand')], { tag: 'h2' }),
        element('paragraph', [text('Poured in '), text('small', 1), text(' batches, '), text('slowly', 2), text('. See '), link('https://example.com/care', 'care notes'), text('.')]),
        element('heading', [text('Burning')], { tag: 'h3' }),
        element('list', [element('listitem', [text('Trim the wick')], { value: 1 }), element('listitem', [text('Burn two hours')], { value: 2 })], { listType: 'bullet', tag: 'ul' }),
      ),
    )
    expect(html).toMatch(/^<h2>Made by hand<\/h2>/)
    expect(html).toContain('<p>Poured in <strong>small</strong> batches, <em>slowly</em>. See <a href="https://example.com/care">care notes</a>.</p>')
    expect(html).toContain('<h3>Burning</h3>')
    expect(html).toMatch(/<ul class="list-bullet"><li[^>]*>Trim the wick<\/li><li[^>]*>Burn two hours<\/li><\/ul>$/)
  })

  it('escapes text, neutralises javascript: and data: links, and keeps relative and mailto ones', () => {
    const html = productDescriptionHtml(
      doc(
        element('paragraph', [
          text('<script>alert(1)</script> & "quotes"'),
          link('javascript:alert(2)', 'run'),
          link(' JavaScript:alert(3)', 'run'),
          link('data:text/html,<script>alert(4)</script>', 'data'),
          link('/p/mug', 'the mug'),
          link('mailto:shop@example.com', 'write'),
          link('https://example.com/?a="><script>', 'odd'),
        ]),
      ),
    )
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;')
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/javascript:|data:/i)
    expect(html.match(/<a href="#">/g)).toHaveLength(3)
    expect(html).toContain('<a href="/p/mug">the mug</a>')
    expect(html).toContain('<a href="mailto:shop@example.com">write</a>')
    expect(html).toContain('<a href="https://example.com/?a=&quot;&gt;&lt;script&gt;">odd</a>')
  })

  it('links to the shop’s own products and categories, and demotes an <h1> (the title is the page’s)', () => {
    const internal = (relationTo: string, slug: string, label: string): RichTextNode =>
      element('link', [text(label)], { fields: { doc: { relationTo, value: { id: 1, slug } }, linkType: 'internal', newTab: false } })
    const html = productDescriptionHtml(
      doc(element('heading', [text('Care')], { tag: 'h1' }), element('paragraph', [internal('products', 'stoneware-mug', 'mug'), internal('categories', 'home', 'home'), internal('users', 'x', 'user')])),
    )
    expect(html).toBe('<h2>Care</h2><p><a href="/p/stoneware-mug">mug</a><a href="/c/home">home</a><a href="#">user</a></p>')
  })

  it('leaves out images, relationships, blocks and unknown nodes, and renders nothing without words', () => {
    const html = productDescriptionHtml(
      doc(
        { type: 'upload', value: { id: 3, mimeType: 'image/png', url: '/media/x.png' }, version: 1 },
        { fields: { blockType: 'html', html: '<script>alert(1)</script>' }, type: 'block', version: 1 },
        { relationTo: 'products', type: 'relationship', value: 1, version: 1 },
        { html: '<img src=x onerror=alert(1)>', type: 'html', version: 1 },
        element('paragraph', [text('Words.')]),
      ),
    )
    expect(html).toBe('<p>Words.</p>')
    expect(productDescriptionHtml(null)).toBe('')
    expect(productDescriptionHtml(doc(element('paragraph', [])))).toBe('')
  })
})
