import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

import { portAccepts } from '@showroom/test-support'

const root = path.resolve(import.meta.dirname, '../../..')

/** The pnpm running this test (pnpm sets `npm_execpath`), else the README's `npx -y pnpm@12.21.0`. */
const pnpmCommand = (): string[] => {
  const execPath = process.env.npm_execpath
  if (execPath && /pnpm/.test(path.basename(execPath))) return /\.[cm]?js$/.test(execPath) ? [process.execPath, execPath] : [execPath]
  return ['npx', '-y', 'pnpm@12.21.0']
}

/** Linux: every process whose environment carries `marker` (all the descendants of a launch, whatever group they moved to). */
const processesMarked = (marker: string): number[] => {
  if (!existsSync('/proc/self/environ')) return []
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(marker)
      } catch {
        return false // gone meanwhile, or not ours to read
      }
    })
    .map(Number)
}

export type DevServers = {
  output: () => string
  /** SIGTERM to the whole tree (what Ctrl-C does to a terminal's process group); SIGKILL what is left after 60 s. */
  stop: () => Promise<{ leftBehind: number[] }>
}

/**
 * The README's first command, `pnpm dev` at the workspace root, in a process group of its own with `env`
 * (which must hold `SHOWROOM_DATA_DIR`: it marks every process of the launch). Fails at once, naming
 * them, when the dev ports are taken.
 */
export const startDevServers = async (env: NodeJS.ProcessEnv, ports: number[]): Promise<DevServers> => {
  for (const port of ports) {
    if ((await portAccepts(port)) || (await portAccepts(port, '::1'))) {
      throw new Error(`Port ${port} is taken: this test runs \`pnpm dev\`, which serves on ${ports.join(' and ')}; stop what listens there first`)
    }
  }
  const marker = `SHOWROOM_DATA_DIR=${env.SHOWROOM_DATA_DIR ?? ''}`
  const [command = 'pnpm', ...args] = pnpmCommand()
  const child = spawn(command, [...args, 'dev'], { cwd: root, detached: true, env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      if (child.pid) process.kill(-child.pid, signal)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error // ESRCH: the group is gone already
    }
  }
  let stopping: Promise<{ leftBehind: number[] }> | undefined
  const stop = (): Promise<{ leftBehind: number[] }> => (stopping ??= stopAll())
  const stopAll = async (): Promise<{ leftBehind: number[] }> => {
    signalGroup('SIGTERM')
    await Promise.race([exited, sleep(60_000)])
    const deadline = Date.now() + 60_000
    while (processesMarked(marker).length > 0 && Date.now() < deadline) await sleep(250)
    const leftBehind = processesMarked(marker)
    for (const pid of leftBehind) process.kill(pid, 'SIGKILL')
    signalGroup('SIGKILL')
    return { leftBehind }
  }
  return { output: () => output, stop }
}

/** Polls `ready` until it holds; fails with the dev servers' output after `timeoutMs`. */
export const waitFor = async (what: string, ready: () => Promise<boolean>, servers: DevServers, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await ready().catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s\n--- pnpm dev output ---\n${servers.output()}`)
    await sleep(500)
  }
}
