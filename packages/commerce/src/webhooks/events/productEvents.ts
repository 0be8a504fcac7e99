import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeChangeHook, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'
import type { InventoryChangedData, PriceChangedData, PublishState } from './types'

import type { SanitizedCommercePluginConfig } from '../../types'

import { coalesced } from '../../bulk/createTogether'
import { tableOf, transactionSql } from '../../database'
import { emitWebhookEvent, type EventData } from '../emit'
import { idsOf } from './ids'
import { priceResource, productResource, stockResource } from './resources'
import { changeLocale } from '../../localization/catalogueLocales'

type Variant = { id?: null | string; price?: null | number; sku?: null | string; stock?: null | number }
/** The parts of a product the events describe. */
type ProductState = {
  _status?: null | PublishState
  categories?: unknown
  compareAtPrice?: null | number
  currency?: null | string
  id: number
  price?: null | number
  sku?: null | string
  slug?: null | string
  stock?: null | number
  title?: null | string
  variants?: null | Variant[]
}

const SNAPSHOT = 'webhooks:publishedProduct'

/**
 * The row as the adapter reads it holds every locale's texts (`{ en, de }`); the event describes the
 * product in the request's locale, as `doc` is (a German edit's slug is the German one), the default
 * locale's where that one has none.
 */
const inRequestLocale = (req: PayloadRequest, product: ProductState): ProductState => {
  const { localization } = req.payload.config
  if (!localization) return product
  const pick = (value: unknown): null | string => {
    if (typeof value === 'string' || value === null || value === undefined) return value ?? null
    const texts = value as Record<string, null | string | undefined>
    return texts[req.locale ?? localization.defaultLocale] || texts[localization.defaultLocale] || null
  }
  return { ...product, slug: pick(product.slug), title: pick(product.title) }
}

const snapshotKey = (id: number) => `${SNAPSHOT}:${id}`

/** Before an update: the product's main row, which is what shoppers saw if it is published (not the latest draft). */
export const snapshotPublishedProduct =
  (config: SanitizedCommercePluginConfig): CollectionBeforeChangeHook =>
  async ({ data, operation, originalDoc, req }) => {
    const id = (originalDoc as { id?: number } | undefined)?.id
    if (operation !== 'update' || id === undefined || config.disabled) return data
    const published = (await req.payload.db.findOne({ collection: config.slugs.products, req, where: { id: { equals: id } } })) as ProductState | null
    req.context[snapshotKey(id)] = published && inRequestLocale(req, published)
    return data
  }

/** The publish state of the product's main row (saves created together ask in one query). */
const mainStatus = (req: PayloadRequest, slug: string, id: number): Promise<null | PublishState> =>
  coalesced(req, `webhooks:mainStatus:${slug}`, id, async (ids) => {
    const db = await transactionSql(req)
    const { rows } = await db.execute<{ id: number; status: null | PublishState }>(
      sql`select id, _status as status from ${sql.identifier(tableOf(req, slug))} where id in (${sql.join(ids.map((each) => sql`${each}`), sql`, `)})`,
    )
    const byId = new Map(rows.map((row) => [Number(row.id), row.status]))
    return ids.map((each) => byId.get(each) ?? null)
  })

const eventData = (doc: ProductState, status: PublishState, previous: null | ProductState, locale: string | undefined): EventData<'product.updated'> => ({
  categories: idsOf(doc.categories),
  id: doc.id,
  ...(locale && { locale }),
  resource: productResource(doc.id),
  slug: doc.slug ?? '',
  status,
  title: doc.title ?? '',
  ...(previous && { previous: { categories: idsOf(previous.categories), slug: previous.slug ?? '', status: previous._status ?? 'draft' } }),
})

/** Per SKU: the effective price (a variant's override, else the product's) and stock. */
const lines = (product: ProductState) => {
  const variants = product.variants ?? []
  if (variants.length === 0) {
    return new Map([[product.sku ?? '', { price: product.price ?? 0, sku: product.sku ?? '', stock: product.stock ?? 0, variant: null }]])
  }
  return new Map(
    variants.map((variant) => [
      variant.id ?? '',
      { price: variant.price ?? product.price ?? 0, sku: variant.sku ?? '', stock: variant.stock ?? 0, variant: variant.id ?? null },
    ]),
  )
}

const priceChanges = (before: ProductState, after: ProductState): PriceChangedData['items'] => {
  const old = lines(before)
  const compareAtChanged = (before.compareAtPrice ?? null) !== (after.compareAtPrice ?? null)
  return [...lines(after).entries()].flatMap(([key, line]) => {
    const previous = old.get(key)
    if (!previous || (previous.price === line.price && !compareAtChanged)) return []
    return [{ compareAtPrice: after.compareAtPrice ?? null, previousPrice: previous.price, price: line.price, sku: line.sku, variant: line.variant }]
  })
}

const stockChanges = (before: ProductState, after: ProductState): InventoryChangedData['items'] => {
  const old = lines(before)
  return [...lines(after).entries()].flatMap(([key, line]) => {
    const previous = old.get(key)
    if (!previous || previous.stock === line.stock) return []
    return [{ previousStock: previous.stock, sku: line.sku, stock: line.stock, variant: line.variant }]
  })
}

/**
 * Product events follow what shoppers can see. A draft saved over a published product changes nothing
 * for them, so it sends nothing; a product that is and was unpublished sends nothing. Publishing,
 * changing a published product and unpublishing send `product.created`/`product.updated` (with the
 * status and what it was before), plus `price.changed` and `inventory.changed` for the SKUs whose
 * price or stock moved while published.
 */
export const productWebhookEvents =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    if (config.disabled) return doc
    const product = doc as ProductState
    const status = await mainStatus(req, config.slugs.products, product.id)
    // A draft save leaves the published row alone (and, for a never-published product, stays a draft).
    if (product._status === 'draft' && status === 'published') return doc
    const before = operation === 'update' ? ((req.context[snapshotKey(product.id)] as null | ProductState | undefined) ?? null) : null
    delete req.context[snapshotKey(product.id)]
    const wasPublished = before?._status === 'published'
    if (status !== 'published' && !wasPublished) return doc

    const data = eventData(product, status ?? 'draft', before, changeLocale(req))
    await emitWebhookEvent(req, config, operation === 'create' ? 'product.created' : 'product.updated', data)
    if (!before || !wasPublished || status !== 'published') return doc
    const ref = { id: product.id, slug: product.slug ?? '' }
    const prices = priceChanges(before, product)
    if (prices.length > 0) {
      await emitWebhookEvent(req, config, 'price.changed', {
        currency: product.currency ?? config.defaultCurrency,
        items: prices,
        product: ref,
        resource: priceResource(product.id),
      })
    }
    const stock = stockChanges(before, product)
    if (stock.length > 0) await emitWebhookEvent(req, config, 'inventory.changed', { items: stock, product: ref, resource: stockResource(product.id) })
    return doc
  }

/** Deleting a product shoppers could see tells them to drop its pages. */
export const productDeletedWebhookEvent =
  (config: SanitizedCommercePluginConfig): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    const product = doc as ProductState
    if (config.disabled || product._status !== 'published') return doc
    await emitWebhookEvent(req, config, 'product.deleted', eventData(product, 'published', product, changeLocale(req)))
    return doc
  }
