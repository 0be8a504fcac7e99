import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { secretProblem } from '@showroom/payload-commerce/webhooks'
import { PREVIEW_SECRET_MIN_LENGTH } from '@showroom/shared-types/preview'
import { z } from 'zod'

import { EMAIL_DEFAULTS } from './email/defaults'
import { compileProxyTrust } from './security/clientAddress'

/** Where the CMS keeps local state in development: the embedded PostgreSQL's cluster and generated secrets. */
export const dataDir = process.env.SHOWROOM_DATA_DIR
  ? path.resolve(/* turbopackIgnore: true */ process.env.SHOWROOM_DATA_DIR)
  : path.join(process.cwd(), '.data')

/**
 * Default of `DATABASE_CONNECT_TIMEOUT_MS`: a few seconds. Nothing waits longer for the CMS anyway (the
 * storefront gives up on a CMS request after `CMS_TIMEOUT_MS`, 3 s by default), so a longer wait would
 * only pile requests up behind an overloaded pool or a database that is down.
 */
export const DATABASE_CONNECT_TIMEOUT_DEFAULT_MS = 5000

const url = z.url({ protocol: /^https?$/ })

/** `"<points>/<seconds>"`: that many requests per that many seconds (docs/security.md, "Rate limits"). */
const limit = (fallback: string) =>
  z
    .string()
    .regex(/^\d{1,7}\/\d{1,7}$/, 'must be "<points>/<seconds>", such as 10/900')
    .default(fallback)
    .transform((value) => {
      const [points, seconds] = value.split('/').map(Number)
      return { points: points ?? 0, seconds: seconds ?? 0 }
    })
    .refine(({ points, seconds }) => points >= 1 && seconds >= 1, 'points and seconds must be at least 1')

/** IPs and CIDRs, comma-separated; each must be one proxy-addr understands. */
const proxyList = z
  .string()
  .default('')
  .transform((value) => value.split(',').map((entry) => entry.trim()).filter(Boolean))
  .superRefine((entries, context) => {
    try {
      compileProxyTrust(entries)
    } catch (error) {
      context.addIssue({ code: 'custom', message: `must be IP addresses or CIDR ranges, comma-separated (${(error as Error).message})` })
    }
  })

