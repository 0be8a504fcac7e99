import { spawn } from 'node:child_process'
import { once } from 'node:events'

import { runWrk, type WrkResult } from './wrk'

/**
 * A plain `node:http` server in its own process answering every request with `body`: the ceiling a
 * benchmark compares an app against (the same bytes, no work). Stop it with `stop()`.
 */
export const startRawServer = async (body: Buffer, contentType: string): Promise<{ origin: string; stop: () => void }> => {
  const script = `
    const body = Buffer.from(${JSON.stringify(body.toString('base64'))}, 'base64')
    const headers = { 'content-type': ${JSON.stringify(contentType)}, 'content-length': body.length }
    const server = require('http').createServer((req, res) => { res.writeHead(200, headers); res.end(body) })
    server.listen(0, '127.0.0.1', () => console.log('listening ' + server.address().port))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const [line] = (await once(child.stdout, 'data')) as [Buffer]
  const port = /listening (\d+)/.exec(line.toString())?.[1]
  if (!port) throw new Error(`the raw server did not start: ${line.toString()}`)
  return { origin: `http://127.0.0.1:${port}`, stop: () => child.kill() }
}

/** wrk against a raw server sending `body`: the ceiling figure of a benchmark, taken in the same run. */
export const measureRawServer = async (
  body: Buffer,
  contentType: string,
  { connections, seconds }: { connections: number; seconds: number },
): Promise<WrkResult> => {
  const raw = await startRawServer(body, contentType)
  try {
    return await runWrk({ connections, origin: raw.origin, paths: ['/'], seconds })
  } finally {
    raw.stop()
  }
}
