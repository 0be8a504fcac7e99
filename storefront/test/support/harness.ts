/**
 * The two halves connected: a real CMS (the REST API server, on a fresh Postgres database with the
 * committed migrations) filled through its API, and the built storefront reading from it.
 * Each test file calls `startShop()` in `beforeAll` and `stop()` in `afterAll`. In a test run the
 * build and the migrated database come from the run's globalSetup (`globalSetup.ts`); a benchmark,
 * outside vitest, builds and migrates its own.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import {
  cmsScriptArgs,
  createTestDatabase,
  freePort,
  migratedTemplate,
  type RunningProcess,
  startProcess,
  startStorefrontServer,
  type TestDatabase,
} from '@showroom/test-support'
import { inject } from 'vitest'

import { createCatalogue, type Catalogue } from '../fixtures/createCatalogue'
import { buildStorefront, removeTestBuild, testBuildDir } from './storefrontBuild'

const storefrontDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const cmsDir = path.resolve(storefrontDir, '../cms')

/** Node's own binary: the pinned Node 24 that runs this test also runs the servers. */
const node = process.execPath

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const }

export type StartedCms = { api: string; origin: string; process: RunningProcess }

export type StartedStorefront = { process: RunningProcess; url: string }

export type ShopOptions = {
  /**
   * Extra environment for the CMS. With `STOREFRONT_WEBHOOK_SECRET` set, the CMS sends its webhooks
   * to the first storefront instance (whose port is then chosen before the CMS starts).
   */
  cmsEnv?: Record<string, string>
  /** Extra environment for every storefront instance (REDIS_URL, WEBHOOK_SECRET…), read when it starts. */
  env?: Record<string, string>
  /** How many storefront instances to start from the one build. Default 1. */
  instances?: number
  /** Environment for one instance only, by index, over `env` (an empty value unsets a variable). */
  instanceEnv?: Array<Record<string, string>>
}

export type Shop = {
  catalogue: Catalogue
  cms: StartedCms
  /** The CMS's database, for a test that must move time along (an order's payment due time). */
  databaseUrl: string
  /** The first instance (`storefronts[0]`). */
  storefront: RunningProcess
  storefrontUrl: string
  /** Every instance, each on its own port. */
  storefronts: StartedStorefront[]
  /** Stops both servers and removes the database and media (and a build of its own). Safe after a failed start. */
  stop: () => Promise<void>
}

/**
 * The CMS's REST API server on `database`. `migrate` applies the committed migrations first (a database
 * not cloned from the run's migrated template: a benchmark's, or the topology's, whose replicas migrate
 * together as in production).
 */
export const startCms = async (database: TestDatabase, mediaDir: string, extraEnv: Record<string, string>, { migrate = true } = {}): Promise<StartedCms> => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const cms = await startProcess({
    // One process (the test run's bundle, or tsx as a loader; not tsx's CLI, which runs the server as a
    // child): stopping this process, SIGKILL included, stops the server.
    // The young generation the deployment gives it (docker-compose.yml's cms-api), so figures match.
    args: ['--max-semi-space-size=2', ...cmsScriptArgs('scripts/serveApi.ts'), ...(migrate ? ['--migrate'] : []), '--port', String(port)],
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
      ...extraEnv,
    },
    readyLine: /^listening on (http:\/\/\S+)$/m,
    timeoutMs: 60_000,
  })
  if (cms.ready[1] !== origin) throw new Error(`CMS listens on ${cms.ready[1]}, expected ${origin}`)
  return { api: `${origin}/api/v1`, origin, process: cms }
}

export const startStorefront = (outDir: string, cmsUrl: string, env: Record<string, string>): Promise<RunningProcess> =>
  startStorefrontServer(outDir, { ...baseEnv, CMS_TIMEOUT_MS: '10000', CMS_URL: cmsUrl, HOST: '127.0.0.1', PORT: '0', ...env })

/**
 * What a test run's globalSetup made once for every file (the storefront build, the migrated template
 * database); `undefined` outside vitest, where a benchmark builds and migrates its own.
 */
export const runResources = (): { build: string; template: string | undefined } | undefined =>
  process.env.VITEST ? { build: inject('storefrontBuild'), template: migratedTemplate() } : undefined

/**
 * Starts the CMS on a copy of the run's migrated database, then the storefront instances on the run's
 * build, then seeds the catalogue. `name` keeps parallel test files apart. Outside a test run (a
 * benchmark) it builds the storefront while the CMS migrates a database of its own.
 */
export const startShop = async (name: string, { cmsEnv = {}, env = {}, instanceEnv = [], instances = 1 }: ShopOptions = {}): Promise<Shop> => {
  const run = runResources()
  const outDir = run?.build ?? testBuildDir(name)
  const database = await createTestDatabase(`storefront_${name}`, { template: run?.template })
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-storefront-media-'))
  let cms: StartedCms | undefined
  const storefronts: StartedStorefront[] = []

  const stop = async (): Promise<void> => {
    await Promise.all([...storefronts.map((instance) => instance.process.stop()), cms?.process.stop()])
    await database.drop()
    rmSync(mediaDir, { force: true, recursive: true })
    if (!run) removeTestBuild(outDir)
  }

  try {
    const firstEnv: Record<string, string> = {}
    const webhookEnv: Record<string, string> = {}
    if (cmsEnv.STOREFRONT_WEBHOOK_SECRET) {
      const port = await freePort()
      firstEnv.PORT = String(port)
      webhookEnv.STOREFRONT_WEBHOOK_URL = `http://127.0.0.1:${port}/api/webhooks/cms`
    }
    // Without a run's build, the build and the CMS's start-up (migrations included) overlap. Both
    // settle before going on, so a started CMS is stopped even when the build failed.
    const [built, started] = await Promise.allSettled([
      run ? Promise.resolve() : buildStorefront(outDir),
      startCms(database, mediaDir, { ...webhookEnv, ...cmsEnv }, { migrate: !run?.template }),
    ])
    if (started.status === 'fulfilled') cms = started.value
    if (built.status === 'rejected') throw built.reason
    if (started.status === 'rejected') throw started.reason
    // The storefronts start before the catalogue is filled, so they receive its webhooks.
    const launched = await Promise.allSettled(
      Array.from({ length: instances }, (_, index) => startStorefront(outDir, started.value.origin, { ...env, ...(index === 0 ? firstEnv : {}), ...instanceEnv[index] })),
    )
    for (const outcome of launched) if (outcome.status === 'fulfilled') storefronts.push({ process: outcome.value, url: outcome.value.ready[1] ?? '' })
    for (const outcome of launched) if (outcome.status === 'rejected') throw outcome.reason
    const catalogue = await createCatalogue(started.value.api)
    const [first] = storefronts
    if (!first) throw new Error('startShop needs at least one storefront instance')
    return { catalogue, cms: started.value, databaseUrl: database.url, stop, storefront: first.process, storefrontUrl: first.url, storefronts }
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
  [...html.matchAll(/<h[23] class="title"[^>]*>(?:<a\b[^>]*>)?([^<]*)</g)].map(([, title = '']) => title)

export const attributesOf = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name = '', value = '']) => [name, value]))

/** Decodes the few entities Astro writes into attribute values and text. */
export const decodeEntities = (text: string): string =>
  text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&')
