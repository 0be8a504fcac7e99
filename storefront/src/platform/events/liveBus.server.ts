import type { Redis } from 'ioredis'

import { log, logThrottled } from '../observability/log'
import { liveEventsSent, liveFanoutDuration, redisFallbacks } from '../observability/storefrontMetrics'
import { redisClient, redisKey, redisSubscriber } from '../redis/redis.server'
import { compareLiveEventIds, liveEventOrder } from './liveEventId'
import type { LiveEvent } from './liveFrame'

/**
 * KEYS: the channel's replay stream; ARGV: its length, the event's JSON, the stream's expiry, the bus,
 * the channel's name as JSON. Appends the event, keeps the stream, and publishes `{ channel, data, id }`
 * on the bus with the id Redis gave it: one round trip on the path of every webhook's live update.
 */
const PUBLISH_SCRIPT = `
local id = redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'data', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
redis.call('PUBLISH', ARGV[4], '{"channel":' .. ARGV[5] .. ',"data":' .. ARGV[2] .. ',"id":"' .. id .. '"}')
return id`

/** Events kept per channel for reconnects (`Last-Event-ID`). */
const REPLAY_LENGTH = 100
/** How long a channel's replay log outlives its last event. */
const REPLAY_SECONDS = 60 * 60

/** Hears one event; true when it wrote it somewhere (counted in `storefront_live_events_sent_total`). */
type Listener = (event: LiveEvent) => boolean

/**
 * Each event's id as numbers, parsed once per event however many listeners compare it with the last
 * one they sent (a busy product has thousands).
 */
const orders = new WeakMap<LiveEvent, readonly [number, number]>()
const orderOf = (event: LiveEvent): readonly [number, number] => {
  let order = orders.get(event)
  if (!order) {
    order = liveEventOrder(event.id)
    orders.set(event, order)
  }
  return order
}

/** Local listeners per channel: every open SSE response of this instance. */
const listeners = new Map<string, Set<Listener>>()

const deliver = (channel: string, event: LiveEvent): void => {
  const started = performance.now()
  let sent = 0
  for (const listener of listeners.get(channel) ?? []) if (listener(event)) sent += 1
  // One metric update per event, not one per stream.
  if (sent > 0) liveEventsSent.inc(sent)
  liveFanoutDuration.observe((performance.now() - started) / 1000)
}

const addListener = (channel: string, listener: Listener): (() => void) => {
  const set = listeners.get(channel) ?? new Set()
  set.add(listener)
  listeners.set(channel, set)
  return () => {
    set.delete(listener)
    if (set.size === 0) listeners.delete(channel)
  }
}

type Transport = {
  /** Appends to the channel's replay log and fans the event out to every instance; resolves to its id. */
  publish: (channel: string, data: unknown) => Promise<string>
  /** Events of `channel` after `afterId`, oldest first. */
  replay: (channel: string, afterId: string) => Promise<LiveEvent[]>
  /** Resolves once this instance receives every channel's events. */
  ready: () => Promise<void>
}

/**
 * Redis: the replay log is a stream per channel (`<prefix>live:stream:<channel>`, capped with
 * `MAXLEN ~`), and one pub/sub channel (`<prefix>live`) carries every event to every instance, which
 * needs one subscriber connection per instance however many visitors listen. While Redis fails, events
 * reach this instance's own listeners through `local` (degraded: other instances miss them).
 */
