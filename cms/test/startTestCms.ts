import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { createTestDatabase, migratedTemplate } from '@showroom/test-support'

import { getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'

import { buildShowroomConfig } from '../src/buildShowroomConfig'
import type { S3Settings, StripeSettings } from '../src/env'
import { type CapturedEmail, createCapturingEmailAdapter, smtpEmailAdapter } from '../src/email'
import type { PaymentAdapter, UnpaidOrdersOptions, WebhooksOptions } from '@showroom/payload-commerce'
import { poolSql, type Sql } from '@showroom/payload-commerce/database'
import { closePayload } from './closePayload'

export type TestCms = {
  /** Calls the REST API the way a client over HTTP would (`path` is relative to `/api/v1`). */
  api: (path: string, init?: RequestInit & { token?: string }) => Promise<Response>
  close: () => Promise<void>
  config: SanitizedConfig
  databaseUrl: string
  /** The pool's drizzle handle, for checks in raw SQL. */
  db: Sql
  /** Every email this CMS has sent, oldest first (captured in memory, never delivered). */
  emails: CapturedEmail[]
  mediaDir: string
  payload: Payload
  /** The key this CMS's Payload instance is cached under (`getPayload({ key })`, `handleEndpoints`). */
  payloadInstanceCacheKey: string
}

/** Signs the offline test payment provider's webhooks in tests. */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789'
export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123'
export const TEST_SERVER_URL = 'http://localhost:3000'
export const TEST_STOREFRONT_URL = 'http://localhost:4321'
/** How long a query in a test CMS may wait for a pooled connection (production: 5 s). */
export const TEST_DATABASE_CONNECT_TIMEOUT_MS = 60_000

export type TestCmsOptions = {
  /** Bytes of the catalogue response cache; 0 turns it off. @default the CMS's default */
  catalogueCacheMaxBytes?: number
  /**
   * The environment the config is built for: `production` leaves out what production does not offer
   * (the `test` payment adapter). @default 'test'
   */
  nodeEnv?: 'production' | 'test'
  /** The payment methods offered. @default manual and the offline test cards */
  paymentAdapters?: PaymentAdapter[]
  /** The account bank transfers go to (`BANK_TRANSFER_DETAILS`). @default none */
  bankTransferDetails?: string
  /** Where staff hear of new orders (`ORDER_NOTICE_EMAIL`). @default none */
  orderNoticeEmail?: string
  /** Turns preview on, signing its tokens with this secret (`PREVIEW_SECRET`). @default none (no preview) */
  previewSecret?: string
  /** Send every email through this SMTP server (`SMTP_URL`) instead of capturing it in `emails`. @default none */
  smtpUrl?: string
  /** Media on this S3 bucket instead of the test's media folder. @default none (local disk) */
  s3?: S3Settings
  /** Stripe (`STRIPE_*`), such as the keys and address of a local fake. @default none (not offered) */
  stripe?: StripeSettings
  /** The storefront's webhook endpoint (a receiver the test runs). @default none */
  storefrontWebhook?: { secret: string; url: string }
  /** Unpaid orders' hold and sweep interval. @default the plugin's defaults */
  unpaidOrders?: UnpaidOrdersOptions
  /** Webhook timing; tests shorten retries and polling. @default the plugin's defaults */
  webhooks?: Omit<WebhooksOptions, 'storefront'>
}

/**
 * A CMS of its own for one test file: a new database with the committed migrations applied (a copy of
 * the run's migrated template, see `test-support/src/globalSetup.ts`).
 */
export const startTestCms = async (name: string, options: TestCmsOptions = {}): Promise<TestCms> => {
  const template = migratedTemplate()
  if (!template) throw new Error('startTestCms: no migrated template database; run the tests with vitest (its globalSetup migrates one)')
  const database = await createTestDatabase(name, { template })
  const mediaDir = mkdtempSync(path.join(tmpdir(), `showroom-media-${name}-`))
  const { adapter: email, messages: emails } = createCapturingEmailAdapter({ log: false })
  const config = await buildShowroomConfig({
    BANK_TRANSFER_DETAILS: options.bankTransferDetails,
    CATALOGUE_CACHE_MAX_BYTES: options.catalogueCacheMaxBytes,
    // A test may send far more requests at once than the small pool has connections (checkout's
    // 200 concurrent orders); on a loaded machine the last ones wait long for a free connection.
    // Production fails them after a few seconds; here they wait, so the test sees every answer.
    DATABASE_CONNECT_TIMEOUT_MS: TEST_DATABASE_CONNECT_TIMEOUT_MS,
    DATABASE_POOL_MAX: 5,
    DATABASE_URL: database.url,
    email: options.smtpUrl ? smtpEmailAdapter({ url: options.smtpUrl }) : email,
    NODE_ENV: options.nodeEnv ?? 'test',
    MEDIA_DIR: mediaDir,
    ORDER_NOTICE_EMAIL: options.orderNoticeEmail,
    PAYLOAD_SECRET: TEST_SECRET,
    PAYMENT_TEST_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    PREVIEW_SECRET: options.previewSecret,
    paymentAdapters: options.paymentAdapters,
    s3: options.s3,
    stripe: options.stripe,
    SERVER_URL: TEST_SERVER_URL,
    STOREFRONT_URL: [TEST_STOREFRONT_URL],
    STOREFRONT_WEBHOOK_SECRET: options.storefrontWebhook?.secret,
    STOREFRONT_WEBHOOK_URL: options.storefrontWebhook?.url,
    unpaidOrders: options.unpaidOrders,
    webhooks: options.webhooks,
  })
  const payload = await getPayload({ config, key: database.name })

  const api: TestCms['api'] = (route, { token, ...init } = {}) => {
    const headers = new Headers(init.headers)
    if (token) headers.set('Authorization', `JWT ${token}`)
    if (typeof init.body === 'string' && !headers.has('Content-Type')) headers.set('Content-Type', 'application/json')
    return handleEndpoints({
      config,
      payloadInstanceCacheKey: database.name,
      request: new Request(`${TEST_SERVER_URL}/api/v1${route}`, { ...init, headers }),
    })
  }

  return {
    api,
    close: async () => {
      await closePayload(payload)
      await database.drop()
      rmSync(mediaDir, { force: true, recursive: true })
    },
    config,
    databaseUrl: database.url,
    db: poolSql(payload),
    emails,
    mediaDir,
    payload,
    payloadInstanceCacheKey: database.name,
  }
}
