// @ts-check
/**
 * Starts the built storefront (`astro build` → dist/server/entry.mjs) on a Node HTTP server of its own,
 * so it can shut down gracefully: on SIGTERM (or SIGINT) it stops accepting connections, fails its
 * readiness check, ends open Server-Sent Events streams (browsers reconnect to another instance), lets
 * requests in flight finish for up to SHUTDOWN_GRACE_MS (default 10 s), closes its Redis connections and
 * exits 0. The app side of this lives in `src/platform/lifecycle/lifecycle.server.ts`.
 *
 *   node server.mjs [path/to/server/entry.mjs]
 *
 * Route cache hits are answered before the Astro app runs, from this process's memory, and every
 * response gets the security headers there first (see `src/platform/cache/hotPath.server.ts`). HOST and PORT work as with the adapter's own standalone server.
 */
import http from 'node:http'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

import pino from 'pino'

const here = path.dirname(fileURLToPath(import.meta.url))
const entry = path.resolve(process.argv[2] ?? path.join(here, 'dist/server/entry.mjs'))

/** JSON lines as the app writes them (`src/platform/observability/log.ts`): level, ISO time, fields, msg. */
const logger = pino({ base: undefined, formatters: { level: (label) => ({ level: label }) }, timestamp: pino.stdTimeFunctions.isoTime })
/** @param {'info' | 'warn' | 'error'} level @param {string} msg @param {Record<string, unknown>} [fields] */
const log = (level, msg, fields = {}) => logger[level](fields, msg)

const graceText = process.env.SHUTDOWN_GRACE_MS ?? '10000'
const graceMs = Number(graceText)
if (!/^\d+$/.test(graceText) || graceMs > 120_000) throw new Error(`SHUTDOWN_GRACE_MS must be a whole number of milliseconds up to 120000, got ${graceText}`)

/** @typedef {{ closeHooks: Set<() => Promise<void>>, drainHooks: Set<() => void>, draining: boolean }} Lifecycle */
/** Shared with the app (`lifecycle.server.ts`) under the same global key and shape. */
const LIFECYCLE_KEY = Symbol.for('showroom.lifecycle')
const holder = /** @type {{ [LIFECYCLE_KEY]?: Lifecycle }} */ (globalThis)
const lifecycle = (holder[LIFECYCLE_KEY] ??= { closeHooks: new Set(), drainHooks: new Set(), draining: false })

// The adapter would otherwise start its own server, which this one replaces.
process.env.ASTRO_NODE_AUTOSTART = 'disabled'
/** @type {{ handler: http.RequestListener, options: { host: string | boolean, port: number } }} */
const { handler, options } = await import(pathToFileURL(entry).href)

const port = process.env.PORT ? Number(process.env.PORT) : options.port
const host = process.env.HOST ?? (options.host === true ? '0.0.0.0' : options.host === false ? 'localhost' : options.host)

/**
 * The app's hot path (`src/platform/cache/hotPath.server.ts`), registered under this global key when
 * the app loads: it answers route cache hits from memory, or rewrites a cached route's URL to its
 * canonical address, and returns whether it answered.
 * @typedef {(req: http.IncomingMessage, res: http.ServerResponse) => boolean} HotPath
 */
const HOT_PATH_KEY = Symbol.for('showroom.hotPath')
const hotPath = /** @type {{ [HOT_PATH_KEY]?: HotPath }} */ (globalThis)[HOT_PATH_KEY]
if (!hotPath) throw new Error(`${entry} registered no hot path: is it a build of this storefront?`)

let inFlight = 0
const server = http.createServer((req, res) => {
  inFlight += 1
  res.once('close', () => (inFlight -= 1))
  // A kept-alive connection must not bring more requests once shutdown has begun.
  if (lifecycle.draining) res.setHeader('Connection', 'close')
  if (!hotPath(req, res)) handler(req, res)
})

/**
 * Where the app can reach this server itself (`src/platform/cache/warmUp.server.ts` renders pages an
 * invalidation dropped through it), shared under this global key.
 */
const SELF_ADDRESS_KEY = Symbol.for('showroom.selfAddress')

server.listen(port, host, () => {
  const address = server.address()
  const boundPort = typeof address === 'object' && address ? address.port : port
  const bound = typeof address === 'object' && address ? address.address : host
  const selfHost = bound === '0.0.0.0' || bound === '' ? '127.0.0.1' : bound === '::' ? '::1' : bound
  ;/** @type {{ [SELF_ADDRESS_KEY]?: { host: string, port: number } }} */ (globalThis)[SELF_ADDRESS_KEY] = { host: selfHost, port: boundPort }
  const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host
  log('info', `Server listening on http://${shownHost}:${boundPort}`)
})

/** @param {number} ms */
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms))

/** @param {string} signal */
const shutdown = async (signal) => {
  if (lifecycle.draining) return
  lifecycle.draining = true
  log('info', 'Shutting down: draining requests', { inFlight, signal })
  server.close()
  for (const hook of lifecycle.drainHooks) {
    try {
      hook()
    } catch (error) {
      log('error', 'A drain hook failed', { error: String(error) })
    }
  }
  const deadline = Date.now() + graceMs
  while (inFlight > 0 && Date.now() < deadline) {
    server.closeIdleConnections()
    await sleep(25)
  }
  if (inFlight > 0) log('warn', 'Grace period over: closing the remaining connections', { inFlight })
  server.closeAllConnections()
  for (const hook of lifecycle.closeHooks) {
    await hook().catch((/** @type {unknown} */ error) => log('error', 'A close hook failed', { error: String(error) }))
  }
  log('info', 'Stopped')
  process.exit(0)
}

process.once('SIGTERM', () => void shutdown('SIGTERM'))
process.once('SIGINT', () => void shutdown('SIGINT'))
