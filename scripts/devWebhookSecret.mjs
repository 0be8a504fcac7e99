/**
 * `pnpm dev` wires the CMS's webhooks to the storefront (unless STOREFRONT_WEBHOOK_URL/SECRET are set), so changes
 * show up live: both dev scripts take the same `whsec_` secret from this file in the CMS's data folder
 * (created by whichever starts first; git-ignored, development only). Production sets
 * STOREFRONT_WEBHOOK_SECRET and WEBHOOK_SECRET itself. The preview secret (PREVIEW_SECRET) is shared the same way.
 */
import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')

/** The folder the CMS keeps development data in (`SHOWROOM_DATA_DIR`, default `cms/.data`). */
const cmsDataDir = () => (process.env.SHOWROOM_DATA_DIR ? path.resolve(root, 'cms', process.env.SHOWROOM_DATA_DIR) : path.join(root, 'cms', '.data'))

/** A development secret kept in the CMS's data folder as `name`, created on first use. */
const devSecret = (name, create) => {
  const dir = cmsDataDir()
  const file = path.join(dir, name)
  mkdirSync(dir, { recursive: true })
  try {
    // `wx`: when both apps start at once, one creates it and the other reads that one.
    writeFileSync(file, create(), { flag: 'wx', mode: 0o600 })
  } catch (error) {
    if (error?.code !== 'EEXIST') throw error
  }
  return readFileSync(file, 'utf8').trim()
}

/** The development webhook secret, created on first use. */
export const devWebhookSecret = () => devSecret('dev-webhook-secret', () => `whsec_${randomBytes(32).toString('base64')}`)

/** The development preview secret (PREVIEW_SECRET of both apps; docs/preview.md), created on first use. */
export const devPreviewSecret = () => devSecret('dev-preview-secret', () => randomBytes(32).toString('hex'))

/** Where the storefront's dev server receives the CMS's webhooks. */
export const DEV_STOREFRONT_WEBHOOK_URL = 'http://localhost:4321/api/webhooks/cms'
