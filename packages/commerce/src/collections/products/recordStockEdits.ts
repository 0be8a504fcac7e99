import type { CollectionAfterChangeHook } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'

import { coalesced } from '../../bulk/createTogether'
import { transactionSql } from '../../database'
import { recordMovements, type StockChange, stockTables } from '../../inventory/stock'
import { emitStockChanges } from '../../webhooks/events/inventoryEvents'
import { type LiveStock, readLiveStock } from './liveStock'
import { liveBeforeKey } from './rebaseStockEdits'

type Saved = { id: number; sku?: null | string; stock?: null | number; variants?: null | Array<{ id?: null | string; sku?: null | string; stock?: null | number }> }

/**
 * After a product save: writes every change of stock to the ledger (`edit` by the user, or `initial`
 * for a new product), and, when the save was a draft (Payload writes only a version then), applies the
 * new levels to the live rows at once. Stock is what is on the shelf now, not versioned content: a
 * draft does not hold back a recount, and restoring an old version never brings old stock back.
 */
export const recordStockEdits =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ data, doc, operation, req }) => {
    // `doc` holds only what the caller selected (the seed asks for the SKU alone); what was written is
    // in `data`, so the levels come from there whenever the selection left them out.
    const saved = { ...data, ...doc } as Saved
    const t = stockTables(req, config.slugs)
    const before = req.context[liveBeforeKey(saved.id)] as LiveStock | undefined
    // Saves created together (an import) read their live rows in one query.
    const now = await coalesced(req, `stock:live:${t.products}`, saved.id, async (ids) => {
      const live = await readLiveStock(req, t, ids)
      return ids.map((id) => live.get(id))
    })
    if (!now || (operation === 'update' && !before)) return doc
    const db = await transactionSql(req)

    const changes: StockChange[] = []
    const draftWrites: StockChange[] = []
    const consider = (variant: null | string, sku: string, wanted: number, live: number, previous: number) => {
      if (wanted !== live) draftWrites.push({ delta: wanted - live, product: saved.id, sku, stock: wanted, variant })
      if (wanted !== previous) changes.push({ delta: wanted - previous, product: saved.id, sku, stock: wanted, variant })
    }
    consider(null, now.sku, saved.stock ?? 0, now.stock, before ? before.stock : 0)
    for (const variant of saved.variants ?? []) {
      const live = variant.id ? now.variants.get(variant.id) : undefined
      // A variant added in a draft is not on sale yet: its stock goes live when it is published.
      if (!live || !variant.id) continue
      consider(variant.id, live.sku, variant.stock ?? 0, live.stock, before ? (before.variants.get(variant.id)?.stock ?? 0) : 0)
    }

    for (const write of draftWrites) {
      await db.execute(
        write.variant
          ? sql`update ${sql.identifier(t.variants)} set stock = ${write.stock} where id = ${write.variant} and _parent_id = ${saved.id}`
          : sql`update ${sql.identifier(t.products)} set stock = ${write.stock} where id = ${saved.id}`,
      )
    }
    const actor = typeof req.user?.id === 'number' ? req.user.id : null
    const movement = { actor, actorType: actor === null ? 'system' : 'user', reason: operation === 'create' ? 'initial' : 'edit' } as const
    await coalesced(req, `stock:movements:${movement.reason}:${actor}`, changes, async (all) => {
      await recordMovements(req, t, all.flat(), movement)
      return all.map(() => undefined)
    })
    // A published save's stock events come from `productWebhookEvents`; a draft's live change is announced here.
    if (draftWrites.length > 0) await emitStockChanges(req, config, changes)
    return doc
  }
