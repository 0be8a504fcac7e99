import { LRUCache } from 'lru-cache'

/** Entries the in-memory log keeps by default (oldest dropped first). */
const MEMORY_MAX = 10_000

/** What `admit` found: a duplicate id, a stale event (its id is claimed all the same), or a new one with its undo. */
export type Admission = { kind: 'duplicate' } | { kind: 'new'; undo: () => Promise<void> } | { kind: 'stale' }

/** What the receiver remembers about deliveries: which it applied, and each resource's last sequence. */
export type DeliveryLog = {
  /**
   * `claim`, then (for a new id) `advance`, in one step: one Redis round trip on the path of every
   * webhook. `undo` releases the id and undoes the sequence, so the CMS's retry is applied.
   */
  admit: (deliveryId: string, resource: string, sequence: number) => Promise<Admission>
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

/** The delivery log of a single instance, in memory (`lru-cache`), remembering the latest 10,000 ids and resources. */
export const createMemoryDeliveryLog = (max = MEMORY_MAX): DeliveryLog => {
  const seen = new LRUCache<string, true>({ max })
  const sequences = new LRUCache<string, number>({ max })
  const log: DeliveryLog = {
    admit: (id, resource, sequence) => admitWith(log, id, resource, sequence),
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
      if (seen.has(id)) return false
      seen.set(id, true)
      return true
    },
    release: async (id) => {
      seen.delete(id)
    },
  }
  return log
}

/** `admit` from `claim` and `advance`, for a log without a single step of its own. */
export const admitWith = async (log: Pick<DeliveryLog, 'advance' | 'claim' | 'release'>, id: string, resource: string, sequence: number): Promise<Admission> => {
  if (!(await log.claim(id))) return { kind: 'duplicate' }
  const undoSequence = await log.advance(resource, sequence)
  if (!undoSequence) return { kind: 'stale' }
  return {
    kind: 'new',
    undo: async () => {
      await undoSequence()
      await log.release(id)
    },
  }
}

