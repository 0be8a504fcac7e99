import { REDIS_PREFIX, REDIS_URL } from 'astro:env/server'
import { Redis } from 'ioredis'

import { onClose } from '../lifecycle/lifecycle.server'
import { log } from '../observability/log'

/** The one command connection of this process, opened on first use; `undefined` without REDIS_URL. */
let client: Redis | undefined

/** The longest a reconnect attempt waits after the previous one: a returning Redis is picked up within a second. */
const MAX_RECONNECT_DELAY_MS = 1000

const connect = (url: string, role: string): Redis => {
  const redis = new Redis(url, {
    // A Redis outage must not hang pages: commands fail after a short wait and callers fall back.
    commandTimeout: 1000,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  })
  let down = false
  redis.on('ready', () => {
    // Until the first connection, commands wait for it (the first page after start-up should not
    // degrade). After that, a command sent while Redis is away fails at once instead of queueing for
    // the next reconnect: callers fall back to memory in microseconds, not after a timeout.
    redis.options.enableOfflineQueue = false
    if (down) log.info('Redis is back', { role })
    down = false
  })
  redis.on('error', (error) => {
    // ioredis reports every failed reconnect attempt; one line per outage is enough.
    if (!down) log.warn('Redis connection lost: degraded to this process until it returns', { err: error, role })
    down = true
  })
  onClose(async () => {
    await redis.quit().catch(() => redis.disconnect())
  })
  return redis
}

/** Whether this instance shares its caches, sessions and live events through Redis (REDIS_URL is set). */
export const redisEnabled: boolean = REDIS_URL !== undefined

/** The shared command connection, or `undefined` when REDIS_URL is unset (callers then use memory). */
export const redisClient = (): Redis | undefined => {
  if (REDIS_URL === undefined) return undefined
  client ??= connect(REDIS_URL, 'commands')
  return client
}

/**
 * A new connection for a subscriber (a connection in subscribe mode can run no other command);
 * `undefined` without REDIS_URL. It re-subscribes by itself after a reconnect.
 */
export const redisSubscriber = (): Redis | undefined => (REDIS_URL === undefined ? undefined : connect(REDIS_URL, 'subscriber'))

/** `name` under REDIS_PREFIX: every key and channel the storefront uses goes through here. */
export const redisKey = (name: string): string => `${REDIS_PREFIX}${name}`
