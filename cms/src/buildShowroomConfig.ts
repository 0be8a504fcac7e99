import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { commercePlugin, createManualAdapter, createStripeAdapter, createTestAdapter, type PaymentAdapter, type UnpaidOrdersOptions, type WebhooksOptions } from '@showroom/payload-commerce'
import { catalogueSchema } from '@showroom/payload-commerce/catalogue'
import { buildConfig, type PayloadEmailAdapter, type SanitizedConfig } from 'payload'
import sharp from 'sharp'

import { type CmsEnv, DATABASE_CONNECT_TIMEOUT_DEFAULT_MS } from './env'

import { defaultEmailAdapter, EMAIL_DEFAULTS } from './email'
import { orderEmailReceiver } from './email/orders/orderEmailReceiver'
import { pendingMigrations } from './database/pendingMigrations'
import { resilientPg } from './database/resilientPg'
import { migrations } from './migrations'
import { rejectBadInput } from './http/rejectBadInput'
import { createCmsLogger } from './observability/logger'
import { cmsMetrics } from './observability/metrics'
import { operationsEndpoints } from './observability/operationsEndpoints'
import { showroomOpenApi } from './openapi'
import { storefrontPreview } from './preview/previewPlugin'
import { objectStorage } from './storage/objectStorage'

const dirname = path.dirname(fileURLToPath(import.meta.url))

export type ShowroomConfigInput = Pick<
  CmsEnv,
  'DATABASE_POOL_MAX' | 'DATABASE_URL' | 'MEDIA_DIR' | 'NODE_ENV' | 'PAYLOAD_SECRET' | 'SERVER_URL' | 'STOREFRONT_URL'
> &
  Partial<
    Pick<
      CmsEnv,
      'BANK_TRANSFER_DETAILS' | 'CATALOGUE_CACHE_MAX_BYTES' | 'DATABASE_CONNECT_TIMEOUT_MS' | 'EMAIL_FROM' | 'EMAIL_FROM_NAME' | 'GUEST_ORDER_TOKEN_DAYS' | 'ORDER_NOTICE_EMAIL' | 'SMTP_URL' | 'LOG_LEVEL' | 'METRICS_TOKEN' | 'PAYMENT_TEST_WEBHOOK_SECRET' | 'PREVIEW_SECRET' | 'PREVIEW_TOKEN_MINUTES' | 'REDIS_PREFIX' | 'REDIS_URL' | 's3' | 'STOREFRONT_WEBHOOK_SECRET' | 'stripe' | 'STOREFRONT_WEBHOOK_URL'
    >
  > & {
    /**
     * Sends Payload's emails (password resets). Tests pass a capturing one to read what was sent.
     * @default `defaultEmailAdapter(env)`: SMTP when `SMTP_URL` is set; otherwise, outside production,
     * captured in memory and printed to the log with its links, and in production logged as not delivered
     */
    email?: PayloadEmailAdapter | Promise<PayloadEmailAdapter>
    /** How long unpaid orders hold their stock, and how often they are swept. @default the plugin's defaults */
    unpaidOrders?: UnpaidOrdersOptions
    /**
     * The payment methods offered; tests add scripted ones. @default manual, then Stripe when `stripe` is
     * configured, then the test cards outside production
     */
    paymentAdapters?: PaymentAdapter[]
    /** Webhook timing (retries, timeout, poll interval); tests shorten it. @default the plugin's defaults */
    webhooks?: Omit<WebhooksOptions, 'storefront'>
  }

