import type { CollectionConfig, CollectionSlug, Payload } from 'payload'

import type { PaymentAdapter, PaymentRegistry } from './payments'
import type { WebhookEventType } from './webhooks/events/types'

/** The roles a user may hold. `admin` and `editor` are staff; `customer` shops on the storefront. */
export const ROLES = ['admin', 'editor', 'customer'] as const
export type Role = (typeof ROLES)[number]

/** The value stored in a user's `roles` for each of the plugin's roles. */
export type RoleNames = Record<Role, string>

/** Lets the host adjust a collection the plugin builds, without forking the plugin. */
export type CollectionOverride = (args: { defaultCollection: CollectionConfig }) => CollectionConfig

/** The storefront pages the plugin links to (in emails and in the data it stores), relative to `storefrontUrl`. */
export type StorefrontPaths = {
  /**
   * A category page's path from the slugs of the category and its ancestors (root first); stored as
   * each category's breadcrumb `url`, which storefronts link to.
   * @default (slugs) => `/c/${slugs.join('/')}`
   */
  category?: (slugs: string[]) => string
  /**
   * The page that reads `?token=` and asks a customer for a new password; reset emails link to
   * `<storefrontUrl><passwordReset>?token=…` (staff are sent to the admin's own reset page).
   * @default '/account/reset'
   */
  passwordReset?: string
}

export type CommerceSlugs = {
  auditLog: CollectionSlug
  categories: CollectionSlug
  media: CollectionSlug
  orders: CollectionSlug
  productImports: CollectionSlug
  products: CollectionSlug
  /** Shipping zones: countries, and the methods and rates offered there (docs/pricing.md). */
  shippingZones: CollectionSlug
  /** Each use of a promotion by an order (docs/promotions.md). */
  promotionRedemptions: CollectionSlug
  promotions: CollectionSlug
  stockMovements: CollectionSlug
  /** Tax rates per country and region (docs/pricing.md). */
  taxRates: CollectionSlug
  users: CollectionSlug
  webhookDeliveries: CollectionSlug
  webhookEndpoints: CollectionSlug
}

export type CheckoutOptions = {
  /**
   * How often each CMS process looks for orders stuck mid-payment (see `reconcilePayments.ts`).
   * @default 60000 (a minute)
   */
  reconcileIntervalMs?: number
  /**
   * How long an order may stay `charging` (checkout taking its payment) before it is flagged for staff.
   * Longer than any provider's answer takes. @default 120000 (two minutes)
   */
  stuckAfterMs?: number
}

/** The catalogue read path: the listing projection and the response cache (see docs/catalogue.md). */
export type CatalogueOptions = {
  /** Answers anonymous product lists from the listing projection when the query allows. @default true */
  listing?: boolean
  /** Redis channel prefix of the replicas' cache invalidations. @default 'showroom:' */
  redisPrefix?: string
  /** Redis shared by the API replicas, so a change clears every replica's response cache. @default none (one process) */
  redisUrl?: string
  /** Bytes of anonymous catalogue responses kept in each process; 0 turns the response cache off. @default 67108864 (64 MiB) */
  responseCacheMaxBytes?: number
  /** Longest a cached response lives should an invalidation be lost, in ms. @default 300000 */
  responseCacheTtlMs?: number
  /** `s-maxage` of anonymous catalogue responses: how long a shared cache (CDN) may serve one unasked. @default 10 */
  sharedMaxAgeSeconds?: number
  /** `stale-while-revalidate` of anonymous catalogue responses, in seconds. @default 60 */
  staleWhileRevalidateSeconds?: number
}

/** The staff dashboard on the admin home (see docs/dashboard.md). */
export type DashboardOptions = {
  /**
   * A product or variant counts as low on stock at this many units or fewer, unless the product sets
   * its own "Low-stock threshold". @default 5
   */
  lowStockThreshold?: number
}

/** A tax class: its stored value (a slug) and what staff read in the admin. */
export type TaxClass = { label: string; value: string }

