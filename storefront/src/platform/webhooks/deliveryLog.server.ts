import type { Redis } from 'ioredis'

import { log as logLine, logThrottled } from '../observability/log'
import { redisFallbacks } from '../observability/storefrontMetrics'
import { redisClient, redisKey } from '../redis/redis.server'
import { createMemoryDeliveryLog, type DeliveryLog } from './deliveryLog'

/** How long a delivery id is remembered: longer than the CMS's retry schedule. */
const SEEN_SECONDS = 24 * 60 * 60
/** How long the last applied sequence of a resource is remembered. */
const SEQUENCE_SECONDS = 30 * 24 * 60 * 60

/**
 * Stores `ARGV[1]` as KEYS[1]'s sequence when it is higher than the stored one. Answers false when it
 * is not, else the sequence it replaced (`''` for none), for `retreat`.
 */
const ADVANCE_SCRIPT = `
local current = redis.call('GET', KEYS[1])
if current and tonumber(current) >= tonumber(ARGV[1]) then return false end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return current or ''`

/**
 * KEYS: the id's key, the resource's sequence key. `claim` then `advance` in one script: 'duplicate'
 * when the id was claimed before, 'stale' (the id stays claimed) when the sequence is not newer, else
 * 'new:' + the sequence it replaced ('' for none), for `retreat`.
 */
const ADMIT_SCRIPT = `
if not redis.call('SET', KEYS[1], '1', 'EX', ARGV[3], 'NX') then return 'duplicate' end
local current = redis.call('GET', KEYS[2])
if current and tonumber(current) >= tonumber(ARGV[1]) then return 'stale' end
redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[2])
return 'new:' .. (current or '')`

/** Puts KEYS[1] back to `ARGV[2]` (deleting it for `''`) if it still holds `ARGV[1]`. */
const RETREAT_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] == '' then redis.call('DEL', KEYS[1]) else redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3]) end
return 1`

const redisLog = (redis: Redis): DeliveryLog => {
  const seenKey = (id: string): string => redisKey(`webhook:seen:${id}`)
  const sequenceKey = (resource: string): string => redisKey(`webhook:sequence:${resource}`)
  const retreat = (resource: string, sequence: number, previous: string) => async (): Promise<void> => {
    await redis.eval(RETREAT_SCRIPT, 1, sequenceKey(resource), String(sequence), previous, String(SEQUENCE_SECONDS))
  }
  return {
    admit: async (id, resource, sequence) => {
      const answer = await redis.eval(ADMIT_SCRIPT, 2, seenKey(id), sequenceKey(resource), String(sequence), String(SEQUENCE_SECONDS), String(SEEN_SECONDS))
      if (answer === 'duplicate' || answer === 'stale') return { kind: answer }
      if (typeof answer !== 'string' || !answer.startsWith('new:')) throw new Error(`Admitting webhook ${id}: unexpected answer ${String(answer)}`)
      const undoSequence = retreat(resource, sequence, answer.slice('new:'.length))
      return {
        kind: 'new',
        undo: async () => {
          await undoSequence()
          await redis.del(seenKey(id))
        },
      }
    },
    advance: async (resource, sequence) => {
      const previous = await redis.eval(ADVANCE_SCRIPT, 1, sequenceKey(resource), String(sequence), String(SEQUENCE_SECONDS))
      if (typeof previous !== 'string') return false
      return retreat(resource, sequence, previous)
    },
    claim: async (id) => (await redis.set(seenKey(id), '1', 'EX', SEEN_SECONDS, 'NX')) === 'OK',
    release: async (id) => {
      await redis.del(seenKey(id))
    },
  }
}

/**
 * Redis, with this process's memory standing in while Redis fails: the receiver keeps verifying and
 * applying deliveries, de-duplicated per instance (the CMS sends each delivery to one instance, so a
 * duplicate is only missed if it lands on another instance during the outage; applying twice is harmless).
 */
const withFallback = (shared: DeliveryLog, local: DeliveryLog): DeliveryLog => {
  const fallback = <T>(operation: string, run: () => Promise<T>, instead: () => Promise<T>): Promise<T> =>
    run().catch((error: unknown) => {
      redisFallbacks.inc({ operation: `webhook-${operation}` })
      if (logThrottled(`webhook-${operation}`)) logLine.warn('Webhook delivery log unavailable in Redis; using this process memory', { err: error, operation })
      return instead()
    })
  return {
    // Redis's single step; while Redis fails, this process's memory (as `claim` and `advance` fall back).
    admit: (id, resource, sequence) => fallback('admit', () => shared.admit(id, resource, sequence), () => local.admit(id, resource, sequence)),
    advance: (resource, sequence) => fallback('advance', () => shared.advance(resource, sequence), () => local.advance(resource, sequence)),
    claim: (id) => fallback('claim', () => shared.claim(id), () => local.claim(id)),
    release: async (id) => {
      await local.release(id)
      await fallback('release', () => shared.release(id), async () => undefined)
    },
  }
}

let log: DeliveryLog | undefined

/** The delivery log: in Redis when REDIS_URL is set (every instance sees every delivery), otherwise in memory. */
export const deliveryLog = (): DeliveryLog => {
  if (!log) {
    const redis = redisClient()
    log = redis ? withFallback(redisLog(redis), createMemoryDeliveryLog()) : createMemoryDeliveryLog()
  }
  return log
}