/** The host app: Payload with Postgres, Lexical and sharp, and the commerce plugin doing the rest. */
export const buildShowroomConfig = (env: ShowroomConfigInput): Promise<SanitizedConfig> => {
  const origins = [env.SERVER_URL, ...env.STOREFRONT_URL]
  const metrics = cmsMetrics()
  const openMetrics = env.NODE_ENV === 'development' && !env.METRICS_TOKEN
  // Stripe only when configured (STRIPE_*); test cards take no real money: offered everywhere except production.
  const paymentAdapters = env.paymentAdapters ?? [
    createManualAdapter(),
    ...(env.stripe ? [createStripeAdapter(env.stripe)] : []),
    ...(env.NODE_ENV === 'production' ? [] : [createTestAdapter({ webhookSecret: env.PAYMENT_TEST_WEBHOOK_SECRET })]),
  ]
  const logger = createCmsLogger({ level: env.LOG_LEVEL, production: env.NODE_ENV === 'production' })
  return buildConfig({
    admin: {
      // Payload's initials avatar, not Gravatar's: no editor's email hash goes to a third party, and the
      // admin's CSP needs no foreign image origin (docs/security.md).
      avatar: 'default',
      importMap: { baseDir: dirname },
      meta: { titleSuffix: ' · Showroom' },
    },
    cors: origins,
    csrf: origins,
    db: postgresAdapter({
      // The catalogue listing's tables and indexes (docs/catalogue.md), so migrations and schema checks know them.
      afterSchemaInit: [catalogueSchema()],
      migrationDir: path.resolve(dirname, 'migrations'),
      // Recovers from a database restart without restarting the CMS (see database/resilientPg.ts).
      pg: resilientPg(logger),
      pool: {
        connectionString: env.DATABASE_URL,
        // Bounds both opening a connection and waiting for a free one in the pool: a database that does
        // not answer, or a pool that stays busy, fails the request in seconds instead of hanging it.
        connectionTimeoutMillis: env.DATABASE_CONNECT_TIMEOUT_MS ?? DATABASE_CONNECT_TIMEOUT_DEFAULT_MS,
        max: env.DATABASE_POOL_MAX,
        // JIT compilation pays off for long analytical queries; on Payload's catalogue reads it cost
        // 0.1–1.8 s per query at 10,000 products (compiling the lateral joins), far more than it saved.
        options: '-c jit=off',
      },
      // The schema is owned by the committed migrations in every mode, so development and
      // production databases never drift and a dev push can never drop a column with data in it.
      push: false,
      // Hand-written tables (created and kept by migrations, unknown to Payload's schema) that a schema
      // diff must neither drop nor report: the search documents (see docs/search.md).
      tablesFilter: ['!product_search*'],
    }),
    editor: lexicalEditor(),
    endpoints: [
      ...operationsEndpoints({ metricsToken: env.METRICS_TOKEN, openMetrics, s3: env.s3 ?? null }),
      // `GET /api/v1/openapi.json`, generated from this config (docs/api.md).
      showroomOpenApi({ metrics: openMetrics || Boolean(env.METRICS_TOKEN), paymentMethods: paymentAdapters.map((adapter) => adapter.name) }),
    ],
    email: env.email ?? defaultEmailAdapter(env),
    graphQL: { disable: true },
    // JSON lines in production, Payload's readable default elsewhere (see observability/logger.ts).
    logger,
    // A wrong password is the client's mistake, not the server's: keep it out of the error log.
    loggingLevels: { AuthenticationError: 'info', LockedAuth: 'warn' },
    // Shopper-facing texts (product and category titles, slugs, descriptions, SEO) per language; a text
    // not translated reads as the English one (docs/languages.md).
    localization: {
      defaultLocale: 'en',
      fallback: true,
      locales: [
        { code: 'en', label: 'English' },
        { code: 'de', label: 'Deutsch' },
      ],
    },
    // No relationship is nested deeper than a product's images and categories; deeper only costs.
    maxDepth: 3,
    plugins: [
      commercePlugin({
        catalogue: { redisPrefix: env.REDIS_PREFIX, redisUrl: env.REDIS_URL, responseCacheMaxBytes: env.CATALOGUE_CACHE_MAX_BYTES },
        currencies: ['EUR', 'USD', 'GBP'],
        guestTokenLifetimeDays: env.GUEST_ORDER_TOKEN_DAYS,
        mediaDir: env.MEDIA_DIR,
        paymentAdapters,
        // A price per currency the shop sells in, in minor units (see docs/payments.md).
        shippingMethods: [
          { id: 'standard', label: 'Standard (3–5 working days)', prices: { EUR: 490, GBP: 450, USD: 550 } },
          { id: 'express', label: 'Express (next working day)', prices: { EUR: 990, GBP: 900, USD: 1100 } },
        ],
        // Development runs on plain http://localhost; everything else is served over HTTPS.
        secureCookies: env.NODE_ENV === 'production',
        // Password reset emails send customers to the storefront's main origin.
        storefrontUrl: env.STOREFRONT_URL[0],
        unpaidOrders: env.unpaidOrders,
        webhooks: {
          onAttempt: (outcome, durationMs) => metrics.webhookAttempt(outcome, durationMs / 1000),
          onJobRun: () => metrics.jobRun('deliverWebhooks'),
          onPollerError: () => metrics.webhookPollerError(),
          // Polling starts once every committed migration is applied (`payload migrate` may still run).
          pendingSchema: (payload) => pendingMigrations(payload, migrations),
          // The shop's order emails go through the same outbox: after commit, once, retried (docs/email.md).
          inProcess: orderEmailReceiver({
            adminUrl: env.SERVER_URL,
            bankTransferDetails: env.BANK_TRANSFER_DETAILS,
            noticeAddress: env.ORDER_NOTICE_EMAIL,
            orderLinkDays: env.GUEST_ORDER_TOKEN_DAYS,
            shopName: env.EMAIL_FROM_NAME ?? EMAIL_DEFAULTS.fromName,
            storefrontUrl: env.STOREFRONT_URL[0] ?? env.SERVER_URL,
          }),
          ...env.webhooks,
          storefront:
            env.STOREFRONT_WEBHOOK_URL && env.STOREFRONT_WEBHOOK_SECRET
              ? { secret: env.STOREFRONT_WEBHOOK_SECRET, url: env.STOREFRONT_WEBHOOK_URL }
              : undefined,
        },
      }),
      // After the commerce plugin, which adds the media collection it extends.
      objectStorage('media', env.s3 ?? null),
      // Live Preview and Preview links on the storefront (docs/preview.md), when PREVIEW_SECRET is set.
      ...(env.PREVIEW_SECRET
        ? [storefrontPreview({ secret: env.PREVIEW_SECRET, storefrontUrl: env.STOREFRONT_URL[0] ?? env.SERVER_URL, ttlSeconds: (env.PREVIEW_TOKEN_MINUTES ?? 60) * 60 })]
        : []),
      // Last: it checks the endpoints every plugin above added (see http/rejectBadInput.ts).
      rejectBadInput(),
    ],
    routes: { api: '/api/v1' },
    secret: env.PAYLOAD_SECRET,
    serverURL: env.SERVER_URL,
    sharp,
    telemetry: false,
    typescript: {
      // Payload starts `payload generate:types` in a child process on every non-production init (≈ 10 s
      // of a core): worth it for `pnpm dev`, where the schema is being edited, but in every test file's,
      // bench's and script's Payload it only competed with the work measured. `pnpm generate` writes them.
      autoGenerate: env.NODE_ENV === 'development',
      outputFile: path.resolve(dirname, '../../shared-types/src/payload-types.ts'),
    },
  })
}
