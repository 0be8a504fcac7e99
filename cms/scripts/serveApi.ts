/**
 * Serves the CMS REST API (`/api/v1`) on a plain Node server, without Next and without the admin:
 * for tests, benchmarks and API-only deployments.
 *
 *   tsx scripts/serveApi.ts [--port 3000] [--host 127.0.0.1] [--migrate]
 *
 * The environment is the CMS's own (DATABASE_URL, PAYLOAD_SECRET, SERVER_URL, STOREFRONT_URL; see
 * `src/env.ts`). `--migrate` applies the committed migrations before listening, one instance at a time
 * (a Postgres advisory lock: replicas may start together). `--port 0` picks a
 * free port. When ready it prints one line, `listening on http://<host>:<port>`. SIGTERM or SIGINT
 * stops it gracefully, with exit code 0: `/api/v1/ready` answers 503 and no new connection is
 * accepted, the requests in flight finish (at most 10 s), the webhook poller stops and the attempts
 * in flight are recorded, then Payload and its pool close.
 */
import type { AddressInfo } from 'node:net'
import { parseArgs } from 'node:util'

import { earlyCatalogueResponse } from '@showroom/payload-commerce/catalogue'
import { getPayload, type Migration } from 'payload'
import { z } from 'zod'

import { migrateExclusively } from '../src/database/migrateExclusively'
import { migrations } from '../src/migrations'
import config from '../src/payload.config'
import { markShuttingDown } from '../src/observability/readiness'
import { readEnv } from '../src/env'
import { createRequestSecurity } from '../src/security/requestSecurity'
import { createApiServer } from '../src/server/apiServer'

/** How long a stop waits for requests in flight before cutting their connections. */
const SHUTDOWN_GRACE_MS = 10_000

const argsSchema = z.object({
  host: z.string().min(1),
  migrate: z.boolean(),
  port: z.coerce.number().int().min(0).max(65535),
})

const parseCommandLine = () => {
  const { values } = parseArgs({
    options: {
      host: { default: '127.0.0.1', type: 'string' },
      migrate: { default: false, type: 'boolean' },
      port: { default: '3000', type: 'string' },
    },
  })
  const parsed = argsSchema.safeParse(values)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  --${issue.path.join('.')}: ${issue.message}`).join('\n')
    console.error(`usage: serveApi [--port 3000] [--host 127.0.0.1] [--migrate]\n${problems}`)
    process.exit(64)
  }
  return parsed.data
}

const args = parseCommandLine()

const payload = await getPayload({ config })
if (args.migrate) {
  // Payload types a migration's args as `unknown`; ours take the Postgres adapter's.
  await migrateExclusively(payload, migrations as unknown as Migration[])
}

// Anonymous catalogue lists (cached, or from the listing) are answered before Payload parses the request (docs/catalogue.md).
const env = readEnv()
const server = createApiServer(config, {
  answerEarly: (req) => earlyCatalogueResponse(payload, req),
  logger: payload.logger,
  production: env.NODE_ENV === 'production',
  // Client address, rate limits and login lockout (docs/security.md).
  security: createRequestSecurity(env),
})
await new Promise<void>((resolve, reject) => {
  server.once('error', reject)
  server.listen(args.port, args.host, () => {
    server.off('error', reject)
    resolve()
  })
})
const { port } = server.address() as AddressInfo
console.log(`listening on http://${args.host}:${port}`)

let stopping = false
const stop = async (signal: NodeJS.Signals): Promise<void> => {
  if (stopping) return
  stopping = true
  markShuttingDown()
  payload.logger.info({ signal }, 'Shutting down: finishing requests in flight')
  const closed = new Promise<void>((resolve) => server.close(() => resolve()))
  // Keep-alive connections with no request in flight would hold `close` open until they time out.
  server.closeIdleConnections()
  const grace = setTimeout(() => {
    payload.logger.warn({ graceMs: SHUTDOWN_GRACE_MS, signal }, 'Requests still running after the grace period; closing their connections')
    server.closeAllConnections()
  }, SHUTDOWN_GRACE_MS)
  await closed
  clearTimeout(grace)
  // Stops the webhook poller and waits for the deliveries being sent (see webhooks/runner.ts).
  await payload.destroy()
  payload.logger.info('Stopped')
  // Payload keeps one database client checked out for its whole life, so its pool never drains on
  // its own: leaving the process is what closes it.
  process.exit(0)
}

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, (received) => {
    void stop(received)
  })
}
