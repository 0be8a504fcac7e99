import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import { freePort, type RunningProcess, runProcess, startProcess } from '@showroom/test-support'
import pg from 'pg'
import { afterAll, afterEach, describe, expect, it } from 'vitest'

// The real launcher (`tsx scripts/withDatabase.ts`, what `pnpm dev`, `seed` and `start` run) in child
// processes, on a data folder of their own. Its command starts a program that prints its pid and the database URL, then waits.
const root = mkdtempSync(path.join(tmpdir(), 'showroom-embedded-'))
// Run as root, PostgreSQL runs as the `postgres` user, which must reach the cluster inside (mkdtemp makes 0700).
chmodSync(root, 0o755)
const cmsDir = path.resolve(import.meta.dirname, '..')
const port = await freePort()
const cluster = path.join(root, 'postgres')
const orphans: number[] = []
const launched: RunningProcess[] = []

/** Running, not a zombie: a killed program whose parent shell died waits as one until some ancestor reaps it. */
const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  const stat = `/proc/${pid}/stat`
  return !existsSync(stat) || !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'))
}
const postmasterPid = (): number => Number(readFileSync(path.join(cluster, 'postmaster.pid'), 'utf8').split('\n')[0])
const gone = async (pid: number): Promise<boolean> => {
  for (let i = 0; i < 200 && isAlive(pid); i++) await sleep(50)
  return !isAlive(pid)
}

afterEach(async () => {
  await Promise.all(launched.splice(0).map((launcher) => launcher.stop('SIGTERM')))
  for (const pid of orphans.splice(0)) if (isAlive(pid)) process.kill(pid, 'SIGKILL')
})
afterAll(async () => {
  if (existsSync(path.join(cluster, 'postmaster.pid')) && isAlive(postmasterPid())) process.kill(postmasterPid(), 'SIGINT')
  rmSync(root, { force: true, recursive: true })
})

const launch = async (): Promise<{ commandPid: number; launcher: RunningProcess; line: string; url: string }> => {
  const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_DATABASE_PORT: String(port), SHOWROOM_DATA_DIR: root }
  delete env.DATABASE_URL
  const launcher = await startProcess({
    // Like `payload migrate && … && next dev`: the shell runs the long-lived program as its child.
    args: ['--import', 'tsx', 'scripts/withDatabase.ts', `sh -c 'echo "command $$ $DATABASE_URL"; exec sleep 600'; true`],
    command: process.execPath,
    cwd: cmsDir,
    env,
    readyLine: /command (\d+) (\S+)/,
    timeoutMs: 60_000,
  })
  launched.push(launcher)
  const [, pid = '', url = ''] = launcher.ready
  orphans.push(Number(pid))
  return { commandPid: Number(pid), launcher, line: launcher.output().split('\n').find((text) => text.startsWith('[db]')) ?? '', url }
}

const query = async (url: string, sql: string): Promise<unknown[]> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(sql)).rows
  } finally {
    await client.end()
  }
}

describe('the embedded PostgreSQL of `pnpm dev`, `seed` and `start`', () => {
  it('is a real PostgreSQL on the configured port, keeps its data across restarts and is reused by a second launcher', async () => {
    const first = await launch()
    expect(first.url).toBe(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`)
    expect(await query(first.url, 'select version()')).toEqual([{ version: expect.stringMatching(/^PostgreSQL 17\./) }])
    await query(first.url, "create table notes (body text); insert into notes values ('kept')")

    // `pnpm seed` while `pnpm dev` runs: the same server, and stopping the second leaves it running.
    const second = await launch()
    expect(second.line).toContain('using the embedded PostgreSQL already running')
    expect(second.url).toBe(first.url)
    expect(await query(second.url, 'select body from notes')).toEqual([{ body: 'kept' }])
    await second.launcher.stop('SIGTERM')
    expect(await query(first.url, 'select count(*)::int as n from notes')).toEqual([{ n: 1 }])

    const server = postmasterPid()
    await first.launcher.stop('SIGTERM')
    expect(await gone(server)).toBe(true)

    const restarted = await launch()
    expect(restarted.line).toContain('embedded PostgreSQL at')
    expect(await query(restarted.url, 'select body from notes')).toEqual([{ body: 'kept' }])
  })

  it.each(['SIGINT', 'SIGTERM', 'SIGHUP'] as const)('stops the command and then the server on %s, leaving no process behind', async (signal) => {
    const { commandPid, launcher } = await launch()
    const server = postmasterPid()
    const exit = await launcher.stop(signal)
    expect(exit.code).toBe(128 + { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 }[signal])
    expect(await gone(commandPid)).toBe(true)
    expect(await gone(server)).toBe(true)
    expect(existsSync(path.join(cluster, 'postmaster.pid'))).toBe(false)
  })

  it('recovers after a kill -9: adopts the server the killed launcher left, then starts over a stale lock file', async () => {
    const killed = await launch()
    await query(killed.url, "insert into notes values ('after kill')")
    const server = postmasterPid()
    await killed.launcher.stop('SIGKILL')
    process.kill(killed.commandPid, 'SIGKILL')
    expect(isAlive(server)).toBe(true) // the orphan the launcher could not stop

    // The next launcher takes it over (and stops it at its end) instead of failing or starting a second one.
    const adopting = await launch()
    expect(adopting.line).toContain('embedded PostgreSQL at')
    expect(postmasterPid()).toBe(server)
    await adopting.launcher.stop('SIGTERM')
    expect(await gone(server)).toBe(true)

    // A stale postmaster.pid naming a live process that is not PostgreSQL (a pid reused after a reboot).
    const stale = [String(process.pid), cluster, '0', String(port), '', '127.0.0.1', '0', 'ready']
    writeFileSync(path.join(cluster, 'postmaster.pid'), `${stale.join('\n')}\n`)
    const recovered = await launch()
    expect(await query(recovered.url, 'select body from notes order by body')).toEqual([{ body: 'after kill' }, { body: 'kept' }])
  })

  it('names the folder the server cannot enter when a clone sits in a private folder, instead of failing inside initdb', async () => {
    // A data folder inside a folder only its owner may enter, as a clone in /root or a `mktemp -d` has.
    const hidden = mkdtempSync(path.join(tmpdir(), 'showroom-private-'))
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, EMBEDDED_DATABASE_PORT: String(await freePort()), SHOWROOM_DATA_DIR: path.join(hidden, 'data') }
      delete env.DATABASE_URL
      const run = runProcess({ args: ['--import', 'tsx', 'scripts/withDatabase.ts', 'echo started'], command: process.execPath, cwd: cmsDir, env, timeoutMs: 60_000 })
      if (process.getuid?.() === 0) {
        // Root: PostgreSQL runs as the `postgres` user, who cannot get in; the launcher says where and what to do.
        await expect(run).rejects.toThrow(new RegExp(`cannot enter ${hidden} .*set DATABASE_URL`))
        expect(existsSync(path.join(hidden, 'data', 'postgres', 'PG_VERSION'))).toBe(false)
      } else {
        // Anyone else runs PostgreSQL as themselves, the folder's owner.
        expect(await run).toContain('started')
      }
    } finally {
      rmSync(hidden, { force: true, recursive: true })
    }
  })
})
