import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { freePort } from '@showroom/test-support'
import { afterAll, expect, it } from 'vitest'

import { formatMoney } from '../src/domains/catalogue/money'
import { site } from '../src/site'
import { startDevServers, waitFor } from './support/devServers'
import { openEventStream } from './support/liveClient'

// `pnpm dev` on its defaults, as a newcomer runs it: no DATABASE_URL (the embedded PostgreSQL), no webhook
// settings. Only the data and media folders are the test's own, and the seed passwords are chosen.
const CMS = 'http://localhost:3000'
const SHOP = 'http://localhost:4321'
const PASSWORD = 'dev-live-test-password'
const root = mkdtempSync(path.join(tmpdir(), 'showroom-dev-'))
// Run as root, PostgreSQL runs as the `postgres` user, which must reach the cluster inside.
chmodSync(root, 0o755)
const dataDir = path.join(root, 'data')

const env: NodeJS.ProcessEnv = {
  ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(VITEST|TEST$|NODE_ENV$|npm_)/.test(name))),
  EMBEDDED_DATABASE_PORT: String(await freePort()),
  MEDIA_DIR: path.join(root, 'media'),
  // What both dev servers use anyway (vitest's own `test` must not leak into them).
  NODE_ENV: 'development',
  SEED_ADMIN_PASSWORD: PASSWORD,
  SEED_CUSTOMER_PASSWORD: PASSWORD,
  SEED_EDITOR_PASSWORD: PASSWORD,
  SHOWROOM_DATA_DIR: dataDir,
}
for (const name of ['DATABASE_URL', 'STOREFRONT_WEBHOOK_URL', 'STOREFRONT_WEBHOOK_SECRET', 'WEBHOOK_SECRET', 'REDIS_URL', 'CMS_URL', 'PAYLOAD_SECRET']) delete env[name]

const servers = await startDevServers(env, [3000, 4321])
// Stopping waits up to a minute for the tree to end by itself, then another for what SIGKILL leaves.
afterAll(async () => {
  await servers.stop()
  rmSync(root, { force: true, recursive: true })
}, 150_000)

type Product = { compareAtPrice?: null | number; currency: string; id: number; price: number; slug: string; variants?: unknown[] }

const pricePara = async (slug: string): Promise<string> => {
  const html = await (await fetch(`${SHOP}/p/${slug}`)).text()
  return (html.match(/<p\b[^>]*\bdata-price\b[^>]*>([\s\S]*?)<\/p>/)?.[1] ?? '').replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()
}

it('shows an editor’s price save on the open product page and as a live event, then stops without leaving a process', { timeout: 900_000 }, async () => {
  await waitFor('the seeded CMS', async () => (await fetch(`${CMS}/api/v1/products?limit=1`)).ok, servers, 600_000)
  await waitFor('the storefront', async () => (await fetch(`${SHOP}/`)).ok, servers, 300_000)

  const login = await fetch(`${CMS}/api/v1/users/login`, {
    body: JSON.stringify({ email: 'editor@showroom.local', password: PASSWORD }),
    headers: { 'content-type': 'application/json' },
    method: 'POST',
  })
  expect(login.status).toBe(200)
  const { token } = (await login.json()) as { token: string }
  const auth = { authorization: `JWT ${token}` }

  const list = (await (await fetch(`${CMS}/api/v1/products?limit=100&depth=0`, { headers: auth })).json()) as { docs: Product[] }
  const product = list.docs.find((doc) => !doc.compareAtPrice && (doc.variants ?? []).length === 0)
  if (!product) throw new Error('the seed has no plain product (no variants, no sale price)')
  // The open page, warm (and route-cached where caching applies), then its live stream.
  expect(await pricePara(product.slug)).toBe(formatMoney(product.price, product.currency, site.locale))
  const stream = await openEventStream(`${SHOP}/live/products/${product.id}`)
  expect(stream.response.status).toBe(200)

  // The admin's Publish: the whole form as `_payload`, PATCH `?depth=0`, `_status: 'published'`.
  const editing = (await (await fetch(`${CMS}/api/v1/products/${product.id}?depth=0&draft=true`, { headers: auth })).json()) as Product
  const price = product.price + 101
  const form = new FormData()
  form.set('_payload', JSON.stringify({ ...editing, _status: 'published', price }))
  const saved = await fetch(`${CMS}/api/v1/products/${product.id}?depth=0`, { body: form, headers: auth, method: 'PATCH' })
  expect(saved.status).toBe(200)
  let message = await stream.next(30_000)
  while (message.event !== 'price') message = await stream.next(30_000)
  stream.close()
  expect(JSON.parse(message.data)).toMatchObject({ items: [expect.objectContaining({ price, variant: null })], type: 'price' })

  // A reload shows it.
  expect(await pricePara(product.slug)).toBe(formatMoney(price, product.currency, site.locale))

  // Ctrl-C (the whole process group) stops both apps and the embedded PostgreSQL.
  const postmasterFile = path.join(dataDir, 'postgres', 'postmaster.pid')
  const postmaster = Number(readFileSync(postmasterFile, 'utf8').split('\n')[0])
  const { leftBehind } = await servers.stop()
  expect(leftBehind).toEqual([])
  const alive = (() => {
    try {
      process.kill(postmaster, 0)
      return true
    } catch {
      return false
    }
  })()
  if (alive) process.kill(postmaster, 'SIGKILL')
  expect(alive).toBe(false)
  expect(existsSync(postmasterFile)).toBe(false)
})
