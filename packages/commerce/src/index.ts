import type { CollectionConfig, Config, Plugin } from 'payload'

import { nestedDocsPlugin } from '@payloadcms/plugin-nested-docs'

import type { CommercePluginOptions, CommerceSlugs, SanitizedCommercePluginConfig } from './types'

import { audited } from './audit/auditedCollections'
import { createAuditLogCollection } from './collections/auditLog'
import { createCategoriesCollection } from './collections/categories'
import { createMediaCollection } from './collections/media'
import { createOrdersCollection } from './collections/orders'
import { createProductImportsCollection } from './collections/productImports'
import { createProductsCollection } from './collections/products'
import { createShippingZonesCollection } from './collections/shippingZones'
import { createStoreSettingsGlobal } from './collections/storeSettings'
import { createTaxRatesCollection } from './collections/taxRates'
import { startDefaultZoneSeeding } from './pricing/seedDefaultZone'
import { createPromotionRedemptionsCollection } from './collections/promotionRedemptions'
import { createPromotionsCollection } from './collections/promotions'
import { createStockMovementsCollection } from './collections/stockMovements'
import { createUsersCollection } from './collections/users'
import { createWebhookDeliveriesCollection } from './collections/webhookDeliveries'
import { createWebhookEndpointsCollection } from './collections/webhookEndpoints'
import { paymentWebhookEndpoint } from './checkout/paymentWebhookEndpoint'
import { dashboardEndpoint } from './dashboard/dashboardEndpoint'
import { staffDashboardComponent } from './dashboard/staffDashboardComponent'
import { startPaymentReconciler } from './checkout/reconcilePayments'
import { beforeDestroy } from './beforeDestroy'
import { cancelPaymentTask } from './checkout/cancelAbandonedPayment'
import { stopImports } from './csv/runningImports'
import { startCatalogue, stopCatalogue } from './catalogue/catalogueRuntime'
import { capPageSize } from './hooks/capPageSize'
import { sanitizeConfig } from './sanitizeConfig'
import { staffOnlyInternalCollections } from './staffOnlyInternalCollections'
import { isAdminUser, isStaffUser } from './access/roles'
import { deliverWebhooksTask } from './webhooks/jobs'
import { importProductsTask } from './csv/importTask'
import { startWebhookRunner } from './webhooks/runner'
import { startUnpaidOrderSweeper } from './unpaidOrders/startUnpaidOrderSweeper'

export type * from './types'
export { ROLES } from './types'
export { sanitizeConfig } from './sanitizeConfig'
export * from './payments'
export { ORDER_STATUSES, type OrderStatus, PAYMENT_STATUSES } from './collections/orders/statuses'
export { NEXT_STATUSES } from './collections/orders/statusWorkflow'
// A read-only link to one order, for the host's order emails (docs/email.md).
export { createOrderLinkToken } from './checkout/orderLinkToken'
// Prices a cart as checkout would (currency, zone shipping, tax after per-line discounts), writing nothing (docs/pricing.md).
export { type Quote, quoteOrder } from './checkout/quoteOrder'
export { STORE_SETTINGS_SLUG } from './collections/storeSettings'
// Operations: plain async functions the plugin runs on timers, also callable from a host's jobs or scripts.
export { flagStuckPayments } from './checkout/reconcilePayments'
export { DEFAULT_ZONE_NAME, seedDefaultZone } from './pricing/seedDefaultZone'
export { zoneFor } from './pricing/shippingZones'
export { type SweepOptions, type SweepResult, sweepUnpaidOrders } from './unpaidOrders/sweepUnpaidOrders'
export { type DashboardFigures, readDashboard } from './dashboard/readDashboard'
export { missingWebhookTables } from './webhooks/missingTables'
// The bulk path into the catalogue (CSV imports and the seed): products saved by SKU, docs/csv.md.
export { type UpsertCounts, type UpsertOptions, type UpsertResult, upsertProducts } from './csv/upsertProducts'
export { type ProductImportItem, productImportItems, type RowError } from './csv/productImportItems'
export { readProductCsv } from './csv/readProductCsv'
export { categoryIdsByPath } from './csv/categoryPaths'
export { secretProblem } from './webhooks/signature'
// The audit trail's SQL-level API, for writers that bypass Payload's hooks (docs/audit.md).
export { AUDIT_ACTOR_CONTEXT, type AuditActor, auditActorOf, requestIdOf, type SystemActorName } from './audit/auditActor'
export { auditLogGuardSql } from './audit/appendOnlySql'
export { AUDIT_OPERATIONS, type AuditChange, type AuditEntry, type AuditOperation, auditRowsSql, auditTableOf, recordAudit, recordAuditIn, REDACTED } from './audit/record'
// The password rules and hashing the users collection applies (docs/security.md).
export { MIN_PASSWORD_LENGTH, passwordProblem } from './collections/users/passwordPolicy'
export { dummyHashCount, PAYLOAD_HASH } from './collections/users/passwordHash'

