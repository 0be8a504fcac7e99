import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

const src = import.meta.dirname

/** Every source file under `dir` (TypeScript and Astro components). */
const sourcesUnder = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.(astro|ts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))

/** What `file` imports by relative path (static, side-effect, dynamic and `typeof import`), relative to `root`. */
const importsOf = (root: string, file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/g)].map(([, , specifier = '']) =>
    path.relative(root, path.resolve(path.dirname(file), specifier)),
  )

/** Files under `root/platform` that import anything under `root/domains`, as `file -> import`. */
const platformToDomains = (root: string): string[] =>
  sourcesUnder(path.join(root, 'platform')).flatMap((file) =>
    importsOf(root, file)
      .filter((target) => target.split(path.sep)[0] === 'domains')
      .map((target) => `${path.relative(root, file)} -> ${target}`),
  )

describe('layering', () => {
  it('keeps platform code free of shop domains: the shop plugs into the platform, never the reverse', () => {
    expect(platformToDomains(src)).toEqual([])
  })

  it('would notice a platform file importing a domain, statically, for its side effects or dynamically', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'layering-'))
    try {
      mkdirSync(path.join(root, 'platform', 'cache'), { recursive: true })
      const bad = "import { a } from '../../domains/catalogue/listing'\nimport '../../domains/cart/cart'\nconst b = await import('../../domains/live/liveMessage')\n"
      writeFileSync(path.join(root, 'platform', 'cache', 'bad.ts'), `${bad}import { c } from '../observability/log'\n`)
      expect(platformToDomains(root)).toEqual(
        ['catalogue/listing', 'cart/cart', 'live/liveMessage'].map((target) => `${path.join('platform', 'cache', 'bad.ts')} -> ${path.join('domains', target)}`),
      )
    } finally {
      rmSync(root, { force: true, recursive: true })
    }
  })
})
