import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

/** Where the CMS keeps local state in development: the embedded database and a generated secret. */
export const dataDir = path.resolve(process.env.SHOWROOM_DATA_DIR ?? '.data')

const url = z.url({ protocol: /^https?$/ })

const schema = z.object({
  /** Postgres connection string. `pnpm dev`/`start`/`seed` fill it with an embedded database when unset. */
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection string'),
  /** Connections in Payload's pool. Payload needs at least 2 (one write inside a transaction deadlocks on 1). */
  DATABASE_POOL_MAX: z.coerce.number().int().min(2).max(100).default(10),
  /** Folder for uploaded media when no object storage is configured. */
  MEDIA_DIR: z.string().min(1).default('media'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
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
  const parsed = schema.safeParse(source)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`).join('\n')
    throw new Error(`Invalid CMS environment (see .env.example):\n${problems}`)
  }
  const env = parsed.data
  if (!env.PAYLOAD_SECRET && env.NODE_ENV === 'production') {
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
export const readLauncherEnv = (source: NodeJS.ProcessEnv = process.env) => launcherSchema.parse(source)
