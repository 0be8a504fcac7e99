import { describe, expect, it } from 'vitest'

import { parseSeedArgs, UsageError } from './args'

describe('parseSeedArgs', () => {
  it('defaults to the demo catalogue only', () => {
    expect(parseSeedArgs([])).toEqual({ help: false, ifEmpty: false, products: 0 })
  })

  it('reads --products in both spellings and --if-empty', () => {
    expect(parseSeedArgs(['--products', '10000', '--if-empty'])).toEqual({ help: false, ifEmpty: true, products: 10_000 })
    expect(parseSeedArgs(['--', '--products=10_000']).products).toBe(10_000)
  })

  it.each([
    [['--products']],
    [['--products', '--if-empty']],
    [['--products', '12abc']],
    [['--products', '-5']],
    [['--products', '1.5']],
    [['--products', '5000000']],
    [['--products', '1', '--products', '2']],
    [['--if-empty=yes']],
    [['--force']],
    [['10000']],
  ])('refuses %j', (argv) => {
    expect(() => parseSeedArgs(argv)).toThrow(UsageError)
  })
})
