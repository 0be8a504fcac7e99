/**
 * Runs a shell command with a database: `tsx scripts/withDatabase.ts [--dev] "<command>" [args…]`.
 * With DATABASE_URL set, the command simply runs. Without it, an embedded PostgreSQL (from npm) serves
 * `.data/postgres` on 127.0.0.1:EMBEDDED_DATABASE_PORT for as long as the command runs, and
 * DATABASE_URL points the command at it; a server another launcher already runs there is reused.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants } from 'node:os'
import path from 'node:path'

import { type EmbeddedPostgres, startEmbeddedPostgres } from '@showroom/embedded-database'

import { DEV_STOREFRONT_WEBHOOK_URL, devPreviewSecret, devWebhookSecret } from '../../scripts/devWebhookSecret.mjs'
import { dataDir, readLauncherEnv } from '../src/env'

const quote = (arg: string): string => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)

const given = process.argv.slice(2)
/** `--dev` (for `pnpm dev`): webhooks go to the storefront's dev server unless configured. */
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

if (dev && !process.env.STOREFRONT_WEBHOOK_URL && !process.env.STOREFRONT_WEBHOOK_SECRET) {
  process.env.STOREFRONT_WEBHOOK_URL = DEV_STOREFRONT_WEBHOOK_URL
  process.env.STOREFRONT_WEBHOOK_SECRET = devWebhookSecret()
  console.log(`[dev] webhooks to the storefront at ${DEV_STOREFRONT_WEBHOOK_URL}, signed with the development secret`)
}
// Live Preview and Preview links on the storefront's dev server (docs/preview.md).
if (dev && !process.env.PREVIEW_SECRET) process.env.PREVIEW_SECRET = devPreviewSecret()

/** The signal that ends this launcher, once one arrived: passed to the command, then the server stops. */
let ending: NodeJS.Signals | undefined
let forward = (_signal: NodeJS.Signals): void => {}
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    ending ??= signal
    forward(signal)
  })
}

const exitWith = (code: number, database: EmbeddedPostgres | null): void => {
  void (database?.stop() ?? Promise.resolve()).then(
    () => process.exit(code),
    (error: unknown) => {
      console.error('[db] could not stop the embedded PostgreSQL', error)
      process.exit(code || 1)
    },
  )
}

const env = readLauncherEnv()
const dir = path.join(dataDir, 'postgres')
const database = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dir, port: env.EMBEDDED_DATABASE_PORT })
if (database) {
  console.log(
    database.owned
      ? `[db] embedded PostgreSQL at ${database.url}, data in ${path.relative(process.cwd(), dir)}`
      : `[db] using the embedded PostgreSQL already running at ${database.url}`,
  )
}
if (ending) exitWith(128 + constants.signals[ending], database)
else {
  // Its own process group, so a signal reaches every process of the command (a shell does not pass
  // SIGTERM on to the program it runs), not just the shell.
  const child = spawn(line, {
    detached: true,
    env: database ? { ...process.env, DATABASE_URL: database.url } : process.env,
    shell: true,
    stdio: 'inherit',
  })
  forward = (signal) => {
    if (child.pid) process.kill(-child.pid, signal)
  }
  child.on('exit', (code, signal) => {
    // A child killed by a signal exits the shell way: 128 + the signal's number.
    exitWith(code ?? (signal ? 128 + constants.signals[signal] : 1), database)
  })
}
