/**
 * Runs a shell command with a database: `tsx scripts/withDatabase.ts [--dev] "<command>" [args…]`.
 * With DATABASE_URL set, the command simply runs. Without it, an embedded Postgres (PGlite) is
 * served from `.data/pglite` for as long as the command runs, and DATABASE_URL points the command at it.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants } from 'node:os'
import path from 'node:path'

import { startEmbeddedDatabase } from '../src/embeddedDatabase'
import { DEV_STOREFRONT_WEBHOOK_URL, devWebhookSecret } from '../../scripts/devWebhookSecret.mjs'
import { dataDir, readLauncherEnv } from '../src/env'

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)

const given = process.argv.slice(2)
/** `--dev` (for `pnpm dev`): with DATABASE_URL, webhooks go to the storefront's dev server unless configured. */
const dev = given[0] === '--dev'
const [command, ...args] = dev ? given.slice(1) : given
if (!command) {
  console.error('usage: withDatabase [--dev] "<command>" [args…]')
  process.exit(64)
}
const line = [command, ...args.map(quote)].join(' ')

// One `.env` at the workspace root configures every app; variables already set win.
const rootEnv = path.resolve(import.meta.dirname, '../../.env')
if (existsSync(rootEnv)) process.loadEnvFile(rootEnv)

// Only on a real Postgres: the embedded one serves every connection through one PGlite, whose socket
// server mixes up concurrent extended-protocol queries (seen here: "unnamed prepared statement does not
// exist", then a hung seed) once webhook deliveries run beside the seed.
if (dev && process.env.DATABASE_URL && !process.env.STOREFRONT_WEBHOOK_URL && !process.env.STOREFRONT_WEBHOOK_SECRET) {
  process.env.STOREFRONT_WEBHOOK_URL = DEV_STOREFRONT_WEBHOOK_URL
  process.env.STOREFRONT_WEBHOOK_SECRET = devWebhookSecret()
  console.log(`[dev] webhooks to the storefront at ${DEV_STOREFRONT_WEBHOOK_URL}, signed with the development secret`)
}

const env = readLauncherEnv()
const database = env.DATABASE_URL
  ? null
  : await startEmbeddedDatabase({ dir: path.join(dataDir, 'pglite'), port: env.EMBEDDED_DATABASE_PORT })
if (database) {
  console.log(
    database.owned
      ? `[db] embedded Postgres (PGlite) at ${database.url}, data in ${path.relative(process.cwd(), dataDir)}/pglite`
      : `[db] using the embedded Postgres already running at ${database.url}`,
  )
}

const child = spawn(line, {
  env: database ? { ...process.env, DATABASE_URL: database.url } : process.env,
  shell: true,
  stdio: 'inherit',
})
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => child.kill(signal))
}
child.on('exit', (code, signal) => {
  void (database?.stop() ?? Promise.resolve()).finally(() => {
    // A child killed by a signal exits the shell way: 128 + the signal's number.
    process.exit(code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1))
  })
})
