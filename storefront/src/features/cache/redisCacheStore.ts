import { type Redis, ReplyError } from 'ioredis'

import { z } from 'astro/zod'

import { type CacheStore, CacheWriteRefusedError } from './cacheStore'

const metaSchema = z.object({
  headers: z.array(z.tuple([z.string(), z.string()])),
  maxAge: z.number(),
  status: z.number().int(),
  storedAt: z.number(),
  swr: z.number(),
  tags: z.array(z.string()),
})

/**
 * Marks the entries of every tag set in KEYS invalidated (those still stored), then drops the sets.
 * One script, so an entry stored concurrently is either marked or indexed after the drop, never lost.
 */
const INVALIDATE_SCRIPT = `
for _, tagKey in ipairs(KEYS) do
  for _, member in ipairs(redis.call('SMEMBERS', tagKey)) do
    local entryKey = ARGV[1] .. member
    if redis.call('EXISTS', entryKey) == 1 then redis.call('HSET', entryKey, 'invalidated', '1') end
  end
  redis.call('DEL', tagKey)
end
return 0`

/** The first refused command's message behind an EXECABORT (ioredis keeps them on `previousErrors`). */
const reasonOf = (error: Error): string => {
  const previous: unknown = (error as Error & { previousErrors?: unknown }).previousErrors
  const first: unknown = Array.isArray(previous) ? previous[0] : undefined
  return first instanceof Error ? first.message : error.message
}

/**
 * The route cache in Redis, shared by every storefront instance:
 * - `<prefix>cache:entry:<key>`: a hash (`meta` JSON, `body` bytes, `invalidated` once invalidated),
 *   expiring after `keepSeconds`;
 * - `<prefix>cache:tag:<tag>`: the set of keys carrying the tag, kept as long as its longest-lived entry.
 * Invalidation marks entries rather than deleting them, so a page whose re-render fails (CMS down) can
 * still be served stale.
 */
export const createRedisCacheStore = ({ keyPrefix, redis }: { keyPrefix: string; redis: Redis }): CacheStore => {
  const entryPrefix = `${keyPrefix}cache:entry:`
  const tagKey = (tag: string): string => `${keyPrefix}cache:tag:${tag}`
  return {
    get: async (key) => {
      const fields = await redis.hgetallBuffer(`${entryPrefix}${key}`)
      const { body, meta } = fields
      if (!body || !meta) return undefined
      const parsed = metaSchema.safeParse(JSON.parse(meta.toString('utf8')))
      if (!parsed.success) return undefined
      return { ...parsed.data, body: new Uint8Array(body), invalidated: fields.invalidated !== undefined }
    },
    invalidateTags: async (tags) => {
      if (tags.length === 0) return
      await redis.eval(INVALIDATE_SCRIPT, tags.length, ...tags.map(tagKey), entryPrefix)
    },
    set: async (key, entry, keepSeconds) => {
      const { body, invalidated: _invalidated, ...meta } = entry
      const entryKey = `${entryPrefix}${key}`
      const pipeline = redis.multi().del(entryKey).hset(entryKey, { body: Buffer.from(body), meta: JSON.stringify(meta) }).expire(entryKey, keepSeconds)
      for (const tag of entry.tags) {
        // NX gives a new set its lifetime, GT lengthens it for a longer-lived entry; neither shortens it.
        pipeline.sadd(tagKey(tag), key).expire(tagKey(tag), keepSeconds, 'NX').expire(tagKey(tag), keepSeconds, 'GT')
      }
      let results: Awaited<ReturnType<typeof pipeline.exec>>
      try {
        results = await pipeline.exec()
      } catch (error) {
        // Redis answered and discarded the transaction (EXECABORT: a command was refused, e.g. OOM).
        if (error instanceof ReplyError && error instanceof Error) throw new CacheWriteRefusedError(`Redis refused to store route cache entry ${key}: ${reasonOf(error)}`, { cause: error })
        throw error
      }
      // A command that fails while the transaction runs does not reject `exec`: it is in the results.
      const failed = results?.find(([error]) => error !== null)?.[0]
      if (failed) throw new CacheWriteRefusedError(`Redis refused part of route cache entry ${key}: ${failed.message}`, { cause: failed })
    },
  }
}
