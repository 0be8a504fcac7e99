/**
 * The two halves connected: a real CMS (the REST API server, on a fresh Postgres database with the
 * committed migrations) filled through its API, and the built storefront reading from it.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { createCatalogue, type Catalogue } from './fixtures/createCatalogue'
import {
  createTestDatabase,
  freePort,
  type RunningProcess,
  runProcess,
  startProcess,
  type TestDatabase,
} from '@showroom/test-support'

const storefrontDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const cmsDir = path.resolve(storefrontDir, '../cms')

/** Node's own binary: the pinned Node 24 that runs this test also runs the servers. */
const node = process.execPath
const astroCli = path.join(path.dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin/astro.mjs')
const tsxCli = createRequire(path.join(cmsDir, 'package.json')).resolve('tsx/cli')

const baseEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const }

/** A build folder of this run's own, inside the package so the bundle resolves the package's dependencies. */
const outDir = path.join(storefrontDir, '.test-dist', `${process.pid}`)

const buildStorefront = async (): Promise<void> => {
  const args = [astroCli, 'build', '--outDir', outDir]
  await runProcess({ args, command: node, cwd: storefrontDir, env: baseEnv, timeoutMs: 60_000 })
}

type StartedCms = { api: string; origin: string; process: RunningProcess }

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
      PAYLOAD_SECRET: 'storefront-test-secret-0123456789abcdef',
      // Payload writes absolute media URLs from this, so they must name the server really listening.
      SERVER_URL: origin,
    },
    readyLine: /^listening on (http:\/\/\S+)$/m,
    timeoutMs: 60_000,
  })
  expect(cms.ready[1]).toBe(origin)
  return { api: `${origin}/api/v1`, origin, process: cms }
}

const startStorefront = (cmsUrl: string): Promise<RunningProcess> =>
  startProcess({
    args: [path.join(outDir, 'server/entry.mjs')],
    command: node,
    cwd: storefrontDir,
    env: { ...baseEnv, CMS_TIMEOUT_MS: '3000', CMS_URL: cmsUrl, HOST: '127.0.0.1', PORT: '0' },
    readyLine: /Server listening on (http:\/\/\S+)/,
    timeoutMs: 20_000,
  })

/** The `<article>` of the card whose heading is `title`. */
const cardOf = (html: string, title: string): string => {
  const card = html.match(/<article\b[\s\S]*?<\/article>/g)?.find((article) => article.includes(`>${title}</h2>`))
  if (!card) throw new Error(`no card titled ${title} in:\n${html}`)
  return card
}

const attributesOf = (tag: string): Record<string, string> =>
  Object.fromEntries([...tag.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, name = '', value = '']) => [name, value]))

let database: TestDatabase | undefined
let mediaDir: string | undefined
let cms: StartedCms | undefined
let storefront: RunningProcess | undefined
let catalogue: Catalogue
let storefrontUrl: string

beforeAll(async () => {
  database = await createTestDatabase('storefront')
  mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-storefront-media-'))
  // The build and the CMS's start-up (migrations included) take a few seconds each: overlap them.
  // Both settle before going on, so afterAll can stop a started CMS even when the build failed.
  const [built, started] = await Promise.allSettled([buildStorefront(), startCms(database, mediaDir)])
  if (started.status === 'fulfilled') cms = started.value
  if (built.status === 'rejected') throw built.reason
  if (started.status === 'rejected') throw started.reason
  catalogue = await createCatalogue(started.value.api)
  storefront = await startStorefront(started.value.origin)
  storefrontUrl = storefront.ready[1] ?? ''
}, 120_000)

afterAll(async () => {
  await Promise.all([storefront?.stop(), cms?.process.stop()])
  await database?.drop()
  if (mediaDir) rmSync(mediaDir, { force: true, recursive: true })
  rmSync(outDir, { force: true, recursive: true })
  const parent = path.dirname(outDir)
  if (existsSync(parent) && readdirSync(parent).length === 0) rmSync(parent, { recursive: true })
})

describe('home page', () => {
  it('lists the published products with their prices', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await response.text()

    expect(html).toMatch(/^<!DOCTYPE html><html lang="en-GB"/i)
    expect(html).toContain('<title>Showroom</title>')
    expect(html).toMatch(/<meta name="description" content="[^"]+">/)

    const onSale = cardOf(html, catalogue.onSale.title)
    expect(onSale).toContain('€49.00')
    expect(onSale).toMatch(/<s\b[^>]*>[\s\S]*€69\.00[\s\S]*<\/s>/)
    expect(onSale).not.toContain('Sold out')

    const soldOut = cardOf(html, catalogue.soldOut.title)
    expect(soldOut).toContain('£25.00')
    expect(soldOut).toContain('Sold out')
    expect(soldOut).not.toMatch(/<s\b/)

    // Newest first.
    expect(html.indexOf(catalogue.soldOut.title)).toBeLessThan(html.indexOf(catalogue.onSale.title))
  })

  it('never shows a draft', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    expect(html).not.toContain(catalogue.draft.title)
    expect(html.match(/<article\b/g)).toHaveLength(2)
  })

  it('shows CMS images at their card size, with alt text and an absolute URL the CMS serves', async () => {
    const html = await (await fetch(`${storefrontUrl}/`)).text()
    const img = cardOf(html, catalogue.onSale.title).match(/<img\b[^>]*>/)?.[0] ?? ''
    const { alt, height, src = '', width } = attributesOf(img)
    expect(alt).toBe(catalogue.onSale.imageAlt)
    expect({ height, width }).toEqual({ height: '750', width: '600' })
    expect(src.startsWith(`${cms?.origin}/api/v1/media/file/`)).toBe(true)

    const image = await fetch(src)
    expect(image.status).toBe(200)
    expect(image.headers.get('content-type')).toBe('image/webp')

    // The product without an image gets a placeholder instead of a broken <img>.
    expect(cardOf(html, catalogue.soldOut.title)).not.toContain('<img')
  })

  it('lets shared caches keep the page for a minute', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.headers.get('cache-control')).toBe('public, max-age=0, s-maxage=60, stale-while-revalidate=300')
  })
})

describe('health', () => {
  it('answers without asking the CMS', async () => {
    const response = await fetch(`${storefrontUrl}/health`)
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({ status: 'ok' })
    expect(response.headers.get('cache-control')).toBe('no-store')
  })
})

describe('when the CMS is down', () => {
  it('the CMS stops cleanly on SIGTERM', async () => {
    expect(await cms?.process.stop('SIGTERM')).toEqual({ code: 0, signal: null })
  })

  it('the home page answers 503 with a friendly message and no internals', async () => {
    const response = await fetch(`${storefrontUrl}/`)
    expect(response.status).toBe(503)
    expect(response.headers.get('cache-control')).toBe('no-store')
    expect(response.headers.get('retry-after')).toBe('30')
    const html = await response.text()
    expect(html).toContain('We’ll be right back')
    expect(html).toContain('Please try again in a minute.')
    expect(html).not.toMatch(/CmsError|ECONNREFUSED|api\/v1|\bat \S+ \(/)

    // …and the storefront itself stays up.
    expect((await fetch(`${storefrontUrl}/health`)).status).toBe(200)
  })
})
