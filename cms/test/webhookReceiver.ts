import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'

import { freePort } from '@showroom/test-support'

export type Received = { body: string; headers: IncomingHttpHeaders }

/**
 * A real HTTP receiver in the test process. `answer` is what it replies (503 to play "down"); it
 * keeps every request that it answered 2xx. `stop()` closes the port (connection refused) and
 * `start()` opens it again on the same port.
 */
export type Receiver = {
  /** Every request answered with a 2xx, in arrival order. */
  accepted: Received[]
  answer: number
  /** While above zero, each request is answered 503 (and counted down) instead of `answer`. */
  failNext: number
  /** While true, requests get no answer at all (the sender's timeout must end them). */
  hang: boolean
  /** Requests left unanswered because `hang` was true when they arrived. */
  hung: number
  /** Requests refused with a non-2xx answer. */
  refused: number
  start: () => Promise<void>
  stop: () => Promise<void>
  url: string
}

export const startReceiver = async ({ listening = true }: { listening?: boolean } = {}): Promise<Receiver> => {
  const port = await freePort()
  let server: Server | undefined
  const receiver: Receiver = {
    accepted: [],
    answer: 204,
    failNext: 0,
    hang: false,
    hung: 0,
    refused: 0,
    start: () =>
      new Promise((resolve, reject) => {
        server = createServer((request, response) => {
          const chunks: Buffer[] = []
          request.on('data', (chunk: Buffer) => chunks.push(chunk))
          request.on('end', () => {
            if (receiver.hang) {
              receiver.hung += 1
              return
            }
            const status = receiver.failNext > 0 ? 503 : receiver.answer
            if (receiver.failNext > 0) receiver.failNext -= 1
            if (status >= 200 && status < 300) receiver.accepted.push({ body: Buffer.concat(chunks).toString('utf8'), headers: request.headers })
            else receiver.refused += 1
            response.writeHead(status).end()
          })
        })
        server.once('error', reject)
        server.listen(port, '127.0.0.1', () => resolve())
      }),
    stop: () =>
      new Promise((resolve) => {
        if (!server) return resolve()
        server.closeAllConnections()
        server.close(() => resolve())
        server = undefined
      }),
    url: `http://127.0.0.1:${port}/webhooks`,
  }
  if (listening) await receiver.start()
  return receiver
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export const waitFor = async <T>(what: string, check: () => Promise<T | false | undefined> | T | false | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined && value !== false) return value
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}
