import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { connect } from 'node:net'
import path from 'node:path'

import { PGlite } from '@electric-sql/pglite'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export type EmbeddedDatabase = {
  /** Stops the server if this process started it; a reused server is left running for its owner. */
  stop: () => Promise<void>
  /** Whether this process started the server (false when another process's server was reused). */
  owned: boolean
  url: string
}

type StateFile = { pid: number; port: number }

/**
 * Enough for several Payload pools at once (dev server, seed, migrate) of up to 10 connections each;
 * the socket server refuses connections past this limit.
 */
const MAX_CONNECTIONS = 64

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })

const readState = (file: string): StateFile | null => {
  try {
    const state = JSON.parse(readFileSync(file, 'utf8')) as Partial<StateFile>
    return typeof state.pid === 'number' && typeof state.port === 'number' ? { pid: state.pid, port: state.port } : null
  } catch {
    return null
  }
}

const urlFor = (port: number): string => `postgres://postgres:postgres@127.0.0.1:${port}/postgres`

/**
 * Postgres without installing Postgres: PGlite (Postgres compiled to WebAssembly) keeps its files in
 * `dir` and is served over the Postgres wire protocol, so Payload's regular Postgres adapter talks
 * to it. One process owns the files; a second launcher (say `pnpm seed` while `pnpm dev` runs)
 * finds the owner through a state file and connects to its server instead of opening them twice.
 */
export const startEmbeddedDatabase = async ({ dir, port = 0 }: { dir: string; port?: number }): Promise<EmbeddedDatabase> => {
  mkdirSync(dir, { recursive: true })
  const stateFile = path.join(dir, '..', `${path.basename(dir)}.server.json`)
  const running = readState(stateFile)
  if (running && isAlive(running.pid) && (await accepts(running.port))) {
    return { owned: false, stop: async () => {}, url: urlFor(running.port) }
  }

  const db = await PGlite.create(dir)
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', maxConnections: MAX_CONNECTIONS, port })
  try {
    await server.start()
  } catch (error) {
    await db.close()
    throw new Error(`Could not serve the embedded database on port ${port}`, { cause: error })
  }
  const actualPort = Number(server.getServerConn().split(':').pop())
  writeFileSync(stateFile, JSON.stringify({ pid: process.pid, port: actualPort } satisfies StateFile))

  let stopped: Promise<void> | undefined
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await server.stop()
      await db.close()
      rmSync(stateFile, { force: true })
    })()
    return stopped
  }
  return { owned: true, stop, url: urlFor(actualPort) }
}