const schema = z.object({
  /** Postgres connection string. `pnpm dev`/`start`/`seed` fill it with an embedded database when unset. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  /** Connections in Payload's pool. Payload needs at least 2 (one write inside a transaction deadlocks on 1). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  /**
   * How long a query waits for a database connection, in ms: a free one from the pool (all busy under
   * load) or a new one to open (database down). Past it the request fails (500) instead of hanging.
   * @default 5000
   */
  DATABASE_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DATABASE_CONNECT_TIMEOUT_DEFAULT_MS),
  /**
   * Bytes of anonymous catalogue responses each CMS process keeps in memory (its response cache); 0
   * turns the cache off, so every read is answered afresh. @default 67108864 (64 MiB)
   */
  CATALOGUE_CACHE_MAX_BYTES: z.coerce.number().int().min(0).max(8 * 1024 * 1024 * 1024).default(64 * 1024 * 1024),
  /**
   * Days a guest's order token opens her order after the order last changed; a deleted order's token
   * opens nothing. @default 30
   */
  GUEST_ORDER_TOKEN_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  /**
   * Failed sign-ins of one client on one account before that client is blocked for that account, and
   * for how many seconds (`<failures>/<seconds>`). The owner, from her own client, still gets in.
   * @default '10/900'
   */
  LOGIN_LOCKOUT: limit('10/900'),
  /** Sign-in attempts per client (`<points>/<seconds>`). @default '100/600' */
  RATE_LIMIT_LOGIN: limit('100/600'),
  /** Failed sign-ins on one account from all clients together (a distributed guess). @default '50/900' */
  RATE_LIMIT_LOGIN_ACCOUNT: limit('50/900'),
  /** Orders placed per client (`POST /api/v1/orders`). @default '60/600' */
  RATE_LIMIT_ORDERS: limit('60/600'),
  /** Discount code checks per client (`POST /api/v1/promotions/apply`, quotes with a code). @default '100/600' */
  RATE_LIMIT_DISCOUNT_CODES: limit('100/600'),
  /** Forgot- and reset-password requests per client. @default '20/3600' */
  RATE_LIMIT_PASSWORD_RESET: limit('20/3600'),
  /** New accounts per client (`POST /api/v1/users`). @default '50/3600' */
  RATE_LIMIT_SIGNUP: limit('50/3600'),
  /** Sender address of the shop's emails (password resets). @default 'shop@showroom.local' */
  EMAIL_FROM: z.email().default(EMAIL_DEFAULTS.fromAddress),
  /** Sender name shown beside `EMAIL_FROM`; Payload quotes it into the From header as is. @default 'Showroom' */
  EMAIL_FROM_NAME: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[^"<>\\\r\n]+$/, 'must not contain quotes, angle brackets, backslashes or line breaks')
    .default(EMAIL_DEFAULTS.fromName),
  /**
   * SMTP server every email goes through: `smtp://user:pass@host:port` (STARTTLS when offered, port 587
   * by default) or `smtps://user:pass@host:port` (TLS, port 465 by default); percent-encode `@`, `:` or
   * `/` in the user or password. Unset: outside production emails are printed to the console, in
   * production they are logged as not delivered.
   */
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' }).optional(),
  /**
   * The account customers pay a bank transfer into (holder, IBAN, BIC: one line), shown with the amount,
   * reference and due date in the confirmation of a bank-transfer order. Unset: those without an account.
   */
  BANK_TRANSFER_DETAILS: z.string().trim().min(1).max(500).optional(),
  /**
   * Where staff are told of each new order (one address). Unset: no new-order notice.
   */
  ORDER_NOTICE_EMAIL: z.email().optional(),
  /** Least severe log level written (Payload's pino logger; JSON lines in production). @default 'info' */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace']).default('info'),
  /**
   * Bearer token that opens `GET /api/v1/metrics` (Prometheus). Unset: the endpoint answers 404, except
   * in development, where it is open. At least 16 characters.
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Folder for uploaded media when no object storage is configured. */
  MEDIA_DIR: z.string().min(1).default('media'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Signs webhooks from the offline test payment provider (HMAC-SHA256, header `test-signature`); at
   * least 16 characters. Unset: test-provider webhooks are refused. Test cards exist only outside production.
   */
  PAYMENT_TEST_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * Signs preview tokens (docs/preview.md); the storefront's PREVIEW_SECRET must be the same. Set: products
   * and categories get Live Preview and a Preview link to their storefront page. Unset: no preview (`pnpm
   * dev` sets a development one). At least 32 characters.
   */
  PREVIEW_SECRET: z.string().min(PREVIEW_SECRET_MIN_LENGTH, `must be at least ${PREVIEW_SECRET_MIN_LENGTH} characters`).optional(),
  /** Minutes a preview token (a Preview link) stays valid; see docs/preview.md. @default 60 */
  PREVIEW_TOKEN_MINUTES: z.coerce.number().int().min(1).max(7 * 24 * 60).default(60),
  /** Signs session tokens. Required in production; in development one is generated once per checkout. */
  PAYLOAD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * Redis shared by the CMS replicas: a catalogue change clears every replica's response cache through
   * its pub/sub. Unset: one process (each replica would clear only its own cache).
   */
  REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL').optional(),
  /** Prefix of the CMS's Redis channel (`<prefix>catalogue:invalidate`). @default 'showroom:' */
  REDIS_PREFIX: z.string().min(1).max(100).default('showroom:'),
  /** S3 access key id (with `S3_BUCKET`). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  /** Bucket for uploaded media. Set: media (originals and every size) go to S3 and nothing to `MEDIA_DIR`. */
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name').optional(),
  /** S3-compatible endpoint (MinIO, R2, …). Unset: AWS's endpoint for `S3_REGION`. */
  S3_ENDPOINT: url.optional(),
  /** Path-style bucket URLs (`<endpoint>/<bucket>/<key>`), which most S3-compatible servers need. @default false */
  S3_FORCE_PATH_STYLE: z.enum(['true', 'false']).default('false').transform((value) => value === 'true'),
  /**
   * Public base URL of the bucket's objects (`<S3_PUBLIC_URL>/<key>`, e.g. a CDN). Set: media URLs point there.
   * Unset: the CMS serves the files itself from the bucket (`/api/v1/media/file/<name>`).
   */
  S3_PUBLIC_URL: url.transform((value) => value.replace(/\/+$/, '')).optional(),
  /** Region of the bucket (with `S3_BUCKET`); S3-compatible servers often accept any, e.g. `us-east-1`. */
  S3_REGION: z.string().min(1).optional(),
  /** S3 secret access key (with `S3_BUCKET`). */
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** The CMS's own public URL. */
  SERVER_URL: url.default('http://localhost:3000'),
  /** Storefront origins allowed by CORS and CSRF, comma-separated. */
  STOREFRONT_URL: z
    .string()
    .default('http://localhost:4321')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(url).min(1)),
  /**
   * Proxies whose `X-Forwarded-For` is believed (IPs or CIDRs, comma-separated): the storefront's
   * servers and nginx. Unset: nobody's; the client is the socket's peer.
   */
  TRUSTED_PROXIES: proxyList,
  /**
   * Stripe's secret API key (`sk_live_…`, `sk_test_…`, or a restricted `rk_…` key). Set together with
   * `STRIPE_PUBLISHABLE_KEY` and `STRIPE_WEBHOOK_SECRET`: checkout then offers card payment through
   * Stripe (docs/payments.md). Unset: no Stripe.
   */
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(live|test)_[A-Za-z0-9_]+$/, 'must be a Stripe secret key (sk_live_…, sk_test_… or rk_…)').optional(),
  /** Stripe's publishable key (`pk_live_…`, `pk_test_…`): published to storefronts with the `stripe` method, for Stripe.js. */
  STRIPE_PUBLISHABLE_KEY: z.string().regex(/^pk_(live|test)_[A-Za-z0-9_]+$/, 'must be a Stripe publishable key (pk_live_… or pk_test_…)').optional(),
  /** The signing secret of the webhook endpoint set up in Stripe for `/api/v1/payments/stripe/webhook` (`whsec_…`). */
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_[A-Za-z0-9_]+$/, 'must be a Stripe webhook signing secret (whsec_…)').optional(),
  /**
   * Another address for Stripe's API, such as a local fake (`http://127.0.0.1:12111`): tests and offline
   * development only, refused in production. Unset: https://api.stripe.com.
   */
  STRIPE_API_BASE: url.optional(),
  /** Where the storefront receives every webhook event (`POST`). Unset: no storefront webhooks. */
  STOREFRONT_WEBHOOK_URL: url.optional(),
  /** Signs the storefront's webhooks (Standard Webhooks): `whsec_` + base64 of 24–64 random bytes. */
  STOREFRONT_WEBHOOK_SECRET: z
    .string()
    .optional()
    .superRefine((value, context) => {
      const problem = value === undefined ? null : secretProblem(value)
      if (problem) context.addIssue({ code: 'custom', message: problem })
    }),
  /**
   * Minutes an order whose payment is outstanding (bank transfer) holds its stock; past it, the order is
   * cancelled as expired and its stock goes back on sale. At most a year. @default 4320 (3 days)
   */
  UNPAID_ORDER_HOLD_MINUTES: z.coerce.number().int().min(1).max(525_600).optional(),
  /** How often each CMS process cancels the unpaid orders past their due time, in ms. @default 60000 */
  UNPAID_ORDER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
  /** How long a webhook receiver may take to answer, in ms. @default 10000 */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).optional(),
  /** How often each CMS process looks for due webhook retries and deliveries a crashed process left, in ms. @default 1000 */
  WEBHOOK_POLL_INTERVAL_MS: z.coerce.number().int().min(10).max(600_000).optional(),
  /**
   * How long a claimed webhook delivery stays reserved beyond `WEBHOOK_TIMEOUT_MS`, in ms: after a crash
   * mid-send, another process retries it once the lease is over. @default 30000
   */
  WEBHOOK_LEASE_MARGIN_MS: z.coerce.number().int().min(10).max(3_600_000).optional(),
  /** Days a finished webhook delivery stays in the delivery log before it is removed. @default 30 */
  WEBHOOK_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).optional(),
})

