import type { CollectionAfterChangeHook, CollectionAfterDeleteHook, CollectionBeforeDeleteHook } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../../types'

import { tableOf, transactionSql } from '../../database'
import { emitWebhookEvent, type EventData } from '../emit'
import { idOf } from './ids'
import { categoryResource, mediaResource } from './resources'
import { changeLocale } from '../../localization/catalogueLocales'

type CategoryState = { id: number; parent?: unknown; slug?: null | string; title?: null | string }
type MediaState = { alt?: null | string; filename?: null | string; id: number; url?: null | string }

const categoryData = (doc: CategoryState, locale: string | undefined, previous?: CategoryState): EventData<'category.updated'> => ({
  id: doc.id,
  ...(locale && { locale }),
  parent: idOf(doc.parent),
  resource: categoryResource(doc.id),
  slug: doc.slug ?? '',
  title: doc.title ?? '',
  ...(previous && { previous: { parent: idOf(previous.parent), slug: previous.slug ?? '' } }),
})

type Crumb = { doc?: unknown }

/**
 * Whether an update is nested-docs saving a category again right after creating it, only to put the
 * new id into its own breadcrumb. Its hooks run before ours, so that save would otherwise send
 * `category.updated` ahead of `category.created`, for a change no receiver can see.
 */
const isBreadcrumbSelfFill = (doc: Record<string, unknown>, previous: Record<string, unknown>): boolean => {
  const lastDoc = (crumbs: unknown): unknown => (Array.isArray(crumbs) ? (crumbs.at(-1) as Crumb | undefined)?.doc : undefined)
  if (lastDoc(previous.breadcrumbs) !== undefined && lastDoc(previous.breadcrumbs) !== null) return false
  if (idOf(lastDoc(doc.breadcrumbs)) !== doc.id) return false
  const rest = ({ breadcrumbs: _crumbs, updatedAt: _at, ...fields }: Record<string, unknown>) => JSON.stringify(fields)
  return rest(doc) === rest(previous)
}

/** `category.created` / `category.updated` (with the old slug and parent, whose pages change too). */
export const categoryWebhookEvents =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, previousDoc, req }) => {
    const category = doc as CategoryState
    if (operation === 'create') await emitWebhookEvent(req, config, 'category.created', categoryData(category, changeLocale(req)))
    else if (!isBreadcrumbSelfFill(doc, previousDoc)) {
      await emitWebhookEvent(req, config, 'category.updated', categoryData(category, changeLocale(req), previousDoc as CategoryState))
    }
    return doc
  }

export const categoryDeletedWebhookEvent =
  (config: SanitizedCommercePluginConfig): CollectionAfterDeleteHook =>
  async ({ doc, req }) => {
    await emitWebhookEvent(req, config, 'category.deleted', categoryData(doc as CategoryState, changeLocale(req), doc as CategoryState))
    return doc
  }

/** Published products showing the image, whose pages a receiver refreshes. */
const productsShowing = async (req: Parameters<CollectionAfterDeleteHook>[0]['req'], config: SanitizedCommercePluginConfig, media: number): Promise<number[]> => {
  const db = await transactionSql(req)
  const products = tableOf(req, config.slugs.products)
  const { rows } = await db.execute<{ id: number }>(sql`
    select distinct r.parent_id as id from ${sql.identifier(`${products}_rels`)} r
    where r.path = 'images' and r.${sql.identifier(`${tableOf(req, config.slugs.media)}_id`)} = ${media}
    order by 1`)
  return rows.map((row) => Number(row.id))
}

const mediaData = async (req: Parameters<CollectionAfterDeleteHook>[0]['req'], config: SanitizedCommercePluginConfig, doc: MediaState): Promise<EventData<'media.updated'>> => ({
  alt: doc.alt ?? '',
  filename: doc.filename ?? '',
  id: doc.id,
  products: await productsShowing(req, config, doc.id),
  resource: mediaResource(doc.id),
  url: doc.url ?? '',
})

export const mediaWebhookEvents =
  (config: SanitizedCommercePluginConfig): CollectionAfterChangeHook =>
  async ({ doc, operation, req }) => {
    const data = await mediaData(req, config, doc as MediaState)
    await emitWebhookEvent(req, config, operation === 'create' ? 'media.created' : 'media.updated', data)
    return doc
  }

const showingKey = (id: number | string) => `webhooks:mediaProducts:${id}`

/** Before a delete: the products showing the image, whose relationship rows the delete removes. */
export const rememberProductsShowingMedia =
  (config: SanitizedCommercePluginConfig): CollectionBeforeDeleteHook =>
  async ({ id, req }) => {
    if (!config.disabled) req.context[showingKey(id)] = await productsShowing(req, config, Number(id))
  }

export const mediaDeletedWebhookEvent =
  (config: SanitizedCommercePluginConfig): CollectionAfterDeleteHook =>
  async ({ doc, id, req }) => {
    const remembered = req.context[showingKey(id)]
    const products = Array.isArray(remembered) ? remembered.filter((value): value is number => typeof value === 'number') : []
    await emitWebhookEvent(req, config, 'media.deleted', { ...(await mediaData(req, config, doc as MediaState)), products })
    return doc
  }
