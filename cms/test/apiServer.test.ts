/**
 * The API server (`src/server/apiServer.ts`) over real HTTP: bodies stream both ways through the
 * Node↔Fetch adapter, uploads and JSON still reach Payload, oversized bodies get 413.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'

import type { Media } from '@showroom/shared-types'
import type { Endpoint } from 'payload'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { MAX_BODY_BYTES } from '../src/http/requestRules'
import { createApiServer } from '../src/server/apiServer'
import { type Actors, createActors } from './actors'
import { startTestCms, type TestCms } from './startTestCms'

const MIB = 1024 * 1024
/** The large body's size: far more than the socket and stream buffers between server and client hold. */
const LARGE_BYTES = 48 * MIB
/** The body a client walks away from is cut here, so a server that buffers it still ends. */
const ABANDONED_LIMIT_BYTES = 96 * MIB

let cms: TestCms
let actors: Actors
let server: ReturnType<typeof createApiServer>
let api: string

/** How many bytes of the large body the endpoint has produced so far. */
let largeProduced = 0
/** How many bytes of its upload the client has produced so far, and how many it had when the endpoint read the first ones. */
let uploadProduced = 0
let uploadProducedAtFirstRead = -1
/** How the abandoned body ended: cancelled by the server (its client went away) or produced to the end. */
let abandonedEnded: Promise<'cancelled' | 'completed'> = Promise.resolve('completed')

const chunk = (size: number, fill: number) => new Uint8Array(size).fill(fill)

/** A body of `limit` bytes in 1 MiB chunks (the n-th filled with n % 256), reporting what it produced and how it ended. */
const countedBody = (limit: number, onChunk: (produced: number) => void, onEnd: (how: 'cancelled' | 'completed') => void) => {
  let produced = 0
  return new ReadableStream<Uint8Array>({
    cancel: () => onEnd('cancelled'),
    pull: (controller) => {
      if (produced === limit) {
        onEnd('completed')
        return controller.close()
      }
      controller.enqueue(chunk(MIB, (produced / MIB) % 256))
      produced += MIB
      onChunk(produced)
    },
  })
}

/**
 * Endpoints that exist only in this test, on the running config (Payload reads its endpoints per
 * request): a large body that counts what it has produced, and one that tells whether it was cancelled.
 */
const testEndpoints = (): Endpoint[] => [
  {
    handler: () => {
      largeProduced = 0
      const body = countedBody(LARGE_BYTES, (produced) => (largeProduced = produced), () => undefined)
      return new Response(body, { headers: { 'content-type': 'application/octet-stream' } })
    },
    method: 'get',
    path: '/test/large',
  },
  {
    handler: () => {
      let ended: (how: 'cancelled' | 'completed') => void = () => undefined
      abandonedEnded = new Promise((resolve) => (ended = resolve))
      const body = countedBody(ABANDONED_LIMIT_BYTES, () => undefined, (how) => ended(how))
      return new Response(body, { headers: { 'content-type': 'application/octet-stream' } })
    },
    method: 'get',
    path: '/test/abandoned',
  },
]

/** Reads an upload as it comes (a stand-in for the media collection's own), noting how far the client was at the first bytes. */
const countingUploadEndpoint: Endpoint = {
  handler: async (req) => {
    const reader = (req.body as ReadableStream<Uint8Array>).getReader()
    let size = 0
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      if (size === 0) uploadProducedAtFirstRead = uploadProduced
      size += next.value.byteLength
    }
    return Response.json({ size })
  },
  method: 'post',
  path: '/test/count',
}