/** Where media go when object storage is configured (`S3_*`). */
export type S3Settings = {
  accessKeyId: string
  bucket: string
  endpoint?: string
  forcePathStyle: boolean
  publicUrl?: string
  region: string
  secretAccessKey: string
}

/** Card payments through Stripe (`STRIPE_*`). */
export type StripeSettings = { apiBase?: string; publishableKey: string; secretKey: string; webhookSecret: string }

export type CmsEnv = Omit<z.infer<typeof schema>, 'PAYLOAD_SECRET'> & {
  PAYLOAD_SECRET: string
  /** Object storage for media, or null for local disk (`MEDIA_DIR`). */
  s3: null | S3Settings
  /** Stripe, or null when it is not configured (then checkout does not offer it). */
  stripe: null | StripeSettings
}

const STRIPE_REQUIRED = ['STRIPE_SECRET_KEY', 'STRIPE_PUBLISHABLE_KEY', 'STRIPE_WEBHOOK_SECRET'] as const

/**
 * All-or-nothing, like S3: a shop with a secret key but no webhook secret would take 3-D Secure payments
 * it never hears the outcome of. A test-mode key pair and a live one are never mixed.
 */
const stripeSettingsOf = (env: z.infer<typeof schema>): null | StripeSettings => {
  const given = Object.keys(env).filter((key) => key.startsWith('STRIPE_') && env[key as keyof typeof env] !== undefined)
  if (given.length === 0) return null
  const fail = (problem: string): never => {
    throw new Error(`Invalid CMS environment (see .env.example):\n  ${problem}`)
  }
  const { STRIPE_API_BASE: apiBase, STRIPE_PUBLISHABLE_KEY: publishableKey, STRIPE_SECRET_KEY: secretKey, STRIPE_WEBHOOK_SECRET: webhookSecret } = env
  if (!secretKey || !publishableKey || !webhookSecret) {
    return fail(`${STRIPE_REQUIRED.filter((key) => !env[key]).join(', ')}: required when any STRIPE_* variable is set (${given.join(', ')})`)
  }
  if (secretKey.includes('_live_') !== publishableKey.includes('_live_')) fail('STRIPE_SECRET_KEY and STRIPE_PUBLISHABLE_KEY: one is a live key and the other a test key')
  if (apiBase && env.NODE_ENV === 'production') fail('STRIPE_API_BASE: only for tests and offline development, not in production')
  return { apiBase, publishableKey, secretKey, webhookSecret }
}

