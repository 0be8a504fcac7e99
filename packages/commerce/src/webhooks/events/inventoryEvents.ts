import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import type { InventoryChangedData } from './types'

import type { StockChange } from '../../inventory/stock'
import type { SanitizedCommercePluginConfig } from '../../types'

import { invalidateCatalogueAfterCommit } from '../../catalogue/listing/listingHooks'
import { tableOf, transactionSql } from '../../database'
import { emitWebhookEvent, receiversOf } from '../emit'
import { stockResource } from './resources'
import { catalogueLocales, localizedColumnSql } from '../../localization/catalogueLocales'

/**
 * `inventory.changed` for stock moved outside a product save (checkout takes it, a cancel or refund
 * returns it): one event per product, in the transaction that moved it, after its rows are locked.
 */
export const emitStockChanges = async (req: PayloadRequest, config: SanitizedCommercePluginConfig, changes: StockChange[]): Promise<void> => {
  // Cached catalogue responses show stock: they go once the move commits (the listing reads live stock itself).
  if (changes.length > 0) await invalidateCatalogueAfterCommit(req)
  if (changes.length === 0 || config.disabled || (await receiversOf(req, config, 'inventory.changed')).length === 0) return
  const byProduct = new Map<number, InventoryChangedData['items']>()
  for (const change of changes) {
    byProduct.set(change.product, [
      ...(byProduct.get(change.product) ?? []),
      { previousStock: change.stock - change.delta, sku: change.sku, stock: change.stock, variant: change.variant },
    ])
  }
  const db = await transactionSql(req)
  const ids = [...byProduct.keys()]
  const products = tableOf(req, config.slugs.products)
  // Stock is the same in every language; the event names the product by its default locale's slug.
  const slugSql = localizedColumnSql(req.payload, products, 'slug', sql`p.id`, catalogueLocales(req.payload).defaultLocale, 'p')
  const { rows } = await db.execute<{ id: number; slug: null | string }>(
    sql`select p.id, ${slugSql} as slug from ${sql.identifier(products)} p where p.id in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`,
  )
  const slugs = new Map(rows.map((row) => [Number(row.id), row.slug ?? '']))
  for (const [product, items] of byProduct) {
    await emitWebhookEvent(req, config, 'inventory.changed', { items, product: { id: product, slug: slugs.get(product) ?? '' }, resource: stockResource(product) })
  }
}
