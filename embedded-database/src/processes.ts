import { execFile } from 'node:child_process'
import { readFile } from 'node:fs/promises'
import { createServer, Socket } from 'node:net'
import path from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'

/** Whether a process with this id exists (signal 0 checks without signalling). */
export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to another user (a postgres run as the `postgres` user by root cannot give this).
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The executable name of a running process (`ps -o comm=`, on Linux and macOS), or null once it is gone. */
export const processName = (pid: number): Promise<null | string> =>
  new Promise((resolve) => {
    execFile('ps', ['-o', 'comm=', '-p', String(pid)], (error, stdout) => resolve(error ? null : path.basename(stdout.trim()) || null))
  })

/** Waits until the process is gone; false when it still runs after `timeoutMs`. */
export const waitForExit = async (pid: number, timeoutMs: number): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs
  while (isAlive(pid)) {
    if (Date.now() > deadline) return false
    await sleep(50)
  }
  return true
}

/** Whether anything accepts TCP connections on 127.0.0.1:`port`. */
export const portAccepts = (port: number, host = '127.0.0.1'): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = new Socket()
    socket.setTimeout(1000)
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
    socket.once('error', () => resolve(false))
    socket.connect(port, host)
  })

/** A port nothing listens on right now (the OS picks it). */
export const freeLocalPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('No port assigned'))))
    })
  })

/** The last lines of a log file, to explain a failed start. */
export const tailOf = async (file: string, lines = 20): Promise<string> => {
  try {
    return (await readFile(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '(no log written)'
    throw error
  }
}
