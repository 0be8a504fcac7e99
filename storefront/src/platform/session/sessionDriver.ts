import type { SessionDriver } from 'astro'

import { z } from 'astro/zod'
import fsLiteDriver from 'unstorage/drivers/fs-lite'

import { log, logThrottled } from '../observability/log'
import { currentRequest } from '../observability/requestContext.server'
import { redisFallbacks } from '../observability/storefrontMetrics'
import { redisClient, redisKey } from '../redis/redis.server'

const configSchema = z.object({
  /** Folder for session files when there is no Redis (the Node adapter's default place). */
  fsBase: z.string().min(1),
  /** Seconds an untouched session is kept in Redis; each save starts the count again. */
  ttlSeconds: z.number().int().positive(),
})

/**
 * Astro's session storage: in Redis under `<REDIS_PREFIX>session:<id>` with a TTL when REDIS_URL is
 * set (so every instance sees the same cart and order tokens), otherwise in files as before. REDIS_URL
 * is read when the server starts, not at build time, so one build runs with or without Redis.
 */
const sessionDriver = (config: Record<string, unknown> | undefined): SessionDriver => {
  const { fsBase, ttlSeconds } = configSchema.parse(config)
  const redis = redisClient()
  if (!redis) {
    const files = fsLiteDriver({ base: fsBase })
    return {
      getItem: async (key) => files.getItem(key, {}),
      removeItem: async (key) => files.removeItem?.(key, {}),
      setItem: async (key, value) => files.setItem?.(key, value, {}),
    }
  }
  const keyOf = (id: string): string => redisKey(`session:${id}`)
  /**
   * Sessions have no stand-in: a cart kept in one process's memory would vanish on the next request
   * to another instance. While Redis is down, pages that need the session answer 503 (see `fetch.ts`);
   * catalogue pages never read it and keep working.
   */
  const unavailable = (operation: string) => (error: unknown): never => {
    const request = currentRequest()
    if (request) request.sessionUnavailable = true
    redisFallbacks.inc({ operation: `session-${operation}-refused` })
    if (logThrottled(`session-${operation}`)) log.warn('Session store unavailable', { err: error, operation })
    throw new Error(`The session store (Redis) is unavailable: ${operation} failed`, { cause: error })
  }
  return {
    getItem: (key) => redis.get(keyOf(key)).catch(unavailable('read')),
    removeItem: async (key) => {
      await redis.del(keyOf(key)).catch(unavailable('remove'))
    },
    setItem: async (key, value) => {
      await redis.set(keyOf(key), typeof value === 'string' ? value : JSON.stringify(value), 'EX', ttlSeconds).catch(unavailable('write'))
    },
  }
}

export default sessionDriver
