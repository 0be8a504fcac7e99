import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import type { CommerceSlugs } from '../../types'

import { readInLocale } from '../../localization/catalogueLocales'

type Doc = Record<string, unknown> & { id: number }

/** A published product as an anonymous reader gets it from Payload's find, at depth 0 and at depth 1. */
export type ListingDocs = { depth0: Doc; depth1: Doc }

/**
 * A request as an anonymous reader's, in `req`'s transaction: the Local API takes `req.user` when
 * given a request, so a fresh one (sharing only the transaction) is the way to read with the
 * public's access and field rules, and with a data loader of its own.
 */
const anonymousIn = (req: PayloadRequest): Partial<PayloadRequest> => ({ context: {}, transactionID: req.transactionID })

const readAnonymously = async (req: PayloadRequest, collection: CollectionSlug, ids: number[], depth: number, locale: string): Promise<Doc[]> => {
  if (ids.length === 0) return []
  const where: Where = { id: { in: ids } }
  const { docs } = await req.payload.find({ collection, depth, limit: ids.length, overrideAccess: false, pagination: false, req: anonymousIn(req), where, ...readInLocale(req.payload, locale) })
  return docs as unknown as Doc[]
}

const idOf = (value: unknown): null | number => (typeof value === 'number' ? value : null)

/**
 * Whether a Lexical document links to other documents (an upload, a relationship, an internal link):
 * Payload populates those at depth 1 too, so such a product's depth-1 document is read from Payload.
 */
const hasRichTextReferences = (value: unknown): boolean => {
  if (Array.isArray(value)) return value.some(hasRichTextReferences)
  if (value === null || typeof value !== 'object') return false
  const node = value as Record<string, unknown>
  if (node.type === 'upload' || node.type === 'relationship') return true
  if ((node.fields as { doc?: unknown } | undefined)?.doc !== undefined) return true
  return Object.values(node).some(hasRichTextReferences)
}

/**
 * The listing documents of the given products that anonymous readers can see (published ones; the
 * others are absent from the result), in `locale` with the default locale's texts where one is missing
 * (what `?locale=<code>` gives through REST). Depth 0 is Payload's own find; depth 1 is that document with
 * each category, image and variant image replaced by the related document as Payload's find gives it
 * at depth 0 (what Payload's depth-1 population does, field order included), or left as the id when
 * that document is gone. A product whose description references documents is read at depth 1 from
 * Payload instead, since Payload populates inside rich text too.
 */
export const buildListingDocs = async (req: PayloadRequest, slugs: Pick<CommerceSlugs, 'categories' | 'media' | 'products'>, ids: number[], locale: string): Promise<Map<number, ListingDocs>> => {
  const products = await readAnonymously(req, slugs.products, ids, 0, locale)
  const categoryIds = new Set<number>()
  const mediaIds = new Set<number>()
  for (const product of products) {
    for (const category of (product.categories as unknown[] | undefined) ?? []) if (idOf(category) !== null) categoryIds.add(category as number)
    for (const image of (product.images as unknown[] | undefined) ?? []) if (idOf(image) !== null) mediaIds.add(image as number)
    for (const variant of (product.variants as Array<{ image?: unknown }> | undefined) ?? []) if (idOf(variant.image) !== null) mediaIds.add(variant.image as number)
  }
  const [categories, media] = await Promise.all([
    readAnonymously(req, slugs.categories, [...categoryIds], 0, locale),
    readAnonymously(req, slugs.media, [...mediaIds], 0, locale),
  ])
  const categoryById = new Map(categories.map((doc) => [doc.id, doc]))
  const mediaById = new Map(media.map((doc) => [doc.id, doc]))
  const populate = (value: unknown, docs: Map<number, Doc>): unknown => (idOf(value) !== null ? (docs.get(value as number) ?? value) : value)

  const withReferences = products.filter((product) => hasRichTextReferences(product.description)).map((product) => product.id)
  const readAtDepth1 = new Map((await readAnonymously(req, slugs.products, withReferences, 1, locale)).map((doc) => [doc.id, doc]))

  const result = new Map<number, ListingDocs>()
  for (const product of products) {
    const depth1 = readAtDepth1.get(product.id) ?? {
      ...product,
      ...('categories' in product && { categories: (product.categories as unknown[] | null)?.map((value) => populate(value, categoryById)) ?? null }),
      ...('images' in product && { images: (product.images as unknown[] | null)?.map((value) => populate(value, mediaById)) ?? null }),
      ...('variants' in product && {
        variants:
          (product.variants as Array<Record<string, unknown>> | null)?.map((variant) =>
            'image' in variant ? { ...variant, image: populate(variant.image, mediaById) } : variant,
          ) ?? null,
      }),
    }
    result.set(product.id, { depth0: product, depth1 })
  }
  return result
}
