#!/usr/bin/env node
/**
 * `pnpm test`: type-checks every package and runs every package's test suite, side by side. Run one
 * after the other they left the machine's second core idle most of the time (a test waits for the
 * servers it started; a type-check is one process). Each task's output is printed whole when it
 * ends, so the suites do not interleave; a failed task's output is held back and printed after every
 * passing one, and the summary repeats its failing test lines, so the end of the log (what a CI page
 * shows) names what failed. Exits non-zero when any task failed.
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

/**
 * Vitest's lines naming a failed file or test, without colours, and after each failed test of its
 * report ("Failed Tests") the first line of its error (the servers' logs above hold many expected errors,
 * so only the report's are taken).
 */
const failureLines = (output) => {
  const lines = output
    .toString()
    .replaceAll(/\u001b\[[0-9;]*m/g, '')
    .split('\n')
    .map((line) => line.trim())
  const named = lines.filter(
    (line) =>
      /^(FAIL|×|✗)\s/.test(line) ||
      /^(Test Files|Tests)\s.*failed/.test(line) ||
      /^Errors\s+\d+ errors?/.test(line) ||
      /^(Unhandled \w+:|This error originated in)/.test(line),
  )
  const report = lines.findLastIndex((line) => /Failed Tests \d+/.test(line))
  const errors = []
  if (report >= 0) {
    for (let index = report; index < lines.length; index += 1) {
      if (!/^FAIL\s/.test(lines[index] ?? '')) continue
      const error = lines.slice(index + 1, index + 8).find((line) => /^(\w*Error|\w+Exception)\b.*:/.test(line))
      if (error) errors.push(`${lines[index]}\n           ${error}`)
    }
  }
  return [...named, ...errors]
}

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
      const print = () => {
        process.stdout.write(`\n===== ${name} (${took}, ${signal ?? `exit ${code}`}) =====\n`)
        process.stdout.write(Buffer.concat(output))
      }
      if (code === 0) print()
      resolve({ code: code ?? 1, name, output: Buffer.concat(output), print, took })
    })
  })

console.log(`Running ${tasks.map((task) => task.name).join(', ')} side by side; each prints its output when it ends.`)
const results = await Promise.all(tasks.map(run))
for (const result of results) if (result.code !== 0) result.print()
console.log(`\n===== summary (${seconds(started)} in all) =====`)
for (const { code, name, output, took } of results) {
  console.log(`${code === 0 ? 'ok    ' : 'FAILED'} ${name} (${took})`)
  if (code !== 0) for (const line of [...new Set(failureLines(output))].slice(0, 30)) console.log(`         ${line.slice(0, 300)}`)
}
process.exit(results.some((result) => result.code !== 0) ? 1 : 0)
