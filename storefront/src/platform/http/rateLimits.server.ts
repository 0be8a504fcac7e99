import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible'

import { log, logThrottled } from '../observability/log'
import { redisClient, redisKey } from '../redis/redis.server'

/** A limit: `points` requests per `seconds`, per shopper address. */
export type RateLimit = { points: number; seconds: number }

/** What a request may do: go on, or wait `retryAfterSeconds` (the 429's `Retry-After`). */
export type RateVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number }

/** Parses `<requests>/<seconds>` (`60/600`) from the variable `name`, or throws naming it. */
export const parseRateLimit = (name: string, text: string): RateLimit => {
  const match = /^\s*(\d{1,7})\s*\/\s*(\d{1,7})\s*$/.exec(text)
  const points = Number(match?.[1])
  const seconds = Number(match?.[2])
  if (!match || points < 1 || seconds < 1) throw new Error(`${name} must be <requests>/<seconds> with both at least 1, such as 60/600; got ${JSON.stringify(text)}`)
  return { points, seconds }
}

/**
 * Counters per bucket and shopper address, kept by `rate-limiter-flexible`: in Redis when REDIS_URL
 * is set (every instance counts against the same limit), in this process's memory otherwise. While
 * Redis is down, each instance counts in its own memory (the limiter's `insuranceLimiter`), so the
 * shop stays both open and limited.
 */
export const createRateLimits = <Bucket extends string>(limits: Record<Bucket, RateLimit>): { consume: (bucket: Bucket, key: string) => Promise<RateVerdict> } => {
  const redis = redisClient()
  const limiters = new Map<Bucket, RateLimiterAbstract>()
  for (const [bucket, { points, seconds }] of Object.entries(limits) as Array<[Bucket, RateLimit]>) {
    const memory = new RateLimiterMemory({ duration: seconds, keyPrefix: `rate-${bucket}`, points })
    limiters.set(bucket, redis ? new RateLimiterRedis({ duration: seconds, insuranceLimiter: memory, keyPrefix: redisKey(`rate:${bucket}`), points, storeClient: redis }) : memory)
  }
  return {
    consume: async (bucket, key) => {
      const limiter = limiters.get(bucket)
      if (!limiter) throw new Error(`No rate limit named ${bucket}`)
      try {
        await limiter.consume(key)
        return { allowed: true }
      } catch (outcome) {
        if (outcome instanceof RateLimiterRes) return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(outcome.msBeforeNext / 1000)) }
        // Both stores failed (cannot happen with the memory insurance, but a limiter is no reason to refuse a shopper).
        if (logThrottled('rate-limit')) log.warn('Rate limiter failed; the request goes through', { bucket, err: outcome })
        return { allowed: true }
      }
    },
  }
}