const S3_REQUIRED = ['S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const

/** All-or-nothing: a half-configured bucket must stop start-up, not silently write media to local disk. */
const s3SettingsOf = (env: z.infer<typeof schema>, source: Record<string, string | undefined>): null | S3Settings => {
  const given = Object.keys(source).filter((key) => key.startsWith('S3_'))
  if (given.length === 0) return null
  const missing = S3_REQUIRED.filter((key) => !env[key])
  if (missing.length > 0) {
    throw new Error(`Invalid CMS environment (see .env.example):\n  ${missing.join(', ')}: required when any S3_* variable is set (${given.join(', ')})`)
  }
  const { S3_ACCESS_KEY_ID, S3_BUCKET, S3_REGION, S3_SECRET_ACCESS_KEY } = env
  if (!S3_ACCESS_KEY_ID || !S3_BUCKET || !S3_REGION || !S3_SECRET_ACCESS_KEY) return null
  return {
    accessKeyId: S3_ACCESS_KEY_ID,
    bucket: S3_BUCKET,
    endpoint: env.S3_ENDPOINT,
    forcePathStyle: env.S3_FORCE_PATH_STYLE,
    publicUrl: env.S3_PUBLIC_URL,
    region: S3_REGION,
    secretAccessKey: S3_SECRET_ACCESS_KEY,
  }
}

/** `KEY=` lines copied from `.env.example` mean "unset", so defaults apply. */
const withoutEmpty = (source: NodeJS.ProcessEnv): Record<string, string | undefined> =>
  Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ''))

