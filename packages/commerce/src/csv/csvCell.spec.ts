import { describe, expect, it } from 'vitest'

import { escapeCell, unescapeCell } from './csvCell'

describe('escapeCell and unescapeCell', () => {
  it('puts a quote before anything a spreadsheet would run as a formula, and takes it off again', () => {
    // A value that really begins with a quote before a formula gets one more, so it comes back as it was.
    for (const value of ['=1+1', '+31 20 123', '-5', '@SUM(A1)', '\tx', '\rx', "'=quoted formula", "''+x"]) {
      const escaped = escapeCell(value)
      expect(escaped).toBe(`'${value}`)
      expect(unescapeCell(escaped)).toBe(value)
    }
  })

  it('leaves every other value alone, a leading quote before plain text included', () => {
    for (const value of ['Plain tee', '1999', '', "'quoted text", 'a=b']) {
      expect(escapeCell(value)).toBe(value)
      expect(unescapeCell(value)).toBe(value)
    }
  })
})
