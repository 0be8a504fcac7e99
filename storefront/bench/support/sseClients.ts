/**
 * Many Server-Sent Events subscribers without the load generator becoming the bottleneck: several
 * child processes, each holding its share of the streams on raw `node:http` connections and doing
 * nothing but look for one marker in what arrives. Arrival times are wall-clock milliseconds
 * (`performance.timeOrigin + performance.now()`), comparable across the processes of this machine.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

/** The client process: opens its streams, says `ready`, then on `watch <marker>` reports when each stream saw it. */
const CLIENT = `
const http = require('node:http')
const [urls, count] = [JSON.parse(process.argv[1]), Number(process.argv[2])]
const agent = new http.Agent({ keepAlive: false, maxSockets: Infinity })
const streams = []
let marker
let connected = 0
const report = () => {
  if (streams.every((s) => s.at !== undefined)) process.stdout.write(JSON.stringify({ arrivals: streams.map((s) => s.at) }) + '\\n')
}
for (let index = 0; index < count; index += 1) {
  const stream = { at: undefined, tail: '' }
  streams.push(stream)
  const request = http.get(urls[index % urls.length], { agent, headers: { accept: 'text/event-stream' } }, (response) => {
    if (response.statusCode !== 200) { console.error('status ' + response.statusCode); process.exit(1) }
    response.setEncoding('utf8')
    let first = true
    response.on('data', (chunk) => {
      if (first) { first = false; connected += 1; if (connected === count) process.stdout.write('ready\\n') }
      if (marker === undefined || stream.at !== undefined) return
      const text = stream.tail + chunk
      if (text.includes(marker)) { stream.at = performance.timeOrigin + performance.now(); report() }
      else stream.tail = text.slice(-marker.length)
    })
  })
  request.on('error', (error) => { console.error(String(error)); process.exit(1) })
}
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('watch ')) marker = line.slice(6)
})
`

export type SseClients = {
  /** Resolves with every stream's arrival time of `marker` (after `watch`), or rejects after `timeoutMs`. */
  arrivals: (timeoutMs: number) => Promise<number[]>
  stop: () => void
  /** From now on, every stream looks for `marker`. */
  watch: (marker: string) => Promise<void>
}

/** Opens `total` streams over `urls` (round-robin) from `processes` client processes; resolves once all are connected. */
export const openSseClients = async ({ processes, total, urls }: { processes: number; total: number; urls: string[] }): Promise<SseClients> => {
  const children: ChildProcess[] = []
  const reports: Array<Promise<number[]>> = []
  const readies: Array<Promise<void>> = []
  for (let index = 0; index < processes; index += 1) {
    const count = Math.floor(total / processes) + (index < total % processes ? 1 : 0)
    const child = spawn(process.execPath, ['-e', CLIENT, JSON.stringify(urls), String(count)], { stdio: ['pipe', 'pipe', 'inherit'] })
    children.push(child)
    const lines = createInterface({ input: child.stdout! })
    readies.push(new Promise((resolve) => lines.once('line', () => resolve())))
    reports.push(
      new Promise((resolve) => {
        lines.on('line', (line) => {
          if (line.startsWith('{')) resolve((JSON.parse(line) as { arrivals: number[] }).arrivals)
        })
      }),
    )
    void once(child, 'exit').then(([code]) => {
      if (code !== 0 && code !== null) console.error(`an SSE client process exited with ${code}`)
    })
  }
  await Promise.all(readies)
  return {
    arrivals: async (timeoutMs) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`not every subscriber saw the event within ${timeoutMs} ms`)), timeoutMs)))
      try {
        return (await Promise.race([Promise.all(reports), timeout])).flat()
      } finally {
        clearTimeout(timer)
      }
    },
    stop: () => {
      for (const child of children) child.kill()
    },
    watch: async (marker) => {
      for (const child of children) child.stdin?.write(`watch ${marker}\n`)
      // Let the lines reach the clients before the event can.
      await new Promise((resolve) => setTimeout(resolve, 200))
    },
  }
}
