import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

import { EMAIL_DEFAULTS } from './email/defaults'

/** Where the CMS keeps local state in development: the embedded database and a generated secret. */
export const dataDir = process.env.SHOWROOM_DATA_DIR
  ? path.resolve(/* turbopackIgnore: true */ process.env.SHOWROOM_DATA_DIR)
  : path.join(process.cwd(), '.data')

const url = z.url({ protocol: /^https?$/ })

const schema = z.object({
  /** Postgres connection string. `pnpm dev`/`start`/`seed` fill it with an embedded database when unset. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  /** Connections in Payload's pool. Payload needs at least 2 (one write inside a transaction deadlocks on 1). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
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
  /** Folder for uploaded media when no object storage is configured. */
  MEDIA_DIR: z.string().min(1).default('media'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /**
   * Signs webhooks from the offline test payment provider (HMAC-SHA256, header `test-signature`); at
   * least 16 characters. Unset: test-provider webhooks are refused. Test cards exist only outside production.
   */
  PAYMENT_TEST_WEBHOOK_SECRET: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Signs session tokens. Required in production; in development one is generated once per checkout. */
  PAYLOAD_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** The CMS's own public URL. */
  SERVER_URL: url.default('http://localhost:3000'),
  /** Storefront origins allowed by CORS and CSRF, comma-separated. */
  STOREFRONT_URL: z
    .string()
    .default('http://localhost:4321')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(url).min(1)),
})

export type CmsEnv = Omit<z.infer<typeof schema>, 'PAYLOAD_SECRET'> & { PAYLOAD_SECRET: string }

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
  const parsed = schema.safeParse(withoutEmpty(source))
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid CMS environment (see .env.example):\n${problems}`)
  }
  const env = parsed.data
  // `next build` evaluates the config too, but signs nothing: the secret matters when serving.
  const building = source.NEXT_PHASE === 'phase-production-build'
  if (!env.PAYLOAD_SECRET && env.NODE_ENV === 'production' && !building) {
    throw new Error('Invalid CMS environment (see .env.example):\n  PAYLOAD_SECRET: required in production')
  }
  return { ...env, PAYLOAD_SECRET: env.PAYLOAD_SECRET ?? localSecret() }
}

const launcherSchema = z.object({
  DATABASE_URL: z.string().optional(),
  /** Port for the embedded database; 0 picks a free one. */
  EMBEDDED_DATABASE_PORT: z.coerce.number().int().min(0).max(65535).default(0),
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
  z.object({ NEXT_DIST_DIR: z.string().min(1).default('.next') }).parse(withoutEmpty(source))