export type CommercePluginOptions = {
  /**
   * Access rules that replace the plugin's own, per collection and operation (`{ orders: { read } }`);
   * operations left out keep the plugin's rule. Applied before `overrides`.
   * @default {} (the plugin's rules: see docs/access.md)
   */
  access?: Partial<Record<keyof CommerceSlugs, CollectionConfig['access']>>
  /** The catalogue read path. */
  catalogue?: CatalogueOptions
  /** Checkout's safety nets. */
  checkout?: CheckoutOptions
  /** The staff dashboard. */
  dashboard?: DashboardOptions
  /**
   * Currencies editors may price products in (ISO 4217, upper case). The first one is the default.
   * @default ['EUR']
   */
  currencies?: string[]
  /**
   * Keeps the collections (so the schema and migrations stay stable) but turns the plugin's
   * behaviour off: no custom endpoints. Access rules and data-integrity hooks stay on.
   * @default false
   */
  disabled?: boolean
  /**
   * Folder where uploaded media is written when no storage adapter is configured.
   * @default 'media' (relative to the process working directory)
   */
  mediaDir?: string
  /**
   * The largest page a public (non-staff) list request may ask for.
   * @default 100
   */
  maxPublicPageSize?: number
  /**
   * How orders can be shipped, in display order (the first is the one a checkout pre-selects). Each needs
   * a price in every one of `currencies`; the price in the order's currency is added to its total.
   * @default standard 4.90 and express 9.90, in each of `currencies`
   */
  shippingMethods?: ShippingMethod[]
  /**
   * The tax classes products can be in besides the standard one (`standard`, always there): a tax rate
   * names its class, and a product in a class pays its destination's rate for that class, else the
   * destination's standard rate (docs/pricing.md#tax-classes). Values are lower-case slugs.
   * @default [{ value: 'reduced', label: 'Reduced rate' }]
   */
  taxClasses?: TaxClass[]
  /**
   * How shoppers can pay. Add `createTestAdapter()` (offline test cards) outside production.
   * @default [createManualAdapter()] (bank transfer: pending until staff mark the order paid)
   */
  paymentAdapters?: PaymentAdapter[]
  /**
   * Per-collection overrides, `({ defaultCollection }) => CollectionConfig`, applied last to each
   * collection the plugin builds (add fields, hooks, admin options). @default {}
   */
  overrides?: Partial<Record<keyof CommerceSlugs, CollectionOverride>>
  /**
   * The values stored in `users.roles` for the plugin's three roles, for hosts whose users already
   * carry roles of other names. The users collection offers exactly these values.
   * @default { admin: 'admin', editor: 'editor', customer: 'customer' }
   */
  roles?: Partial<RoleNames>
  /**
   * Days a guest's order token (header `X-Order-Token`) opens her order after the order last changed;
   * after that, or once the order is deleted, it opens nothing.
   * @default 30
   */
  guestTokenLifetimeDays?: number
  /**
   * Marks session cookies `Secure` (sent over HTTPS only). Turn off only for plain-HTTP development.
   * @default true
   */
  secureCookies?: boolean
  /**
   * Where the storefront lives (an http(s) origin, or a base URL if it is served under a path).
   * Customers' password reset emails link to `<storefrontUrl>/account/reset?token=…` (see `storefrontPaths`).
   * @default 'http://localhost:4321'
   */
  storefrontUrl?: string
  /** The storefront pages the plugin links to. @default today's Showroom storefront routes (see `StorefrontPaths`) */
  storefrontPaths?: StorefrontPaths
  /**
   * Collection slugs. Change them only when they clash with the host's own collections.
   * @default { products: 'products', categories: 'categories', orders: 'orders', users: 'users', media: 'media',
   *   webhookEndpoints: 'webhook-endpoints', webhookDeliveries: 'webhook-deliveries',
   *   stockMovements: 'stock-movements' }
   */
  slugs?: Partial<CommerceSlugs>
  /**
   * How long an order whose payment is outstanding (bank transfer, an authorised card) holds its stock
   * before the sweeper cancels it as expired (see docs/payments.md).
   */
  unpaidOrders?: UnpaidOrdersOptions
  /** Outgoing webhooks (see docs/webhooks.md). */
  webhooks?: WebhooksOptions
}

export type UnpaidOrdersOptions = {
  /**
   * Minutes a new pending order holds its stock: its `payment.dueAt` is set this far ahead when it is
   * placed. Staff may move it later (`POST /orders/:id/payment-due`).
   * @default 4320 (3 days: a bank transfer's usual time to arrive)
   */
  holdMinutes?: number
  /**
   * [stripe] Minutes a pending order whose payment waits on the shopper's browser (3-D Secure, a result
   * with an `action`) holds its stock instead: she is at the checkout, so an abandoned challenge should
   * not keep the goods off sale for days.
   * @default 30
   */
  actionHoldMinutes?: number
  /**
   * How often each CMS process looks for pending orders past their due time and cancels them.
   * @default 60000 (a minute)
   */
  sweepIntervalMs?: number
}

export type SanitizedUnpaidOrdersConfig = Required<UnpaidOrdersOptions>

/** Where and how the storefront receives every webhook event. */
export type WebhookTarget = {
  /** A Standard Webhooks secret: `whsec_` + base64 of 24–64 random bytes. */
  secret: string
  /** An http(s) URL that accepts `POST`. */
  url: string
}

/**
 * A receiver inside the CMS process (the shop's emails), fed by the same outbox as the HTTP receivers:
 * each event it subscribes to is recorded in the transaction that made it, handed over only after that
 * commit, to one process at a time, and retried on the webhook schedule until `receive` resolves.
 * Its deliveries appear in the delivery log with target `in-process`.
 */
export type InProcessReceiver = {
  /** The event types it receives. */
  events: readonly WebhookEventType[]
  /** Handles one event (the body an HTTP receiver would get, and its `webhook-id`); throwing schedules a retry. */
  receive: (payload: Payload, event: { body: unknown; webhookId: string }) => Promise<void>
}

