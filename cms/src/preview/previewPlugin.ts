import type { CollectionConfig, Config, PayloadRequest, Plugin } from 'payload'

import { isPreviewCollection, mintPreviewToken, type PreviewCollection } from '@showroom/shared-types/preview'

import { previewEndpoints } from './previewEndpoints'

export type PreviewOptions = {
  /** Signs the tokens (`PREVIEW_SECRET`); the storefront checks them with the same secret. */
  secret: string
  /** The storefront's origin its preview pages are served from (`STOREFRONT_URL`'s first origin). */
  storefrontUrl: string
  /** How long a token stays valid, in seconds (`PREVIEW_TOKEN_MINUTES` × 60). */
  ttlSeconds: number
}

/** The sizes the Live Preview toolbar offers beside "Responsive". */
const BREAKPOINTS = [
  { height: 844, label: 'Mobile', name: 'mobile', width: 390 },
  { height: 1024, label: 'Tablet', name: 'tablet', width: 768 },
  { height: 900, label: 'Desktop', name: 'desktop', width: 1440 },
]

/**
 * Whether the request's user may edit the document: staff (the collection's own `update` access, not a
 * copy of its rule). Payload also serves `admin.preview` over REST (`GET /:collection/:id/preview`), so
 * this, not the admin's sign-in, is what keeps tokens from anyone else.
 */
const mayEdit = async (req: PayloadRequest, collection: PreviewCollection, id: number): Promise<boolean> => {
  const update = req.payload.collections[collection]?.config.access.update
  return req.user !== null && update !== undefined && (await update({ id, req })) === true
}

/** The storefront page that previews `collection`'s document `id`, with a token only its editors get. */
const previewUrl = async (options: PreviewOptions, collection: PreviewCollection, id: unknown, req: PayloadRequest): Promise<null | string> => {
  // Unsaved documents have nothing to preview yet.
  if (typeof id !== 'number' || !(await mayEdit(req, collection, id))) return null
  const token = await mintPreviewToken({ collection, id }, { secret: options.secret, ttlSeconds: options.ttlSeconds })
  const url = new URL(`/preview/${collection}/${id}`, options.storefrontUrl)
  url.searchParams.set('token', token)
  return url.href
}

const withPreview = (options: PreviewOptions, collection: CollectionConfig): CollectionConfig => {
  const slug = collection.slug
  if (!isPreviewCollection(slug)) return collection
  return {
    ...collection,
    admin: {
      ...collection.admin,
      livePreview: {
        breakpoints: BREAKPOINTS,
        url: ({ data, req }) => previewUrl(options, slug, data.id, req),
      },
      preview: (doc, { req }) => previewUrl(options, slug, doc.id, req),
    },
  }
}

/**
 * Storefront preview (docs/preview.md): products and categories get Live Preview (their storefront page in
 * the admin, with breakpoints, following unsaved edits) and a Preview link, both carrying a token bound
 * to the document; `GET`/`POST /preview/:collection/:id` answer the storefront that token's draft.
 * Apply after the commerce plugin (which adds the collections) and before `rejectBadInput`.
 */
export const storefrontPreview =
  (options: PreviewOptions): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: config.collections?.map((collection) => withPreview(options, collection)),
    endpoints: [...(config.endpoints ?? []), ...previewEndpoints(options.secret)],
  })