const redisTransport = (redis: Redis, local: Transport): Transport => {
  const streamKey = (channel: string): string => redisKey(`live:stream:${channel}`)
  const bus = redisKey('live')
  let subscriber: Redis | undefined
  let subscribed: Promise<void> | undefined
  const ready = (): Promise<void> => {
    subscribed ??= (async () => {
      if (!subscriber) {
        subscriber = redisSubscriber()
        if (!subscriber) throw new Error('REDIS_URL is unset: no subscriber connection')
        subscriber.on('message', (_channel: string, raw: string) => {
          let parsed: unknown
          try {
            parsed = JSON.parse(raw)
          } catch (error) {
            // Not ours (something else published on the channel): log it and keep the fan-out alive.
            log.error(`Ignoring a message on ${bus} that is not JSON`, { err: error })
            return
          }
          if (typeof parsed !== 'object' || parsed === null || !('channel' in parsed) || !('id' in parsed) || !('data' in parsed)) return
          if (typeof parsed.channel !== 'string' || typeof parsed.id !== 'string') return
          deliver(parsed.channel, { data: parsed.data, id: parsed.id })
        })
      }
      // Once subscribed, ioredis subscribes again by itself after every reconnect.
      await subscriber.subscribe(bus)
    })().catch((error: unknown) => {
      // Try again with the next listener rather than staying unsubscribed for good.
      subscribed = undefined
      throw error
    })
    return subscribed
  }
  const publishToRedis = async (channel: string, data: unknown): Promise<string> => {
    const id = await redis.eval(PUBLISH_SCRIPT, 1, streamKey(channel), String(REPLAY_LENGTH), JSON.stringify(data), String(REPLAY_SECONDS), bus, JSON.stringify(channel))
    if (typeof id !== 'string') throw new Error(`Publishing on ${streamKey(channel)} returned no event id`)
    return id
  }
  const replayFromRedis = async (channel: string, afterId: string): Promise<LiveEvent[]> => {
    const entries = await redis.xrange(streamKey(channel), `(${afterId}`, '+', 'COUNT', REPLAY_LENGTH)
    return entries.flatMap(([id, fields]) => {
      const json = fields[fields.indexOf('data') + 1]
      return json === undefined ? [] : [{ data: JSON.parse(json) as unknown, id }]
    })
  }
  /** Runs `run` on Redis; while Redis fails, `instead` in this process. */
  const degraded = async <T>(operation: string, run: () => Promise<T>, instead: () => Promise<T>): Promise<T> => {
    try {
      return await run()
    } catch (error) {
      redisFallbacks.inc({ operation: `live-${operation}` })
      if (logThrottled(`live-${operation}`)) log.warn('Live updates unavailable in Redis; this instance only', { err: error, operation })
      return instead()
    }
  }
  return {
    publish: (channel, data) => degraded('publish', () => publishToRedis(channel, data), () => local.publish(channel, data)),
    ready: () => degraded('subscribe', ready, local.ready),
    replay: (channel, afterId) => degraded('replay', () => replayFromRedis(channel, afterId), () => local.replay(channel, afterId)),
  }
}

/** Memory, for a single instance: a ring buffer per channel and in-process delivery. */
const memoryTransport = (): Transport => {
  const logs = new Map<string, LiveEvent[]>()
  let lastMs = 0
  let seq = 0
  return {
    publish: async (channel, data) => {
      const now = Date.now()
      seq = now === lastMs ? seq + 1 : 0
      lastMs = now
      const event = { data, id: `${now}-${seq}` }
      logs.set(channel, [...(logs.get(channel) ?? []), event].slice(-REPLAY_LENGTH))
      deliver(channel, event)
      return event.id
    },
    ready: async () => undefined,
    replay: async (channel, afterId) => (logs.get(channel) ?? []).filter((event) => compareLiveEventIds(event.id, afterId) > 0),
  }
}

let transport: Transport | undefined
const current = (): Transport => {
  if (!transport) {
    const redis = redisClient()
    transport = redis ? redisTransport(redis, memoryTransport()) : memoryTransport()
  }
  return transport
}

/** Publishes `data` on `channel` to every listener of every instance. */
export const publishLive = (channel: string, data: unknown): Promise<string> => current().publish(channel, data)

/**
 * Listens to `channel`: first the events after `lastEventId` (a reconnect's `Last-Event-ID`), then new
 * ones, each once and in order. Returns the function that stops listening.
 */
export const subscribeLive = async (channel: string, lastEventId: string | undefined, listener: Listener): Promise<() => void> => {
  const bus = current()
  await bus.ready()
  // Listen before reading the log, holding live events back, so nothing published meanwhile is lost.
  let lastSent: readonly [number, number] | undefined = lastEventId === undefined ? undefined : liveEventOrder(lastEventId)
  let held: LiveEvent[] | undefined = []
  const send = (event: LiveEvent): boolean => {
    const order = orderOf(event)
    if (lastSent !== undefined && compareLiveEventIds(order, lastSent) <= 0) return false
    lastSent = order
    return listener(event)
  }
  const stop = addListener(channel, (event) => {
    if (!held) return send(event)
    held.push(event)
    return false
  })
  try {
    if (lastEventId !== undefined) for (const event of await bus.replay(channel, lastEventId)) send(event)
  } catch (error) {
    stop()
    throw error
  }
  for (const event of held) send(event)
  held = undefined
  return stop
}