beforeAll(async () => {
  cms = await startTestCms('api_server')
  cms.config.endpoints.push(...testEndpoints())
  // Under the media collection: uploads get the upload body limit (25 MB, not 1 MB).
  const media = cms.config.collections.find((collection) => collection.slug === 'media')
  if (!media?.endpoints) throw new Error('the media collection has no endpoints to extend')
  media.endpoints.push(countingUploadEndpoint)
  actors = await createActors(cms)
  server = createApiServer(cms.config, { logger: cms.payload.logger, payloadInstanceCacheKey: cms.payloadInstanceCacheKey })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  api = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1`
})
afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await cms?.close()
})

describe('responses', () => {
  it('stream: the first bytes reach the client long before the body is all produced, and all of it arrives', async () => {
    const response = await fetch(`${api}/test/large`)
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    const first = await reader.read()
    // A server that buffered responses would have produced all of it before sending a byte.
    expect(largeProduced).toBeLessThan(LARGE_BYTES)
    const hash = createHash('sha256')
    const expected = createHash('sha256')
    let size = 0
    for (let next = first; !next.done; next = await reader.read()) {
      hash.update(next.value)
      size += next.value.byteLength
    }
    for (let index = 0; index < LARGE_BYTES / MIB; index += 1) expected.update(chunk(MIB, index % 256))
    expect(size).toBe(LARGE_BYTES)
    expect(hash.digest('hex')).toBe(expected.digest('hex'))
  })

  it('stop producing when the client goes away', async () => {
    await new Promise<void>((resolve, reject) => {
      const req = request(`${api}/test/abandoned`, (res) => {
        res.once('data', () => {
          req.destroy()
          resolve()
        })
      })
      req.once('error', (error) => (req.destroyed ? undefined : reject(error)))
      req.end()
    })
    // The adapter cancels the response's stream: nothing keeps producing a body for nobody.
    expect(await abandonedEnded).toBe('cancelled')
  })
})

describe('request bodies', () => {
  it('stream: Payload reads the first bytes of an upload while the client is still producing the rest', async () => {
    const total = 24 * MIB
    const body = countedBody(total, (produced) => (uploadProduced = produced), () => undefined)
    const init: RequestInit & { duplex: 'half' } = { body, duplex: 'half', headers: { 'content-type': 'multipart/form-data; boundary=x' }, method: 'POST' }
    const response = await fetch(`${api}/media/test/count`, init)
    expect(await response.json()).toEqual({ size: total })
    // A server that buffered requests would have taken all of it before handing Payload a byte.
    expect(uploadProducedAtFirstRead).toBeGreaterThan(0)
    expect(uploadProducedAtFirstRead).toBeLessThan(total)
  })

  it('carry a multi-megabyte upload to Payload, whose file is served back byte for byte', async () => {
    const noise = await sharp({ create: { background: '#000', channels: 3, height: 1600, noise: { mean: 128, sigma: 90, type: 'gaussian' }, width: 1600 } })
      .png()
      .toBuffer()
    expect(noise.byteLength).toBeGreaterThan(5 * MIB)
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(noise)], { type: 'image/png' }), 'noise.png')
    form.append('_payload', JSON.stringify({ alt: 'Noise' }))
    const uploaded = await fetch(`${api}/media`, { body: form, headers: { Authorization: `JWT ${actors.editor.token}` }, method: 'POST' })
    expect(uploaded.status, await uploaded.clone().text()).toBe(201)
    const { doc } = (await uploaded.json()) as { doc: Media }

    const stored = readFileSync(path.join(cms.mediaDir, String(doc.filename)))
    expect(stored.byteLength).toBeGreaterThan(MIB)
    const served = await fetch(`${api}/media/file/${encodeURIComponent(String(doc.filename))}`)
    expect(served.status).toBe(200)
    expect(Number(served.headers.get('content-length'))).toBe(stored.byteLength)
    expect(Buffer.from(await served.arrayBuffer()).equals(stored)).toBe(true)
  })

  it('carry JSON, and refuse bodies over the limit with 413 whether or not they declare their length', async () => {
    const login = await fetch(`${api}/users/login`, {
      body: JSON.stringify({ email: actors.alice.email, password: actors.alice.password }),
      headers: { 'content-type': 'application/json' },
      method: 'POST',
    })
    expect(login.status).toBe(200)
    expect(await login.json()).toMatchObject({ token: expect.any(String), user: { email: actors.alice.email } })

    // Streamed without Content-Length: cut off once it passes the limit.
    let sent = 0
    const endless = new ReadableStream<Uint8Array>({
      pull: (controller) => {
        if (sent > MAX_BODY_BYTES + MIB) return controller.close()
        controller.enqueue(chunk(MIB, 32))
        sent += MIB
      },
    })
    const init: RequestInit & { duplex: 'half' } = { body: endless, duplex: 'half', headers: { 'content-type': 'application/json' }, method: 'POST' }
    const streamed = await fetch(`${api}/users/login`, init)
    expect(streamed.status).toBe(413)

    // Declared too large: answered before a byte of the body is read.
    const declared = await new Promise<number | undefined>((resolve, reject) => {
      const req = request(`${api}/users/login`, { headers: { 'content-length': String(MAX_BODY_BYTES + 1), 'content-type': 'application/json' }, method: 'POST' }, (res) => {
        resolve(res.statusCode)
        req.destroy()
      })
      req.once('error', (error) => (req.destroyed ? undefined : reject(error)))
      req.flushHeaders()
    })
    expect(declared).toBe(413)
  })
})
