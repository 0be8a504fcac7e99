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
 * KEYS: the invalidation counter, then each tag's set and generation key in pairs. Counts one
 * invalidation, marks the entries of every tag set invalidated (those still stored), drops the sets and
 * records the count as each tag's generation. One script, so an entry stored concurrently is either
 * marked or refused by its generation check, never lost.
 */
const INVALIDATE_SCRIPT = `
local generation = redis.call('INCR', KEYS[1])
for index = 2, #KEYS, 2 do
  for _, member in ipairs(redis.call('SMEMBERS', KEYS[index])) do
    local entryKey = ARGV[1] .. member
    if redis.call('EXISTS', entryKey) == 1 then redis.call('HSET', entryKey, 'invalidated', '1') end
  end
  redis.call('DEL', KEYS[index])
  redis.call('SET', KEYS[index + 1], generation, 'EX', ARGV[2])
end
return generation`

/**
 * KEYS: the entry, then each tag's set and generation key in pairs; ARGV: the invalidation count the
 * page was rendered after ('' for none), body, meta, seconds to keep, the entry's key as its tag sets
 * name it. Refuses (0) an entry one of whose tags was invalidated after that count; otherwise stores it
 * (1). HSET comes first: a Redis out of memory refuses it before anything changed.
 */
const SET_SCRIPT = `
local since = tonumber(ARGV[1])
if since then
  for index = 3, #KEYS, 2 do
    local generation = tonumber(redis.call('GET', KEYS[index]) or '0')
    if generation > since then return 0 end
  end
end
redis.call('HSET', KEYS[1], 'body', ARGV[2], 'meta', ARGV[3])
redis.call('HDEL', KEYS[1], 'invalidated')
redis.call('EXPIRE', KEYS[1], ARGV[4])
for index = 2, #KEYS, 2 do
  redis.call('SADD', KEYS[index], ARGV[5])
  redis.call('EXPIRE', KEYS[index], ARGV[4], 'NX')
  redis.call('EXPIRE', KEYS[index], ARGV[4], 'GT')
end
return 1`

/**
 * How long a tag's last invalidation is remembered: longer than any render takes (a render that started
 * before it and finishes after it is refused; one slower than this is kept).
 */
const GENERATION_SECONDS = 3600


/**
 * The route cache in Redis, shared by every storefront instance:
 * - `<prefix>cache:entry:<key>`: a hash (`meta` JSON, `body` bytes, `invalidated` once invalidated),
 *   expiring after `keepSeconds`;
 * - `<prefix>cache:tag:<tag>`: the set of keys carrying the tag, kept as long as its longest-lived entry;
 * - `<prefix>cache:invalidations`: how many invalidations there have been, and
 *   `<prefix>cache:tag-generation:<tag>`: that count at the tag's last one. A read returns the count; a
 *   page rendered after it is not stored when one of its tags was invalidated since, so a render that
 *   read the CMS before a save never lands in the store after the save's invalidation.
 * Invalidation marks entries rather than deleting them, so a page whose re-render fails (CMS down) can
 * still be served stale.
 */
export const createRedisCacheStore = ({ keyPrefix, redis }: { keyPrefix: string; redis: Redis }): CacheStore => {
  const entryPrefix = `${keyPrefix}cache:entry:`
  const countKey = `${keyPrefix}cache:invalidations`
  /** Each tag's set and generation key, in pairs. */
  const tagKeys = (tags: readonly string[]): string[] => tags.flatMap((tag) => [`${keyPrefix}cache:tag:${tag}`, `${keyPrefix}cache:tag-generation:${tag}`])
  return {
    get: async (key) => {
      // The count first: a render is then checked against every invalidation that could postdate what it reads.
      const results = await redis.pipeline().get(countKey).hgetallBuffer(`${entryPrefix}${key}`).exec()
      const [[countError, count] = [null, null], [readError, fields] = [null, null]] = results ?? []
      if (readError) throw readError
      if (countError) throw countError
      const since = Number(count ?? 0)
      const { body, invalidated, meta } = (fields ?? {}) as Record<string, Buffer | undefined>
      if (!body || !meta) return { entry: undefined, since }
      const parsed = metaSchema.safeParse(JSON.parse(meta.toString('utf8')))
      if (!parsed.success) return { entry: undefined, since }
      return { entry: { ...parsed.data, body: new Uint8Array(body), invalidated: invalidated !== undefined }, since }
    },
    invalidateTags: async (tags) => {
      if (tags.length === 0) return
      await redis.eval(INVALIDATE_SCRIPT, 1 + 2 * tags.length, countKey, ...tagKeys(tags), entryPrefix, GENERATION_SECONDS)
    },
    set: async (key, entry, keepSeconds, since) => {
      const { body, invalidated: _invalidated, ...meta } = entry
      const keys = [`${entryPrefix}${key}`, ...tagKeys(entry.tags)]
      let stored: unknown
      try {
        stored = await redis.eval(SET_SCRIPT, keys.length, ...keys, since === undefined ? '' : String(since), Buffer.from(body), JSON.stringify(meta), keepSeconds, key)
      } catch (error) {
        // Redis answered and refused a command (OOM): the script stopped before it changed anything.
        if (error instanceof ReplyError && error instanceof Error) throw new CacheWriteRefusedError(`Redis refused to store route cache entry ${key}: ${error.message}`, { cause: error })
        throw error
      }
      return stored === 1 ? 'stored' : 'superseded'
    },
  }
}
