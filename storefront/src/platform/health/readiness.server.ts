import { CMS_TIMEOUT_MS, CMS_URL } from 'astro:env/server'
import { z } from 'astro/zod'

import { createCmsClient } from '../cms/cmsClient'
import { errorFields } from '../observability/log'
import { currentRequestId } from '../observability/requestContext.server'
import { isDraining } from '../lifecycle/lifecycle.server'
import { redisClient } from '../redis/redis.server'

/**
 * The CMS's liveness check (`/api/v1/health`): the storefront is ready when it can reach a CMS. Not the
 * CMS's own readiness: a CMS whose database is down still leaves this instance able to serve its
 * cached pages, and taking every storefront out of the load balancer then would turn a degraded shop
 * into no shop.
 */
export const CMS_READINESS_PATH = '/health'

/** A readiness probe runs every few seconds: it must not wait as long as a page may. */
const PROBE_TIMEOUT_MS = Math.min(CMS_TIMEOUT_MS, 2000)

const probe = createCmsClient({
  baseUrl: CMS_URL,
  requestHeaders: (): Record<string, string> => {
    const requestId = currentRequestId()
    return requestId ? { 'x-request-id': requestId } : {}
  },
  timeoutMs: PROBE_TIMEOUT_MS,
})

export type CheckName = 'cms' | 'redis' | 'shutdown'
export type Readiness = { checks: Partial<Record<CheckName, 'fail' | 'ok'>>; ready: boolean }

const [probePath = '', probeQuery = ''] = CMS_READINESS_PATH.split('?')

const checkCms = async (): Promise<void> => {
  await probe.get(probePath, z.unknown(), new URLSearchParams(probeQuery))
}

const checkRedis = async (): Promise<'skip' | void> => {
  const redis = redisClient()
  if (!redis) return 'skip'
  const answer = await redis.ping()
  if (answer !== 'PONG') throw new Error(`Redis answered ${answer} to PING`)
}

/**
 * Whether this instance should get traffic: the CMS answers, Redis (when REDIS_URL is set) answers
 * PING, and the process is not shutting down. Each check's failure is logged, never returned in
 * detail (the answer is public).
 */
export const readiness = async (log: (msg: string, fields: Record<string, unknown>) => void): Promise<Readiness> => {
  const checks: Readiness['checks'] = {}
  const run = async (name: CheckName, check: () => Promise<'skip' | void>): Promise<void> => {
    try {
      if ((await check()) !== 'skip') checks[name] = 'ok'
    } catch (error) {
      checks[name] = 'fail'
      log(`Readiness check ${name} failed`, errorFields(error))
    }
  }
  await Promise.all([run('cms', checkCms), run('redis', checkRedis)])
  if (isDraining()) checks.shutdown = 'fail'
  return { checks, ready: Object.values(checks).every((state) => state === 'ok') }
}
