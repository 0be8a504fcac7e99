import { spawn, type ChildProcess } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'

export type Exit = { code: number | null; signal: NodeJS.Signals | null }

export type RunningProcess = {
  /** Everything the process printed so far, stdout and stderr interleaved. */
  output: () => string
  /** The process id (to read its memory from `/proc`). */
  pid: number
  /** The regular expression match of the line that announced readiness. */
  ready: RegExpMatchArray
  /** Sends `signal` (SIGTERM) and waits for the exit; SIGKILL after `timeoutMs`. Idempotent. */
  stop: (signal?: NodeJS.Signals, timeoutMs?: number) => Promise<Exit>
}

export type StartOptions = {
  args: string[]
  command: string
  cwd: string
  env: NodeJS.ProcessEnv
  /**
   * A file that takes the process's stdout and stderr instead of a pipe to this process: for a server
   * under a benchmark that logs a line per request. Node writes to a pipe synchronously, so a pipe
   * read by a busy process (the load generator) blocks the server on every log line; a file does not.
   */
  outputFile?: string
  /** A line on stdout or stderr that means the process is ready to serve. */
  readyLine: RegExp
  timeoutMs: number
}

/** How often a process writing to a file is checked for its ready line. */
const FILE_POLL_MS = 50

const exitOf = (child: ChildProcess): Promise<Exit> =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve({ code: child.exitCode, signal: child.signalCode })
    : new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })))

/** Starts a long-running process and resolves once it prints `readyLine`; rejects with its output if it dies or stalls. */
export const startProcess = async ({ args, command, cwd, env, outputFile, readyLine, timeoutMs }: StartOptions): Promise<RunningProcess> => {
  const fd = outputFile === undefined ? undefined : openSync(outputFile, 'w')
  const child = spawn(command, args, { cwd, env, stdio: fd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', fd, fd] })
  if (fd !== undefined) closeSync(fd)
  let piped = ''
  const output = (): string => (outputFile === undefined ? piped : readFileSync(outputFile, 'utf8'))
  const exited = exitOf(child)

  const ready = await new Promise<RegExpMatchArray>((resolve, reject) => {
    let settled = false
    const timer = setTimeout(() => fail(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs)
    const poll = outputFile === undefined ? undefined : setInterval(() => check(), FILE_POLL_MS)
    const check = (): void => {
      const match = settled ? null : output().match(readyLine)
      if (match) {
        settled = true
        clearTimeout(timer)
        clearInterval(poll)
        resolve(match)
      }
    }
    const onData = (chunk: Buffer): void => {
      piped += chunk.toString('utf8')
      check()
    }
    const fail = (error: Error): void => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      clearInterval(poll)
      child.kill('SIGKILL')
      reject(new Error(`${command} ${args.join(' ')}: ${error.message}\n--- output ---\n${output()}`, { cause: error }))
    }
    child.stdout?.on('data', onData)
    child.stderr?.on('data', onData)
    child.once('error', fail)
    void exited.then(({ code, signal }) => fail(new Error(`exited early (code ${code}, signal ${signal})`)))
  })

  let stopping: Promise<Exit> | undefined
  return {
    output,
    pid: child.pid ?? 0,
    ready,
    stop: (signal = 'SIGTERM', timeoutMs = 15_000) => {
      stopping ??= (async () => {
        if (child.exitCode === null && child.signalCode === null) child.kill(signal)
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
        const exit = await exited
        clearTimeout(timer)
        return exit
      })()
      return stopping
    },
  }
}

/** Runs a command to its end; rejects with its output unless it exits 0 within `timeoutMs`. */
export const runProcess = ({ args, command, cwd, env, timeoutMs }: Omit<StartOptions, 'readyLine'>): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    const collect = (chunk: Buffer): void => {
      output += chunk.toString('utf8')
    }
    child.stdout?.on('data', collect)
    child.stderr?.on('data', collect)
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      if (code === 0) resolve(output)
      else reject(new Error(`${command} ${args.join(' ')} failed (code ${code}, signal ${signal})\n--- output ---\n${output}`))
    })
  })
