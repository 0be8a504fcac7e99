import { execFileSync } from 'node:child_process'
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freePort } from '@showroom/test-support'

export type PrivatePostgres = {
  /** Stops the server for good and removes its files. */
  close: () => Promise<void>
  start: () => void
  /** `pg_ctl stop -m fast`: open connections are terminated, as in a restart or failover. */
  stop: () => void
  url: string
}

/** The newest installed Postgres's binaries (Debian: /usr/lib/postgresql/<major>/bin). */
const binDir = (): string => {
  const root = '/usr/lib/postgresql'
  const [major] = readdirSync(root).sort((a, b) => Number(b) - Number(a))
  if (!major) throw new Error(`no Postgres under ${root}`)
  return path.join(root, major, 'bin')
}

const asPostgres = (command: string, args: string[]): void => {
  execFileSync('runuser', ['-u', 'postgres', '--', path.join(binDir(), command), ...args], { stdio: 'pipe', timeout: 30_000 })
}

/**
 * A Postgres server of the test's own, which it may stop and start (the shared one must stay up for
 * the other suites). Postgres refuses to run as root, so it runs as the `postgres` user, with trust
 * authentication on 127.0.0.1 and a free port.
 */
export const startPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'showroom-pg-'))
  const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim())
  chownSync(dataDir, uid, gid)
  asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync'])
  const port = await freePort()
  const start = (): void =>
    asPostgres('pg_ctl', ['-D', dataDir, '-w', '-l', path.join(dataDir, 'server.log'), '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off`, 'start'])
  const stop = (): void => asPostgres('pg_ctl', ['-D', dataDir, '-w', '-m', 'fast', 'stop'])
  start()
  return {
    close: async () => {
      try {
        stop()
      } catch {
        // Already stopped (a test failed between stop and start): only the files are left to remove.
      }
      rmSync(dataDir, { force: true, recursive: true })
    },
    start,
    stop,
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
  }
}
