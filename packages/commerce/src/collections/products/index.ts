import type { CollectionConfig } from 'payload'

import type { SanitizedCommercePluginConfig } from '../../types'

import { isStaff } from '../../access/isStaff'
import { isStaffField } from '../../access/isStaffField'
import { taxClassField } from '../../fields/taxClass'
import { publishedOrStaff } from '../../access/publishedOrStaff'
import { currencyField } from '../../fields/currency'
import { integerField } from '../../fields/integer'
import { moneyField } from '../../fields/money'
import { priceListField } from '../../fields/priceList'
import { slugField } from '../../fields/slug'
import { updatedByField } from '../../fields/updatedBy'
import { refreshProductSearch } from '../../catalogue/search/refreshSearchDocuments'
import { searchEndpoint } from '../../catalogue/search/searchEndpoint'
import { productDeletedWebhookEvent, productWebhookEvents, snapshotPublishedProduct } from '../../webhooks/events/productEvents'
import { catalogueFindEndpoint } from '../../catalogue/catalogueFindEndpoint'
import { exportProductsEndpoint } from '../../csv/exportProductsEndpoint'
import { listProductAfterChange, listProductAfterDelete } from '../../catalogue/listing/listingHooks'
import { copyDescriptionText } from './copyDescriptionText'
import { ensureUniqueSkus } from './ensureUniqueSkus'
import { overlayLiveStock } from './overlayLiveStock'
import { captureSubmittedStock, rebaseStockEdits, stockSeenField } from './rebaseStockEdits'
import { recordStockEdits } from './recordStockEdits'
import { validateCompareAtPrice } from './validateCompareAtPrice'
import { validateDraftValues } from './validateDraftValues'
import { validateVariants } from './validateVariants'
import { rejectUnknownLocale } from '../../localization/rejectUnknownLocale'
import { requiredInDefaultLocale } from '../../localization/requiredInDefaultLocale'

