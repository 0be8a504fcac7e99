#!/usr/bin/env node
/**
 * `pnpm test`: type-checks every package and runs every package's test suite, side by side. Run one
 * after the other they left the machine's second core idle most of the time (a test waits for the
 * servers it started; a type-check is one process). Each task's output is printed whole when it
 * ends, so the suites do not interleave; then a summary with each task's exit code and time. Exits
 * non-zero when any task failed.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

/** The pnpm running this script (pnpm sets `npm_execpath`), else the one on PATH. */
const pnpm = (() => {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(path.basename(execPath))) return /\.[cm]?js$/.test(execPath) ? [process.execPath, execPath] : [execPath]
  return ['pnpm']
})()

const tasks = [
  { args: ['-r', 'run', 'typecheck'], name: 'typecheck' },
  { args: ['--filter', '@showroom/cms', 'run', 'test'], name: 'cms tests' },
  { args: ['--filter', '@showroom/storefront', 'run', 'test'], name: 'storefront tests' },
  // Every other package with a `test` script (the commerce plugin in its minimal host).
  { args: ['-r', '--filter', '!@showroom/cms', '--filter', '!@showroom/storefront', 'run', 'test'], name: 'package tests' },
]

const started = Date.now()
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`

const run = ({ args, name }) =>
  new Promise((resolve) => {
    const begun = Date.now()
    const [command, ...prefix] = pnpm
    const child = spawn(command, [...prefix, ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] })
    const output = []
    child.stdout.on('data', (chunk) => output.push(chunk))
    child.stderr.on('data', (chunk) => output.push(chunk))
    child.on('close', (code, signal) => {
      const took = seconds(begun)
      process.stdout.write(`\n===== ${name} (${took}, ${signal ?? `exit ${code}`}) =====\n`)
      process.stdout.write(Buffer.concat(output))
      resolve({ code: code ?? 1, name, took })
    })
  })

console.log(`Running ${tasks.map((task) => task.name).join(', ')} side by side; each prints its output when it ends.`)
const results = await Promise.all(tasks.map(run))
console.log(`\n===== summary (${seconds(started)} in all) =====`)
for (const { code, name, took } of results) console.log(`${code === 0 ? 'ok    ' : 'FAILED'} ${name} (${took})`)
process.exit(results.some((result) => result.code !== 0) ? 1 : 0)
