/**
 * The CMS on Next (admin and REST API) behind a small Node server of its own, for `pnpm start` and
 * `pnpm dev`:
 *
 *   tsx scripts/serveNext.ts [--dev] [--port 3000] [--host 0.0.0.0]
 *
 * Why not `next start`/`next dev`: a route handler never sees the socket, and Next fills
 * `X-Forwarded-For` from the socket only when the client sent none, so behind `next start` the
 * client's address is whatever the client claims. This server resolves it from the socket (and
 * `X-Forwarded-For` only when the peer is in `TRUSTED_PROXIES`) into `x-showroom-client-address`,
 * which it always overwrites, before Next sees the request; the REST route applies the rate limits on
 * it (docs/security.md, "Client address and proxies"). Everything else is Next's own request handler.
 */
import { createServer } from 'node:http'
import path from 'node:path'
import { parseArgs } from 'node:util'

import next from 'next'
import { z } from 'zod'

import { readEnv } from '../src/env'
import { ALLOWED_METHODS } from '../src/http/requestRules'
import { apiSecurityHeaders } from '../src/http/securityHeaders'
import { compileProxyTrust, markClientAddressStamped, stampClientAddress } from '../src/security/clientAddress'

const argsSchema = z.object({
  dev: z.boolean(),
  host: z.string().min(1),
  port: z.coerce.number().int().min(0).max(65535),
})

const { values } = parseArgs({
  options: {
    dev: { default: false, type: 'boolean' },
    host: { default: '0.0.0.0', type: 'string' },
    port: { default: '3000', type: 'string' },
  },
})
const parsed = argsSchema.safeParse(values)
if (!parsed.success) {
  console.error(`usage: serveNext [--dev] [--port 3000] [--host 0.0.0.0]\n${parsed.error.message}`)
  process.exit(64)
}
const args = parsed.data

const env = readEnv()
const trust = compileProxyTrust(env.TRUSTED_PROXIES)
const app = next({ dev: args.dev, dir: path.resolve(import.meta.dirname, '..'), hostname: args.host, port: args.port })
const handle = app.getRequestHandler()
await app.prepare()
// Route handlers run in this process: they may now believe the stamped header.
markClientAddressStamped()

const refusedHeaders = { ...Object.fromEntries(apiSecurityHeaders({ production: env.NODE_ENV === 'production' }).map(({ key, value }) => [key, value])), Allow: ALLOWED_METHODS.join(', ') }

const server = createServer((req, res) => {
  // Next builds a Fetch Request for every request, and undici throws on TRACE: a 500 from Next. No route takes such methods.
  if (!(ALLOWED_METHODS as readonly string[]).includes(req.method ?? '')) {
    res.writeHead(405, { ...refusedHeaders, 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ message: `The method ${req.method} is not allowed.` }] }))
    return
  }
  stampClientAddress(req, trust)
  void handle(req, res)
})
// Next's dev server reloads the browser over a WebSocket upgrade.
server.on('upgrade', (req, socket, head) => {
  stampClientAddress(req, trust)
  void app.getUpgradeHandler()(req, socket, head)
})
server.listen(args.port, args.host, () => console.log(`listening on http://${args.host}:${args.port}`))

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    server.close()
    server.closeIdleConnections()
    void app.close().then(() => process.exit(0))
  })
}