export type WebhookRetryOptions = {
  /**
   * Delay before the second attempt; each further attempt doubles it (with jitter: a random 50–100 %).
   * @default 5000 (5 s)
   */
  initialDelayMs?: number
  /**
   * Attempts in all, the first included; after the last failure the delivery is `failed` (staff can redeliver it).
   * @default 12 (about 15 hours with the other defaults)
   */
  maxAttempts?: number
  /**
   * The longest wait between two attempts.
   * @default 3_600_000 (1 hour)
   */
  maxDelayMs?: number
}

export type WebhooksOptions = {
  /**
   * How long a claimed delivery stays reserved beyond `timeoutMs`. When the sending process dies
   * mid-attempt, another one retries the delivery (same `webhook-id`) once this lease is over.
   * @default 30000
   */
  leaseMarginMs?: number
  /**
   * Told about every delivery attempt once it is recorded (for metrics): `retrying` failed with
   * another attempt scheduled, `failed` gave up. @default undefined
   */
  onAttempt?: (outcome: WebhookAttemptOutcome, durationMs: number) => void
  /** Receives chosen events inside this process (see `InProcessReceiver`). @default undefined */
  inProcess?: InProcessReceiver
  /** Told each time a webhook job runs (for metrics). @default undefined */
  onJobRun?: () => void
  /** Told about every failed poll (for metrics); each is also logged at error level. @default undefined */
  onPollerError?: (error: unknown) => void
  /**
   * What the database still lacks before the poller may run (migrations not applied yet: the CMS may
   * start before `payload migrate` finishes). The poller waits, checking every `pollIntervalMs`, while
   * this names anything; from then on every failure, an undefined table included, is an error.
   * @default the plugin's webhook tables and Payload's jobs table that do not exist yet
   */
  pendingSchema?: (payload: Payload) => Promise<readonly string[]>
  /**
   * How often each CMS process looks for due retries and for deliveries a crashed process left behind.
   * New events do not wait for it: they are sent as soon as their transaction commits.
   * @default 1000
   */
  pollIntervalMs?: number
  /**
   * How often each CMS process removes old records (`retentionDays`). @default 3600000 (an hour)
   */
  pruneIntervalMs?: number
  /**
   * Days a finished delivery (succeeded or given up on) stays in the log; older ones are removed, as are
   * webhook job rows left behind by a crash. Open deliveries are never removed. @default 30
   */
  retentionDays?: number
  /** Retry schedule for failed deliveries. */
  retry?: WebhookRetryOptions
  /**
   * The storefront's endpoint, subscribed to every event. Unset: only the `webhook-endpoints` records receive events.
   * @default undefined
   */
  storefront?: WebhookTarget
  /**
   * How long one attempt may take (connect, send, answer) before it counts as failed.
   * @default 10000
   */
  timeoutMs?: number
}

export type WebhookAttemptOutcome = 'failed' | 'retrying' | 'succeeded'

export type SanitizedWebhooksConfig = {
  inProcess: InProcessReceiver | undefined
  leaseMarginMs: number
  onAttempt: (outcome: WebhookAttemptOutcome, durationMs: number) => void
  onJobRun: () => void
  onPollerError: (error: unknown) => void
  /** Undefined: the plugin's own check (`missingWebhookTables`). */
  pendingSchema: ((payload: Payload) => Promise<readonly string[]>) | undefined
  pollIntervalMs: number
  pruneIntervalMs: number
  retentionDays: number
  retry: Required<WebhookRetryOptions>
  storefront: null | WebhookTarget
  timeoutMs: number
}

export type ShippingMethod = {
  /** Stored on the order as `shippingMethod`; what `POST /orders` sends. */
  id: string
  /** What the shopper sees, such as "Standard (3–5 working days)". */
  label: string
  /**
   * What it costs per currency, in minor units: `{ EUR: 490, GBP: 450 }` charges 4.90 on an order in euros
   * and 4.50 on one in pounds. Needs an entry for every currency the shop sells in.
   */
  prices: Record<string, number>
}

export type SanitizedCommercePluginConfig = {
  access: Partial<Record<keyof CommerceSlugs, CollectionConfig['access']>>
  catalogue: Required<Omit<CatalogueOptions, 'redisUrl'>> & Pick<CatalogueOptions, 'redisUrl'>
  checkout: Required<CheckoutOptions>
  currencies: [string, ...string[]]
  dashboard: Required<DashboardOptions>
  defaultCurrency: string
  disabled: boolean
  guestTokenLifetimeDays: number
  maxPublicPageSize: number
  mediaDir: string
  overrides: Partial<Record<keyof CommerceSlugs, CollectionOverride>>
  payments: PaymentRegistry
  roles: RoleNames
  secureCookies: boolean
  shippingMethods: [ShippingMethod, ...ShippingMethod[]]
  slugs: CommerceSlugs
  /** Every tax class, `standard` first. */
  taxClasses: [TaxClass, ...TaxClass[]]
  storefrontPaths: Required<StorefrontPaths>
  /** Without a trailing slash. */
  storefrontUrl: string
  unpaidOrders: SanitizedUnpaidOrdersConfig
  webhooks: SanitizedWebhooksConfig
}
