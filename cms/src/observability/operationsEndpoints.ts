import { timingSafeEqual } from 'node:crypto'

import type { Endpoint } from 'payload'

import type { S3Settings } from '../env'

import { createS3Client } from '../storage/objectStorage'
import { cmsMetrics } from './metrics'
import { checkBucket, checkDatabase, type CheckResult, isShuttingDown } from './readiness'

export type OperationsOptions = {
  /**
   * Bearer token for `/metrics`. Unset: `/metrics` is 404, unless `openMetrics`.
   * @default undefined
   */
  metricsToken?: string
  /** Serve `/metrics` without a token (development only). */
  openMetrics: boolean
  /** Object storage to check for readiness, or null. */
  s3: null | S3Settings
}

const noStore = { 'cache-control': 'no-store' }

const sameSecret = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

/**
 * `GET /health` (liveness: the process answers; touches nothing else), `GET /ready` (readiness:
 * Postgres answers `select 1`, and the S3 bucket `HeadBucket` when media are on S3; 503 naming the
 * failed check, and 503 while shutting down) and `GET /metrics` (Prometheus text). All public
 * except `/metrics`, never cached.
 */
export const operationsEndpoints = ({ metricsToken, openMetrics, s3 }: OperationsOptions): Endpoint[] => {
  const bucketClient = s3 ? createS3Client(s3) : null
  return [
    {
      handler: () => Response.json({ status: 'ok' }, { headers: noStore }),
      method: 'get',
      path: '/health',
    },
    {
      handler: async (req) => {
        const checks: Record<string, CheckResult> = {}
        const [database, bucket] = await Promise.all([
          checkDatabase(req.payload),
          bucketClient && s3 ? checkBucket(bucketClient, s3.bucket) : Promise.resolve(undefined),
        ])
        checks.database = database
        if (bucket) checks.s3 = bucket
        if (isShuttingDown()) checks.shutdown = { error: 'The process is shutting down', ok: false }
        const ok = Object.values(checks).every((check) => check.ok)
        return Response.json({ checks, status: ok ? 'ok' : 'unavailable' }, { headers: noStore, status: ok ? 200 : 503 })
      },
      method: 'get',
      path: '/ready',
    },
    {
      handler: async (req) => {
        if (!openMetrics) {
          const given = /^Bearer (.+)$/.exec(req.headers.get('authorization') ?? '')?.[1]
          // Unconfigured is indistinguishable from absent: nothing to probe for.
          if (!metricsToken) return Response.json({ errors: [{ message: 'Not Found' }] }, { headers: noStore, status: 404 })
          if (!given || !sameSecret(given, metricsToken)) {
            return Response.json({ errors: [{ message: 'A valid metrics token is required' }] }, { headers: { ...noStore, 'www-authenticate': 'Bearer' }, status: 401 })
          }
        }
        const metrics = cmsMetrics()
        return new Response(await metrics.render(), { headers: { ...noStore, 'content-type': metrics.contentType } })
      },
      method: 'get',
      path: '/metrics',
    },
  ]
}
