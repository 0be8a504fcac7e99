/**
 * The two halves connected: a real CMS (the REST API server, on a fresh Postgres database with the
 * committed migrations) filled through its API, and the built storefront reading from it.
 * Each test file calls `startShop()` in `beforeAll` and `stop()` in `afterAll`.
 */
import { existsSync, mkdtempSync, readdirSync, rmdirSync, rmSync } from 'node:fs'
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

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const }

export type StartedCms = { api: string; origin: string; process: RunningProcess }

export type StartedStorefront = { process: RunningProcess; url: string }

export type ShopOptions = {
  /**
   * Extra environment for the CMS. With `STOREFRONT_WEBHOOK_SECRET` set, the CMS sends its webhooks
   * to the first storefront instance (whose port is then chosen before the CMS starts).
   */
  cmsEnv?: Record<string, string>
  /** Extra environment for every storefront instance (REDIS_URL, WEBHOOK_SECRET, ASTRO_KEY…). */
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
  /** Stops both servers and removes the database, media and build. Safe after a failed start. */
  stop: () => Promise<void>
}

/** Where test file `name` builds the storefront: inside the package, so the bundle resolves the package's dependencies. */
export const testBuildDir = (name: string): string => path.join(storefrontDir, '.test-dist', `${process.pid}-${name}`)

/** Removes a build made in `testBuildDir`, and the folder holding the builds once it is empty. */
export const removeTestBuild = (outDir: string): void => {
  rmSync(outDir, { force: true, recursive: true })
  const parent = path.dirname(outDir)
  // Not recursive: another test file may just have started its build in there.
  try {
    if (existsSync(parent) && readdirSync(parent).length === 0) rmdirSync(parent)
  } catch {
    // Another file's build arrived in between: it removes the folder when it is done.
  }
}

/** `env` reaches the build too: ASTRO_KEY is read when building (instances of one build share it). */
export const buildStorefront = async (outDir: string, env: Record<string, string>): Promise<void> => {
  const args = [astroCli, 'build', '--outDir', outDir]
  await runProcess({ args, command: node, cwd: storefrontDir, env: { ...baseEnv, ...env }, timeoutMs: 60_000 })
}

export const startCms = async (database: TestDatabase, mediaDir: string, extraEnv: Record<string, string>): Promise<StartedCms> => {
  const port = await freePort()
  const origin = `http://127.0.0.1:${port}`
  const cms = await startProcess({
    // tsx as a loader in one process (not its CLI, which runs the server as a child): stopping this
    // process, SIGKILL included, stops the server.
    // The young generation the deployment gives it (docker-compose.yml's cms-api), so figures match.
    args: ['--max-semi-space-size=2', '--import', 'tsx', 'scripts/serveApi.ts', '--migrate', '--port', String(port)],
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
  startProcess({
    // `server.mjs` wraps the built app for graceful shutdown, as `pnpm start` and the container run it.
    // With the Dockerfile's and `pnpm start`'s young generation (2 MiB semi-spaces).
    args: ['--max-semi-space-size=2', path.join(storefrontDir, 'server.mjs'), path.join(outDir, 'server/entry.mjs')],
    command: node,
    cwd: storefrontDir,
    env: {
      ...baseEnv,
      CMS_TIMEOUT_MS: '10000',
      CMS_URL: cmsUrl,
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    readyLine: /Server listening on (http:\/\/[^\s"]+)/,
    timeoutMs: 20_000,
  })

/**
 * Builds the storefront (into a folder of this file's own) while the CMS starts, seeds the
 * catalogue, then starts the storefront. `name` keeps parallel test files apart.
 */
export const startShop = async (name: string, { cmsEnv = {}, env = {}, instanceEnv = [], instances = 1 }: ShopOptions = {}): Promise<Shop> => {
  const outDir = testBuildDir(name)
  const database = await createTestDatabase(`storefront_${name}`)
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-storefront-media-'))
  let cms: StartedCms | undefined
  const storefronts: StartedStorefront[] = []

  const stop = async (): Promise<void> => {
    await Promise.all([...storefronts.map((instance) => instance.process.stop()), cms?.process.stop()])
    await database.drop()
    rmSync(mediaDir, { force: true, recursive: true })
    removeTestBuild(outDir)
  }

  try {
    // The build and the CMS's start-up (migrations included) take a few seconds each: overlap them.
    // Both settle before going on, so a started CMS is stopped even when the build failed.
    const firstEnv: Record<string, string> = {}
    const webhookEnv: Record<string, string> = {}
    if (cmsEnv.STOREFRONT_WEBHOOK_SECRET) {
      const port = await freePort()
      firstEnv.PORT = String(port)
      webhookEnv.STOREFRONT_WEBHOOK_URL = `http://127.0.0.1:${port}/api/webhooks/cms`
    }
    const [built, started] = await Promise.allSettled([buildStorefront(outDir, env), startCms(database, mediaDir, { ...webhookEnv, ...cmsEnv })])
    if (started.status === 'fulfilled') cms = started.value
    if (built.status === 'rejected') throw built.reason
    if (started.status === 'rejected') throw started.reason
    // The storefronts start before the catalogue is filled, so they receive its webhooks.
    for (let index = 0; index < instances; index += 1) {
      const instance = await startStorefront(outDir, started.value.origin, { ...env, ...(index === 0 ? firstEnv : {}), ...instanceEnv[index] })
      storefronts.push({ process: instance, url: instance.ready[1] ?? '' })
    }
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