export const createProductsCollection = (config: SanitizedCommercePluginConfig): CollectionConfig => {
  const { slugs } = config
  return {
    slug: slugs.products,
    access: {
      create: isStaff(config.roles),
      delete: isStaff(config.roles),
      read: publishedOrStaff(config.roles),
      readVersions: isStaff(config.roles),
      update: isStaff(config.roles),
    },
    admin: {
      defaultColumns: ['title', 'sku', 'price', 'stock', '_status', 'updatedAt'],
      group: 'Catalogue',
      components: config.disabled
        ? {}
        : { beforeListTable: [{ clientProps: { exportPath: '/export', importCollection: slugs.productImports }, path: '@showroom/payload-commerce/client#CsvListActions' }] },
      listSearchableFields: ['title', 'sku', 'slug'],
      useAsTitle: 'title',
    },
    defaultSort: '-createdAt',
    endpoints: config.disabled ? [] : [searchEndpoint(config), exportProductsEndpoint(config), catalogueFindEndpoint(config, slugs.products)],
    fields: [
      // Required in English; a language left untranslated reads the English title.
      { name: 'title', type: 'text', index: true, localized: true, maxLength: 200, required: true, validate: requiredInDefaultLocale },
      slugField('title'),
      updatedByField(config),
      {
        name: 'sku',
        type: 'text',
        admin: { description: 'Stock keeping unit, unique across products and variants.', position: 'sidebar' },
        index: true,
        maxLength: 64,
        required: true,
        unique: true,
      },
      {
        name: 'featured',
        type: 'checkbox',
        admin: { description: 'Shown on the storefront home page.', position: 'sidebar' },
        defaultValue: false,
        index: true,
      },
      {
        type: 'tabs',
        tabs: [
          {
            label: 'Details',
            fields: [
              { name: 'description', type: 'richText', localized: true },
              {
                // Search reads this copy: Payload cannot run `like` on rich text. Written only by
                // `copyDescriptionText`; clients' values are dropped.
                name: 'descriptionText',
                type: 'textarea',
                access: { create: () => false, update: () => false },
                admin: { hidden: true, readOnly: true },
                localized: true,
              },
              {
                name: 'images',
                type: 'upload',
                admin: { description: 'The first image is the main one; drag to reorder.' },
                hasMany: true,
                relationTo: slugs.media,
              },
              {
                name: 'categories',
                type: 'relationship',
                hasMany: true,
                index: true,
                relationTo: slugs.categories,
              },
            ],
          },
          {
            label: 'Pricing & stock',
            fields: [
              {
                type: 'row',
                fields: [
                  moneyField({ name: 'price', index: true, required: true }),
                  moneyField({
                    name: 'compareAtPrice',
                    label: 'Compare-at price',
                    admin: { description: 'The former price, shown struck through. Must be higher than the price.' },
                  }),
                  currencyField(config.currencies, config.defaultCurrency, {
                    admin: { description: 'The base price’s currency. The product is sold in it and in each currency of the price list below.' },
                  }),
                ],
              },
              priceListField(config, 'Prices in other currencies. Without a price in a currency, the product is not sold in it (no conversion).'),
              integerField({ name: 'weight', label: 'Weight (g)', admin: { description: 'Shipping weight in grams, for shipping rates by weight. Empty: 0.' } }),
              taxClassField(config, 'Which tax rate the product pays: its destination’s rate for this class (Shop settings → Tax rates), else the standard one. Its variants pay the same.', {
                // Staff's business: shoppers see the tax an order pays, not the class behind it.
                access: { create: isStaffField(config.roles), read: isStaffField(config.roles), update: isStaffField(config.roles) },
              }),
              integerField({
                name: 'stock',
                admin: { description: 'Units on hand. For products with variants, each variant has its own stock.' },
                defaultValue: 0,
                required: true,
              }),
              stockSeenField(config.roles),
              integerField({
                name: 'lowStockThreshold',
                label: 'Low-stock threshold',
                admin: {
                  description: `The staff dashboard lists this product (or a variant) once its stock is at or below this. Empty: ${config.dashboard.lowStockThreshold}, the shop's default.`,
                },
              }),
              {
                name: 'options',
                type: 'array',
                admin: {
                  description: 'What a shopper chooses between, such as Size (S, M, L) or Colour (Red, Blue).',
                  initCollapsed: true,
                },
                fields: [
                  { name: 'name', type: 'text', maxLength: 40, required: true },
                  { name: 'values', type: 'text', hasMany: true, maxLength: 40, required: true },
                ],
                labels: { plural: 'Options', singular: 'Option' },
                maxRows: 3,
              },
              {
                name: 'variants',
                type: 'array',
                admin: {
                  description: 'One row per combination a shopper can buy, each with its own SKU and stock.',
                  initCollapsed: true,
                },
                fields: [
                  {
                    type: 'row',
                    fields: [
                      { name: 'sku', type: 'text', index: true, maxLength: 64, required: true, unique: true },
                      integerField({ name: 'stock', defaultValue: 0, required: true }),
                      moneyField({
                        name: 'price',
                        label: 'Price override',
                        admin: { description: 'Leave empty to use the product price.' },
                      }),
                      integerField({ name: 'weight', label: 'Weight (g)', admin: { description: 'Leave empty to use the product weight.' } }),
                    ],
                  },
                  priceListField(config, 'Overrides of the product’s prices in other currencies; a currency not listed uses the product’s price in it.'),
                  stockSeenField(config.roles),
                  {
                    name: 'image',
                    type: 'upload',
                    admin: { description: 'Shown when a shopper chooses this variant. Leave empty to show the product’s images.' },
                    relationTo: slugs.media,
                  },
                  {
                    name: 'selections',
                    type: 'array',
                    fields: [
                      {
                        type: 'row',
                        fields: [
                          { name: 'option', type: 'text', maxLength: 40, required: true },
                          { name: 'value', type: 'text', maxLength: 40, required: true },
                        ],
                      },
                    ],
                    labels: { plural: 'Selections', singular: 'Selection' },
                    minRows: 1,
                  },
                ],
                labels: { plural: 'Variants', singular: 'Variant' },
                maxRows: 250,
              },
            ],
          },
          {
            name: 'seo',
            label: 'SEO',
            fields: [
              { name: 'title', type: 'text', admin: { description: 'Defaults to the product title.' }, localized: true, maxLength: 70 },
              {
                name: 'description',
                type: 'textarea',
                admin: { description: 'About 150 characters, shown by search engines.' },
                localized: true,
                maxLength: 200,
              },
            ],
          },
        ],
      },
    ],
    // Integrity checks stay on even when the plugin is disabled: they protect data, not behaviour.
    hooks: {
      // The search document and the listing are data, not behaviour: kept even when the plugin is disabled.
      afterChange: [recordStockEdits(config), refreshProductSearch, productWebhookEvents(config), listProductAfterChange(config)],
      afterDelete: [productDeletedWebhookEvent(config), listProductAfterDelete],
      afterOperation: [overlayLiveStock(slugs)],
      beforeOperation: [rejectUnknownLocale, captureSubmittedStock],
      beforeChange: [ensureUniqueSkus(slugs.products), rebaseStockEdits(slugs), copyDescriptionText(), snapshotPublishedProduct(config)],
      beforeValidate: [validateDraftValues(config.currencies), validateCompareAtPrice, validateVariants],
    },
    versions: {
      drafts: { schedulePublish: false },
      maxPerDoc: 25,
    },
  }
}