/** A development-only secret, created once and kept beside the embedded database. */
const localSecret = (): string => {
  const file = path.join(dataDir, 'payload-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

/** Parses the CMS's environment once; a missing or malformed variable fails start-up with its name. */
export const readEnv = (source: NodeJS.ProcessEnv = process.env): CmsEnv => {
  const given = withoutEmpty(source)
  const parsed = schema.safeParse(given)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid CMS environment (see .env.example):\n${problems}`)
  }
  const env = parsed.data
  if (Boolean(env.STOREFRONT_WEBHOOK_URL) !== Boolean(env.STOREFRONT_WEBHOOK_SECRET)) {
    throw new Error('Invalid CMS environment (see .env.example):\n  STOREFRONT_WEBHOOK_URL and STOREFRONT_WEBHOOK_SECRET: set both or neither')
  }
  // `next build` evaluates the config too, but signs nothing: the secret matters when serving.
  const building = source.NEXT_PHASE === 'phase-production-build'
  if (!env.PAYLOAD_SECRET && env.NODE_ENV === 'production' && !building) {
    throw new Error('Invalid CMS environment (see .env.example):\n  PAYLOAD_SECRET: required in production')
  }
  // Preview is configured by its secret; a token lifetime without one is a deployment missing its secret.
  if (given.PREVIEW_TOKEN_MINUTES !== undefined && !env.PREVIEW_SECRET) {
    throw new Error('Invalid CMS environment (see .env.example):\n  PREVIEW_SECRET: required when PREVIEW_TOKEN_MINUTES is set (docs/preview.md)')
  }
  const s3 = s3SettingsOf(env, given)
  return { ...env, PAYLOAD_SECRET: env.PAYLOAD_SECRET ?? localSecret(), s3, stripe: stripeSettingsOf(env) }
}

/** Default of `EMBEDDED_DATABASE_PORT`. */
export const EMBEDDED_DATABASE_PORT_DEFAULT = 54329

const launcherSchema = z.object({
  DATABASE_URL: z.string().optional(),
  /**
   * Port of the embedded PostgreSQL on 127.0.0.1 when DATABASE_URL is unset: away from a system
   * PostgreSQL's 5432; 0 picks a free one. @default 54329
   */
  EMBEDDED_DATABASE_PORT: z.coerce.number().int().min(0).max(65535).default(EMBEDDED_DATABASE_PORT_DEFAULT),
})

/** What `scripts/withDatabase.ts` needs before a database exists. */
export const readLauncherEnv = (source: NodeJS.ProcessEnv = process.env) => launcherSchema.parse(withoutEmpty(source))

/** Empty values count as unset, so a copied `.env.example` with bare `KEY=` lines still parses. */
const optional = <T extends z.ZodType>(type: T) =>
  z.preprocess((value) => (typeof value === 'string' && value.trim() === '' ? undefined : value), type.optional())

/** A chosen seed password: long enough that a demo account on a reachable server is not trivially guessed. */
const seedPassword = optional(z.string().min(12, 'must be at least 12 characters'))

const seedEmail = (fallback: string) => optional(z.email()).transform((value) => value ?? fallback)

const seedSchema = z.object({
  /** Email of the seeded admin. @default 'admin@showroom.local' */
  SEED_ADMIN_EMAIL: seedEmail('admin@showroom.local'),
  /** Password of the seeded admin; when unset a random one is generated and printed once, at creation. */
  SEED_ADMIN_PASSWORD: seedPassword,
  /** Email of the seeded customer. @default 'customer@showroom.local' */
  SEED_CUSTOMER_EMAIL: seedEmail('customer@showroom.local'),
  /** Password of the seeded customer; when unset a random one is generated and printed once, at creation. */
  SEED_CUSTOMER_PASSWORD: seedPassword,
  /** Email of the seeded editor. @default 'editor@showroom.local' */
  SEED_EDITOR_EMAIL: seedEmail('editor@showroom.local'),
  /** Password of the seeded editor; when unset a random one is generated and printed once, at creation. */
  SEED_EDITOR_PASSWORD: seedPassword,
})

export type SeedEnv = z.infer<typeof seedSchema>

/**
 * What `pnpm seed` needs beyond the CMS's own environment: who the demo users are. Passwords are
 * never defaulted here: a well-known admin password would be the first thing tried on a server.
 */
export const readSeedEnv = (source: Record<string, string | undefined> = process.env): SeedEnv => {
  const parsed = seedSchema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid seed environment (see .env.example):\n${problems}`)
  }
  return parsed.data
}

/**
 * What `next.config.ts` needs. `NEXT_DIST_DIR` lets a second Next process (the admin browser tests)
 * run beside a developer's `pnpm dev` without sharing its build folder. @default '.next'
 */
export const readNextEnv = (source: NodeJS.ProcessEnv = process.env) =>
  z
    .object({ NEXT_DIST_DIR: z.string().min(1).default('.next'), NODE_ENV: z.enum(['development', 'production', 'test']).default('development') })
    .parse(withoutEmpty(source))
