#!/usr/bin/env node
/**
 * `pnpm bench [name …]`: runs the benchmarks named (default: all). A benchmark is a file
 * `bench/<name>.ts` inside a workspace package; it prints its own table of figures.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const packages = ['cms', 'storefront']

const available = new Map()
for (const pkg of packages) {
  const dir = path.join(root, pkg, 'bench')
  if (!existsSync(dir)) continue
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.ts') && !file.startsWith('_')) available.set(file.slice(0, -3), { file, pkg })
  }
}

const requested = process.argv.slice(2).filter((arg) => !arg.startsWith('-'))
const names = requested.length > 0 ? requested : [...available.keys()].sort()
const unknown = names.filter((name) => !available.has(name))
if (unknown.length > 0) {
  console.error(`Unknown benchmark: ${unknown.join(', ')}. Available: ${[...available.keys()].sort().join(', ') || 'none'}`)
  process.exit(2)
}

let failed = false
for (const name of names) {
  const { file, pkg } = available.get(name)
  console.log(`\n## ${name} (${pkg}/bench/${file})\n`)
  const result = spawnSync('pnpm', ['exec', 'tsx', path.join('bench', file)], { cwd: path.join(root, pkg), stdio: 'inherit' })
  if (result.status !== 0) {
    console.error(`Benchmark ${name} failed with exit code ${result.status}`)
    failed = true
  }
}
process.exit(failed ? 1 : 0)
