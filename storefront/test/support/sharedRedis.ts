/**
 * A namespace of its own on the machine's shared Redis, for test files and benchmarks that run
 * several storefront instances against it: the environment those instances need (one key prefix, one
 * webhook secret), and `clear()` to delete every key the run left.
 */
import { randomBytes, randomUUID } from 'node:crypto'

import { Redis } from 'ioredis'

export const sharedRedis = (label: string) => {
  const url = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379'
  const prefix = `showroom-${label}:${process.pid}-${randomUUID().slice(0, 8)}:`
  const secret = `whsec_${randomBytes(32).toString('base64')}`
  return {
    /** Environment for every storefront instance. */
    env: { REDIS_PREFIX: prefix, REDIS_URL: url, WEBHOOK_SECRET: secret },
    prefix,
    /** The `whsec_` secret the instances accept webhooks with. */
    secret,
    url,
    /** Deletes every key under `prefix`. */
    clear: async (): Promise<void> => {
      const redis = new Redis(url)
      try {
        const keys = await redis.keys(`${prefix}*`)
        if (keys.length > 0) await redis.del(...keys)
      } finally {
        redis.disconnect()
      }
    },
  }
}
