import { z } from 'astro/zod'

import { log, logThrottled } from '../observability/log'
import { redisFallbacks } from '../observability/storefrontMetrics'
import { redisClient, redisKey, redisSubscriber } from '../redis/redis.server'
import type { DroppedPage, HotCache } from './hotCache'

/** How soon a failed subscription is tried again. */
const SUBSCRIBE_RETRY_MS = 500

const messageSchema = z.object({ tags: z.array(z.string()) })

export type InvalidationFeed = {
  /** Whether the L1 may take entries: it hears every invalidation (always, without Redis). */
  listening: () => boolean
  /** Tells every other instance to drop the pages carrying `tags` from its L1 (this one already has). */
  publish: (tags: readonly string[]) => Promise<void>
}

/**
 * Keeps every instance's L1 in step with the shared route cache: an invalidation received by one
 * instance (a CMS webhook) is published on `<prefix>cache:invalidate`, and every instance drops the
 * pages carrying its tags from its own L1. While the subscription is down (Redis lost) an instance
 * cannot know what it missed: its L1 is emptied and takes nothing until it listens again, so pages
 * come from the shared store (or the memory stand-in) meanwhile. `onInvalidated` hears of each message
 * with the pages it dropped (the warm-up). Without Redis there is one instance:
 * nothing to tell.
 */
export const startInvalidationFeed = (cache: HotCache, onInvalidated: (tags: readonly string[], dropped: DroppedPage[]) => void = () => undefined): InvalidationFeed => {
  const redis = redisClient()
  const subscriber = redisSubscriber()
  if (!redis || !subscriber) return { listening: () => true, publish: async () => undefined }
  const channel = redisKey('cache:invalidate')
  let subscribed = false
  let subscribing = false
  const subscribe = (): void => {
    if (subscribed || subscribing) return
    subscribing = true
    subscriber.subscribe(channel).then(
      () => {
        subscribing = false
        // Nothing is kept while the feed is down (`listening`), and what was kept went when it closed.
        subscribed = true
      },
      (error: unknown) => {
        subscribing = false
        if (logThrottled('cache-feed-subscribe')) log.warn('Route cache invalidation feed: subscribing failed; trying again', { err: error })
        // A slow Redis (the command timed out) says nothing on the connection: try again until it answers.
        setTimeout(subscribe, SUBSCRIBE_RETRY_MS).unref()
      },
    )
  }
  subscriber.on('message', (_channel: string, raw: string) => {
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch {
      // Not ours: reported below like any other message that is not an invalidation.
    }
    const parsed = messageSchema.safeParse(json)
    if (parsed.success) onInvalidated(parsed.data.tags, cache.invalidateTags(parsed.data.tags))
    else log.error(`Ignoring a message on ${channel} that is not an invalidation`)
  })
  subscriber.on('close', () => {
    // Emptied, and a page rendering now is not kept either (`clear` counts as an invalidation).
    if (subscribed) cache.clear()
    subscribed = false
  })
  // ioredis subscribes again by itself on every reconnect (`ready`); this learns when that is done.
  subscriber.on('ready', subscribe)
  return {
    listening: () => subscribed,
    publish: async (tags) => {
      try {
        await redis.publish(channel, JSON.stringify({ tags }))
      } catch (error) {
        // Redis is down: every other instance's subscription is down too, so their L1s are empty and
        // take nothing until they listen again. Nothing is lost by not telling them.
        redisFallbacks.inc({ operation: 'route-cache-publish' })
        if (logThrottled('cache-feed-publish')) log.warn('Route cache invalidation feed: publishing failed', { err: error })
      }
    },
  }
}
