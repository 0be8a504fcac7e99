/**
 * Many Server-Sent Events subscribers without the load generator becoming the bottleneck: a few child
 * processes, each holding its share of the streams on raw TCP sockets (`node:net`: the GET written by
 * hand, the answer's status line checked once) and doing nothing per chunk but look for one marker's
 * bytes in what arrives (`Buffer.indexOf`, the last bytes of a chunk kept in case the marker is split).
 * A browser parses its one stream on its own machine; here 10,000 share the servers' 2 cores, so a
 * client that ran Node's HTTP parser and a string decoder per stream and chunk (as the first version
 * did, `http.get`) spent more CPU per event than the servers writing it, and the figure measured the
 * clients. Arrival times are wall-clock milliseconds (`performance.timeOrigin + performance.now()`),
 * comparable across the processes of this machine.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'

/** The client process: opens its streams, says `ready`, then on `watch <marker>` reports when each stream saw it. */
const CLIENT = `
const net = require('node:net')
const [urls, count] = [JSON.parse(process.argv[1]).map((url) => new URL(url)), Number(process.argv[2])]
const streams = []
let marker
let connected = 0
let seen = 0
const report = () => process.stdout.write(JSON.stringify({ arrivals: streams.map((s) => s.at) }) + '\\n')
const OK = Buffer.from('HTTP/1.1 200 ')
for (let index = 0; index < count; index += 1) {
  const url = urls[index % urls.length]
  const stream = { at: undefined, tail: undefined }
  streams.push(stream)
  const socket = net.connect(Number(url.port), url.hostname, () => {
    socket.write('GET ' + url.pathname + ' HTTP/1.1\\r\\nHost: ' + url.host + '\\r\\nAccept: text/event-stream\\r\\n\\r\\n')
  })
  let first = true
  socket.on('data', (chunk) => {
    if (first) {
      first = false
      if (chunk.compare(OK, 0, OK.length, 0, OK.length) !== 0) { console.error('answered ' + chunk.toString('latin1', 0, 40)); process.exit(1) }
      connected += 1
      if (connected === count) process.stdout.write('ready\\n')
    }
    if (marker === undefined || stream.at !== undefined) return
    const bytes = stream.tail ? Buffer.concat([stream.tail, chunk]) : chunk
    if (bytes.indexOf(marker) !== -1) {
      stream.at = performance.timeOrigin + performance.now()
      stream.tail = undefined
      seen += 1
      if (seen === count) report()
    } else stream.tail = bytes.subarray(Math.max(0, bytes.length - marker.length + 1))
  })
  socket.on('error', (error) => { console.error(String(error)); process.exit(1) })
}
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  if (line.startsWith('watch ')) marker = Buffer.from(line.slice(6))
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
