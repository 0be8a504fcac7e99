/**
 * Load from `wrk` (the Debian package: C, its own process), for hot paths whose ceiling a Node load
 * generator would hide, and the raw `node:http` server the storefront is measured against.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { runProcess } from '@showroom/test-support'

export type WrkResult = { p50: number; p99: number; rps: number }

/** `wrk`'s duration text (`711.00us`, `1.81ms`, `2.01s`) in milliseconds. */
const millis = (text: string): number => {
  const match = /^([\d.]+)(us|ms|s|m)$/.exec(text)
  if (!match) throw new Error(`not a wrk duration: ${text}`)
  const factor = { m: 60_000, ms: 1, s: 1000, us: 0.001 }[match[2] as 'm' | 'ms' | 's' | 'us']
  return Number(match[1]) * factor
}

/** Runs `wrk` on `url` with one thread; throws on any error or non-2xx answer. */
export const wrk = async (url: string, { connections, seconds }: { connections: number; seconds: number }): Promise<WrkResult> => {
  const output = await runProcess({
    args: ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency', url],
    command: 'wrk',
    cwd: tmpdir(),
    env: process.env,
    timeoutMs: (seconds + 30) * 1000,
  })
  const field = (pattern: RegExp): string => {
    const value = pattern.exec(output)?.[1]
    if (value === undefined) throw new Error(`wrk output without ${pattern}:\n${output}`)
    return value
  }
  const failures = [/Non-2xx or 3xx responses: (\d+)/, /Socket errors: (.*)/].flatMap((pattern) => pattern.exec(output)?.[0] ?? [])
  if (failures.length > 0) throw new Error(`wrk ${url}: ${failures.join('; ')}`)
  return { p50: millis(field(/^\s+50%\s+(\S+)/m)), p99: millis(field(/^\s+99%\s+(\S+)/m)), rps: Number(field(/Requests\/sec:\s+([\d.]+)/)) }
}

export type RawPage = { body: Buffer; headers: Record<string, string> }

/**
 * A plain `node:http` server in a process of its own, answering each path with the bytes (and
 * headers) given: what a Node process on this machine does at best with a page in memory.
 */
export const startRawServer = async (pages: Record<string, RawPage>): Promise<{ origin: string; stop: () => void }> => {
  const file = path.join(tmpdir(), `showroom-bench-pages-${process.pid}.json`)
  const encoded = Object.fromEntries(Object.entries(pages).map(([route, page]) => [route, { body: page.body.toString('base64'), headers: page.headers }]))
  writeFileSync(file, JSON.stringify(encoded))
  const script = `
    const pages = JSON.parse(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'))
    for (const page of Object.values(pages)) page.body = Buffer.from(page.body, 'base64')
    const server = require('http').createServer((req, res) => {
      const page = pages[req.url]
      if (!page) { res.writeHead(404); res.end(); return }
      res.writeHead(200, { ...page.headers, 'content-length': page.body.length })
      res.end(page.body)
    })
    server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  const port = /listening (\d+)/.exec(line.toString())?.[1]
  if (!port) throw new Error(`raw server did not start: ${line.toString()}`)
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}
