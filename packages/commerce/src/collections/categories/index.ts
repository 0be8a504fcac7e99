import type { CollectionConfig } from 'payload'

import { createBreadcrumbsField } from '@payloadcms/plugin-nested-docs'

import type { SanitizedCommercePluginConfig } from '../../types'

import { publicReadStaffWrite } from '../../access/publicReadStaffWrite'
import { slugField } from '../../fields/slug'
import { refreshCategorySearch, refreshDeletedCategorySearch } from '../../catalogue/search/refreshSearchDocuments'
import { categoryDeletedWebhookEvent, categoryWebhookEvents } from '../../webhooks/events/catalogueEvents'
import { catalogueFindEndpoint } from '../../catalogue/catalogueFindEndpoint'
import { listReferencesAfterChange, listReferencesAfterDelete, rememberListingReferences } from '../../catalogue/listing/listingHooks'
import { updatedByField } from '../../fields/updatedBy'
import { productCountsEndpoint } from './productCountsEndpoint'
import { freshBreadcrumbIds } from './freshBreadcrumbIds'
import { preventCycles } from './preventCycles'
import { rejectUnknownLocale } from '../../localization/rejectUnknownLocale'

/**
 * Categories form a tree of any depth: `parent` and `breadcrumbs` come from
 * `@payloadcms/plugin-nested-docs`, which the commerce plugin applies to this collection.
 */
export const createCategoriesCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => ({
  slug: config.slugs.categories,
  access: publicReadStaffWrite(config.roles),
  admin: {
    defaultColumns: ['title', 'slug', 'parent', 'updatedAt'],
    group: 'Catalogue',
    useAsTitle: 'title',
  },
  defaultSort: 'title',
  endpoints: config.disabled ? [] : [productCountsEndpoint(config.slugs), catalogueFindEndpoint(config, config.slugs.categories)],
  fields: [
    { name: 'title', type: 'text', localized: true, maxLength: 120, required: true },
    slugField('title'),
    updatedByField(config),
    { name: 'description', type: 'textarea', localized: true, maxLength: 2000 },
    // Labels and URLs differ per language (`/de/c/<deutscher-slug>`); nested-docs fills them per locale.
    createBreadcrumbsField(config.slugs.categories, { localized: true }),
    { name: 'image', type: 'upload', relationTo: config.slugs.media },
    {
      name: 'parent',
      type: 'relationship',
      admin: { position: 'sidebar' },
      index: true,
      relationTo: config.slugs.categories,
    },
  ],
  hooks: {
    afterChange: [refreshCategorySearch, categoryWebhookEvents(config), listReferencesAfterChange(config, 'categories')],
    afterDelete: [refreshDeletedCategorySearch, categoryDeletedWebhookEvent(config), listReferencesAfterDelete(config, 'categories')],
    beforeChange: [preventCycles, freshBreadcrumbIds],
    beforeOperation: [rejectUnknownLocale],
    beforeDelete: [rememberListingReferences(config, 'categories')],
  },
})