const factories: Record<keyof CommerceSlugs, (config: SanitizedCommercePluginConfig) => CollectionConfig> = {
  auditLog: createAuditLogCollection,
  categories: createCategoriesCollection,
  media: createMediaCollection,
  orders: createOrdersCollection,
  productImports: createProductImportsCollection,
  products: createProductsCollection,
  shippingZones: createShippingZonesCollection,
  promotionRedemptions: createPromotionRedemptionsCollection,
  promotions: createPromotionsCollection,
  stockMovements: createStockMovementsCollection,
  taxRates: createTaxRatesCollection,
  users: createUsersCollection,
  webhookDeliveries: createWebhookDeliveriesCollection,
  webhookEndpoints: createWebhookEndpointsCollection,
}

/**
 * Showroom's commerce features as a Payload plugin: products, categories, orders, users and media
 * with their access rules and hooks. It appends to the host's config and never replaces it.
 */
export const commercePlugin =
  (options: CommercePluginOptions = {}): Plugin =>
  (incomingConfig: Config): Config => {
    const config = sanitizeConfig(options)
    const collections = (Object.keys(factories) as Array<keyof CommerceSlugs>).map((key) => {
      const built = audited(config, key, factories[key](config))
      const defaultCollection: CollectionConfig = {
        ...built,
        access: { ...built.access, ...config.access[key] },
        hooks: { ...built.hooks, beforeOperation: [...(built.hooks?.beforeOperation ?? []), capPageSize(config.roles, config.maxPublicPageSize)] },
      }
      const override = config.overrides[key]
      return override ? override({ defaultCollection }) : defaultCollection
    })
    const taken = new Set((incomingConfig.collections ?? []).map((collection) => collection.slug))
    const clash = collections.find((collection) => taken.has(collection.slug))
    if (clash) {
      throw new Error(`commercePlugin: the host already has a "${clash.slug}" collection; rename it with the \`slugs\` option`)
    }

    const withCollections: Config = {
      ...incomingConfig,
      endpoints: [...(incomingConfig.endpoints ?? []), ...(config.disabled ? [] : [paymentWebhookEndpoint(config), dashboardEndpoint(config)])],
      jobs: {
        ...incomingConfig.jobs,
        // Payload lets any signed-in user (a customer) run or queue jobs over REST by default.
        access: {
          cancel: ({ req }) => isAdminUser(config.roles, req.user),
          queue: ({ req }) => isAdminUser(config.roles, req.user),
          run: ({ req }) => isStaffUser(config.roles, req.user),
          ...incomingConfig.jobs?.access,
        },
        tasks: [...(incomingConfig.jobs?.tasks ?? []), deliverWebhooksTask(config), importProductsTask(config), cancelPaymentTask(config)],
      },
      onInit: async (payload) => {
        // Security, not behaviour: stays on when the plugin is disabled.
        staffOnlyInternalCollections(payload, config.roles)
        if (!config.disabled) {
          beforeDestroy(payload, await startDefaultZoneSeeding(payload, config))
          await startCatalogue(payload, config)
          beforeDestroy(payload, () => stopCatalogue(payload))
          startWebhookRunner(payload, config)
          // Registered after the webhook runner, so it stops first: a stopped import's last webhooks still leave.
          beforeDestroy(payload, () => stopImports(payload))
          startPaymentReconciler(payload, config)
          // Started second, so it stops first: the webhooks of its last sweep are still sent.
          startUnpaidOrderSweeper(payload, config)
        }
        await incomingConfig.onInit?.(payload)
      },
      admin: {
        ...incomingConfig.admin,
        components: {
          ...incomingConfig.admin?.components,
          beforeDashboard: [
            ...(incomingConfig.admin?.components?.beforeDashboard ?? []),
            ...(config.disabled ? [] : [staffDashboardComponent(config)]),
          ],
        },
        user: incomingConfig.admin?.user ?? config.slugs.users,
      },
      collections: [...(incomingConfig.collections ?? []), ...collections],
      globals: [...(incomingConfig.globals ?? []), createStoreSettingsGlobal(config)],
    }
    return nestedDocsPlugin({
      collections: [config.slugs.categories],
      generateLabel: (_, doc) => String(doc.title ?? ''),
      // Category breadcrumbs link to the storefront's category pages (`/c/<parent>/<child>` by default).
      generateURL: (docs) => config.storefrontPaths.category(docs.map((doc) => String(doc.slug ?? ''))),
    })(withCollections) as Config
  }
