/**
 * `pnpm bench login`: how long a sign-in takes to fail for a real account (wrong password) and for an
 * email that has no account, on a CMS API process (production mode) — the two must not be told apart
 * (docs/security.md, "Login lockout"). Prints the medians and 90th percentiles of sequential attempts,
 * interleaved so both see the same machine load, each from an address of its own (the server trusts
 * this process's X-Forwarded-For), so neither the limits nor the lockout's slowdown take part.
 * Options: `--attempts N` (each kind; default 40).
 */
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { createTestDatabase, freePort, reportFigure, startProcess } from '@showroom/test-support'

const { values } = parseArgs({ options: { attempts: { default: '40', type: 'string' } } })
const ATTEMPTS = Number(values.attempts)
const PASSWORD = 'bench-Owner-passphrase'

const database = await createTestDatabase('bench_login')
const port = await freePort()
const api = `http://127.0.0.1:${port}/api/v1`
const server = await startProcess({
  args: ['exec', 'tsx', 'scripts/serveApi.ts', '--migrate', '--port', String(port)],
  command: 'pnpm',
  cwd: process.cwd(),
  env: {
    ...process.env,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    PAYLOAD_SECRET: 'bench-login-secret-0123456789abcdef012345',
    // 2 × attempts + warm-up failures on one account, from many clients: the per-account backstop stays out of it.
    RATE_LIMIT_LOGIN_ACCOUNT: '1000000/60',
    SERVER_URL: `http://127.0.0.1:${port}`,
    TRUSTED_PROXIES: '127.0.0.1',
  },
  outputFile: path.join(tmpdir(), `showroom-bench-login-${port}.log`),
  readyLine: /listening on/,
  timeoutMs: 120_000,
})

let clients = 0
/** A new client address per request: 10.x.y.z. */
const nextClient = (): string => {
  clients += 1
  return `10.${(clients >> 16) & 255}.${(clients >> 8) & 255}.${clients & 255}`
}

const post = (route: string, body: unknown) =>
  fetch(`${api}${route}`, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', 'x-forwarded-for': nextClient() },
    method: 'POST',
  })

const timed = async (email: string, password: string): Promise<{ ms: number; status: number }> => {
  const started = performance.now()
  const response = await post('/users/login', { email, password })
  await response.arrayBuffer()
  return { ms: performance.now() - started, status: response.status }
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

try {
  const first = await post('/users/first-register', { email: 'owner@example.test', password: PASSWORD })
  if (first.status !== 200) throw new Error(`first-register answered ${first.status}: ${await first.text()}`)
  // Warm-up: the first requests compile code paths and open pool connections.
  for (let i = 0; i < 5; i += 1) await Promise.all([timed('owner@example.test', 'warm-up-guess'), timed(`warm-${i}@example.test`, 'warm-up-guess')])

  const known: number[] = []
  const unknown: number[] = []
  const statuses = new Set<number>()
  for (let i = 0; i < ATTEMPTS; i += 1) {
    const wrong = await timed('owner@example.test', `wrong-guess-${i}`)
    const nobody = await timed(`nobody-${i}@example.test`, `wrong-guess-${i}`)
    known.push(wrong.ms)
    unknown.push(nobody.ms)
    statuses.add(wrong.status).add(nobody.status)
  }
  const right = await timed('owner@example.test', PASSWORD)

  console.log(`\n${ATTEMPTS} failed sign-ins of each kind, one at a time, interleaved (statuses seen: ${[...statuses].join(', ')}).\n`)
  console.log('| sign-in | p50 ms | p90 ms |')
  console.log('| --- | ---: | ---: |')
  console.log(`| real account, wrong password | ${percentile(known, 50).toFixed(1)} | ${percentile(known, 90).toFixed(1)} |`)
  console.log(`| no such account | ${percentile(unknown, 50).toFixed(1)} | ${percentile(unknown, 90).toFixed(1)} |`)
  console.log(`| real account, right password (once) | ${right.ms.toFixed(1)} | |`)
  reportFigure('failed sign-in p50, real account', percentile(known, 50), 'ms')
  reportFigure('failed sign-in p50, unknown email', percentile(unknown, 50), 'ms')
} finally {
  await server.stop()
  await database.drop()
}
