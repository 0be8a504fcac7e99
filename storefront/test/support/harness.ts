/**
 * The two halves connected: a real CMS (the REST API server, on a fresh Postgres database with the
 * committed migrations) filled through its API, and the built storefront reading from it.
 * Each test file calls `startShop()` in `beforeAll` and `stop()` in `afterAll`.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  createTestDatabase,
  freePort,
  type RunningProcess,
  runProcess,
  startProcess,
  type TestDatabase,
} from '@showroom/test-support'

import { createCatalogue, type Catalogue } from '../fixtures/createCatalogue'

const storefrontDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cmsDir = path.resolve(storefrontDir, '../cms')

/** Node's own binary: the pinned Node 24 that runs this test also runs the servers. */
const node = process.execPath
const astroCli = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs')
const tsxCli = createRequire(path.join(cmsDir, 'package.json')).resolve('tsx/cli')

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const }

export type StartedCms = { api: string; origin: string; process: RunningProcess }

export type Shop = {
  catalogue: Catalogue
  cms: StartedCms
  storefront: RunningProcess
  storefrontUrl: string
  /** Stops both servers and removes the database, media and build. Safe after a failed start. */
  stop: () => Promise<void>
}

const buildStorefront = async (outDir: string): Promise<void> => {
  const args = [astroCli, 'build', '--outDir', outDir]
  await runProcess({ args, command: node, cwd: storefrontDir, env: baseEnv, timeoutMs: 60_000 })
}

const startCms = async (database: TestDatabase, mediaDir: string): Promise<StartedCms> => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const cms = await startProcess({
    args: [tsxCli, 'scripts/serveApi.ts', '--migrate', '--port', String(port)],
    command: node,
    cwd: cmsDir,
    env: {
      ...baseEnv,
      DATABASE_POOL_MAX: '4',
      DATABASE_URL: database.url,
      MEDIA_DIR: mediaDir,
      // Outside production, so the CMS offers the offline `test` card adapter checkout tests pay with.
      // The storefront itself stays a production build.
      NODE_ENV: 'test',
      PAYLOAD_SECRET: 'storefront-test-secret-0123456789abcdef',
      // Payload writes absolute media URLs from this, so they must name the server really listening.
      SERVER_URL: origin,
    },
    readyLine: /^listening on (http:\/\/\S+)$/m,
    timeoutMs: 60_000,
  })
  if (cms.ready[1] !== origin) throw new Error(`CMS listens on ${cms.ready[1]}, expected ${origin}`)
  return { api: `${origin}/api/v1`, origin, process: cms }
}

const startStorefront = (outDir: string, cmsUrl: string, siteUrl?: string): Promise<RunningProcess> =>
  startProcess({
    args: [path.join(outDir, 'server/entry.mjs')],
    command: node,
    cwd: storefrontDir,
    env: {
      ...baseEnv,
      CMS_TIMEOUT_MS: '3000',
      CMS_URL: cmsUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      ...(siteUrl ? { SITE_URL: siteUrl } : {}),
    },
    readyLine: /Server listening on (http:\/\/\S+)/,
    timeoutMs: 20_000,
  })

/**
 * Builds the storefront (into a folder of this file's own) while the CMS starts, seeds the
 * catalogue, then starts the storefront. `name` keeps parallel test files apart.
 */
export const startShop = async (name: string): Promise<Shop> => {
  /** Inside the package, so the bundle resolves the package's dependencies. */
  const outDir = path.join(storefrontDir, '.test-dist', `${process.pid}-${name}`)
  const database = await createTestDatabase(`storefront_${name}`)
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-storefront-media-'))
  let cms: StartedCms | undefined
  let storefront: RunningProcess | undefined

  const stop = async (): Promise<void> => {
    await Promise.all([storefront?.stop(), cms?.process.stop()])
    await database.drop()
    rmSync(mediaDir, { force: true, recursive: true })
    rmSync(outDir, { force: true, recursive: true })
    const parent = path.dirname(outDir)
    if (existsSync(parent) && readdirSync(parent).length === 0) rmSync(parent, { recursive: true })
  }

  try {
    // The build and the CMS's start-up (migrations included) take a few seconds each: overlap them.
    // Both settle before going on, so a started CMS is stopped even when the build failed.
    const [built, started] = await Promise.allSettled([buildStorefront(outDir), startCms(database, mediaDir)])
    if (started.status === 'fulfilled') cms = started.value
    if (built.status === 'rejected') throw built.reason
    if (started.status === 'rejected') throw started.reason
    const catalogue = await createCatalogue(started.value.api)
    storefront = await startStorefront(outDir, started.value.origin)
    const storefrontUrl = storefront.ready[1] ?? ''
    return { catalogue, cms: started.value, stop, storefront, storefrontUrl }
  } catch (error) {
    await stop()
    throw error
  }
}

/** The `<article>` of the card whose heading is `title`. */
export const cardOf = (html: string, title: string): string => {
  const card = html.match(/<article\b[\s\S]*?<\/article>/g)?.find((article) => article.includes(`>${title}</`))
  if (!card) throw new Error(`no card titled ${title} in:\n${html}`)
  return card
}

/** Titles of the product cards, in page order. */
export const cardTitles = (html: string): string[] =>
  [...html.matchAll(/<h2 class="title"[^>]*>(?:<a\b[^>]*>)?([^<]*)</g)].map(([, title = '']) => title)

export const attributesOf = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name = '', value = '']) => [name, value]))

/** Decodes the few entities Astro writes into attribute values and text. */
export const decodeEntities = (text: string): string =>
  text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
