/** Entries the in-memory log keeps by default (oldest dropped first). */
const MEMORY_MAX = 10_000

/** What the receiver remembers about deliveries: which it applied, and each resource's last sequence. */
export type DeliveryLog = {
  /** Claims a delivery id: false when it was already claimed (a duplicate). */
  claim: (deliveryId: string) => Promise<boolean>
  /** Gives a claimed id back after a failure, so the CMS's retry is applied. */
  release: (deliveryId: string) => Promise<void>
  /**
   * Records `sequence` for `resource` when it is newer than the last one applied. Resolves to false for
   * a stale event, else to the function that undoes the record (when applying the event failed).
   */
  advance: (resource: string, sequence: number) => Promise<false | (() => Promise<void>)>
}

/** A Map bounded to its most recent entries. */
const boundedMap = <V>(max: number) => {
  const map = new Map<string, V>()
  return {
    delete: (key: string) => map.delete(key),
    get: (key: string) => map.get(key),
    set: (key: string, value: V) => {
      map.delete(key)
      map.set(key, value)
      for (const oldest of map.keys()) {
        if (map.size <= max) break
        map.delete(oldest)
      }
    },
  }
}

/** The delivery log of a single instance, in memory, remembering the latest 10,000 ids and resources. */
export const createMemoryDeliveryLog = (max = MEMORY_MAX): DeliveryLog => {
  const seen = boundedMap<true>(max)
  const sequences = boundedMap<number>(max)
  return {
    advance: async (resource, sequence) => {
      const current = sequences.get(resource)
      if (current !== undefined && current >= sequence) return false
      sequences.set(resource, sequence)
      return async () => {
        if (sequences.get(resource) !== sequence) return
        if (current === undefined) sequences.delete(resource)
        else sequences.set(resource, current)
      }
    },
    claim: async (id) => {
      if (seen.get(id)) return false
      seen.set(id, true)
      return true
    },
    release: async (id) => {
      seen.delete(id)
    },
  }
}

