import type { CollectionConfig } from 'payload'

import path from 'node:path'

import type { SanitizedCommercePluginConfig } from '../../types'

import { publicReadStaffWrite } from '../../access/publicReadStaffWrite'
import { listReferencesAfterChange, listReferencesAfterDelete, rememberListingReferences } from '../../catalogue/listing/listingHooks'
import { mediaDeletedWebhookEvent, mediaWebhookEvents, rememberProductsShowingMedia } from '../../webhooks/events/catalogueEvents'

/** WebP at these qualities is about a third the size of the JPEG a camera gives, with no visible loss. */
const webp = { format: 'webp', options: { quality: 80 } } as const

/**
 * Product photography and category images. Sharp turns every upload into three WebP renditions:
 * a square thumbnail for carts and lists, a 4:5 card for product grids and a large image for the
 * product page, each cropped around the focal point editors set.
 */
export const createMediaCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.media,
  access: publicReadStaffWrite(config.roles),
  admin: {
    defaultColumns: ['filename', 'alt', 'updatedAt'],
    group: 'Catalogue',
    useAsTitle: 'alt',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      admin: { description: 'Describes the image for people who cannot see it, and for search engines.' },
      maxLength: 300,
      required: true,
    },
  ],
  hooks: {
    afterChange: [mediaWebhookEvents(config), listReferencesAfterChange(config, 'media')],
    afterDelete: [mediaDeletedWebhookEvent(config), listReferencesAfterDelete(config, 'media')],
    beforeDelete: [rememberProductsShowingMedia(config), rememberListingReferences(config, 'media')],
  },
  upload: {
    adminThumbnail: 'thumbnail',
    focalPoint: true,
    formatOptions: webp,
    imageSizes: [
      // Lists and grids need every image at the same shape, so small originals are scaled up here.
      { name: 'thumbnail', fit: 'cover', formatOptions: webp, height: 160, width: 160, withoutEnlargement: false },
      { name: 'card', fit: 'cover', formatOptions: webp, height: 750, width: 600, withoutEnlargement: false },
      { name: 'full', fit: 'inside', formatOptions: webp, height: 1600, width: 1600, withoutEnlargement: true },
    ],
    mimeTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif'],
    staticDir: path.resolve(config.mediaDir),
  },
})
