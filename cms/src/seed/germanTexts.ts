import type { Payload } from 'payload'

import type { CategorySeed, ProductSeed } from './types'

import { paragraphs } from './richText'

const GERMAN = 'de'

/** Read German values as stored, without Payload's fallback to English: empty is what has no German text. */
const asStored = { fallbackLocale: false, locale: GERMAN } as const

/** What the seed's German writes name as their author in the audit log. */
const seedContext = { auditActor: 'seed' }

export type GermanTextsResult = { categories: number; products: number; shippingMethods: number }

/** True when the host's localization has a German locale (the seed also runs in hosts without one). */
export const hasGermanLocale = (payload: Payload): boolean => {
  const localization = payload.config.localization
  return localization !== false && localization.localeCodes.includes(GERMAN)
}

const isEmptyText = (value: unknown): boolean => typeof value !== 'string' || value.trim() === ''

/** A Lexical value with no text in it (absent, or only empty paragraphs). */
const isEmptyRichText = (value: unknown): boolean => {
  const hasText = (node: unknown): boolean => {
    if (typeof node !== 'object' || node === null) return false
    const { children, text } = node as { children?: unknown; text?: unknown }
    if (typeof text === 'string' && text.trim() !== '') return true
    return Array.isArray(children) && children.some(hasText)
  }
  return !hasText((value as { root?: unknown } | null | undefined)?.root)
}

/**
 * Writes each demo category's German title, slug and description where that text is still empty, so
 * an editor's German edits survive every later run. Children first: saving a parent in German makes
 * the nested-docs plugin re-save its children in German, and a child without German texts of its own
 * would be re-saved with its English breadcrumb rows (their ids) as German ones, which the database
 * refuses; saved last, each parent rebuilds its children's German breadcrumbs from its German title
 * and slug. What is empty is read once, before any write, because those re-saves fill in children.
 */
export const ensureGermanCategoryTexts = async (
  payload: Payload,
  seeds: readonly CategorySeed[],
  ids: ReadonlyMap<string, number>,
): Promise<number> => {
  const wanted = seeds.flatMap((seed) => {
    const id = ids.get(seed.slug)
    return id === undefined ? [] : [{ id, seed }]
  })
  if (wanted.length === 0) return 0
  const stored = await payload.find({
    ...asStored,
    collection: 'categories',
    depth: 0,
    pagination: false,
    select: { description: true, slug: true, title: true },
    where: { id: { in: wanted.map(({ id }) => id) } },
  })
  const byId = new Map(stored.docs.map((doc) => [doc.id, doc]))
  let written = 0
  for (const { id, seed } of [...wanted].reverse()) {
    const doc = byId.get(id)
    const data = {
      ...(isEmptyText(doc?.title) ? { title: seed.de.title } : {}),
      ...(isEmptyText(doc?.slug) ? { slug: seed.de.slug } : {}),
      ...(isEmptyText(doc?.description) ? { description: seed.de.description } : {}),
    }
    if (Object.keys(data).length === 0) continue
    try {
      await payload.update({ collection: 'categories', context: seedContext, data, depth: 0, id, locale: GERMAN, select: { slug: true } })
    } catch (error) {
      throw new Error(`Could not write the German texts of the category "${seed.slug}"`, { cause: error })
    }
    written += 1
  }
  return written
}

/**
 * Writes each demo product's German title, slug, description and SEO texts where that text is still
 * empty (one save per product, in German, with every hook of an editor's save). Read as an editor
 * sees it (the latest version, drafts included); a draft stays a draft.
 */
export const ensureGermanProductTexts = async (payload: Payload, seeds: readonly ProductSeed[]): Promise<number> => {
  const translated = seeds.filter((seed) => seed.de !== undefined)
  if (translated.length === 0) return 0
  const stored = await payload.find({
    ...asStored,
    collection: 'products',
    depth: 0,
    draft: true,
    pagination: false,
    select: { _status: true, description: true, seo: true, sku: true, slug: true, title: true },
    where: { sku: { in: translated.map((seed) => seed.sku) } },
  })
  const bySku = new Map(stored.docs.map((doc) => [doc.sku, doc]))
  let written = 0
  for (const seed of translated) {
    const doc = bySku.get(seed.sku)
    if (!doc || !seed.de) continue
    const { de } = seed
    const seo = {
      ...(isEmptyText(doc.seo?.title) ? { title: de.title.slice(0, 70) } : {}),
      ...(isEmptyText(doc.seo?.description) ? { description: de.seoDescription } : {}),
    }
    const data = {
      ...(isEmptyText(doc.title) ? { title: de.title } : {}),
      ...(isEmptyText(doc.slug) ? { slug: de.slug } : {}),
      ...(isEmptyRichText(doc.description) ? { description: paragraphs(de.description) } : {}),
      ...(Object.keys(seo).length > 0 ? { seo } : {}),
    }
    if (Object.keys(data).length === 0) continue
    try {
      await payload.update({
        collection: 'products',
        context: seedContext,
        data,
        depth: 0,
        draft: doc._status === 'draft',
        id: doc.id,
        locale: GERMAN,
        select: { sku: true },
      })
    } catch (error) {
      throw new Error(`Could not write the German texts of the product ${seed.sku}`, { cause: error })
    }
    written += 1
  }
  return written
}

/** The demo shop's shipping methods in German, by method code (the plugin's default zone: `standard`, `express`). */
const GERMAN_SHIPPING_LABELS: Readonly<Record<string, string>> = {
  express: 'Express (nächster Werktag)',
  standard: 'Standard (3–5 Werktage)',
}

type ZoneMethod = { code?: null | string; id?: null | string; label?: null | string }

/**
 * Writes the German label of each shipping method the demo knows (by code) where it has none yet, in
 * every zone, so the German checkout reads German methods. Labels staff typed, and methods of other
 * codes (they read English until staff translate them), stay as they are. Returns how many were written.
 */
export const ensureGermanShippingLabels = async (payload: Payload): Promise<number> => {
  const { docs } = await payload.find({ collection: 'shipping-zones', depth: 0, limit: 100, overrideAccess: true, pagination: false, ...asStored })
  let written = 0
  for (const zone of docs) {
    const methods = (zone.methods ?? []) as ZoneMethod[]
    const missing = methods.filter((method) => isEmptyText(method.label) && GERMAN_SHIPPING_LABELS[method.code ?? ''] !== undefined)
    if (missing.length === 0) continue
    const translated = methods.map((method) => ({ ...method, label: isEmptyText(method.label) ? GERMAN_SHIPPING_LABELS[method.code ?? ''] : method.label }))
    await payload.update({ collection: 'shipping-zones', context: seedContext, data: { methods: translated } as never, id: zone.id, locale: GERMAN, overrideAccess: true })
    written += missing.length
  }
  return written
}
