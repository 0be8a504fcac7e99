import { fileURLToPath } from 'node:url'

import node from '@astrojs/node'
import { defineConfig, envField, passthroughImageService } from 'astro/config'

import { PAGE_CSP_DIRECTIVES } from './src/platform/http/securityHeaders'

/** How long an idle session (the cart, guest order tokens) is kept: 30 days. */
const SESSION_TTL_SECONDS = 30 * 24 * 60 * 60

export default defineConfig({
  adapter: node({ mode: 'standalone' }),
  // Catalogue pages opt in with `Astro.cache.set()` (see `platform/cache/routeCache.ts`). With REDIS_URL
  // the entries live in Redis, shared by every instance (one invalidation reaches all); without it, in
  // this process's memory. In front of either, each process keeps up to `memoryBytes` of fresh pages,
  // answered by `server.mjs` before Astro runs (see docs/storefront.md, Caching). Off in `astro dev`.
  // The key is the page's canonical address: only the query parameters its route reads
  // (`domains/catalogue/canonicalQuery.ts`).
  cache: {
    provider: {
      config: { max: 2000, memoryBytes: 64 * 1024 * 1024, staleIfErrorSeconds: 24 * 60 * 60 },
      entrypoint: new URL('./src/platform/cache/routeCacheProvider.ts', import.meta.url),
      name: 'showroom',
    },
  },
  env: {
    // Everything here is `access: 'secret'`, even the URLs: Astro inlines public server variables at
    // build time, while secret ones are read when the server starts. One build then runs anywhere.
    schema: {
      /** Where the storefront's server reaches the CMS (may be a private address). */
      CMS_URL: envField.string({ access: 'secret', context: 'server', default: 'http://localhost:3000', url: true }),
      /**
       * Where browsers load CMS media from, when that differs from CMS_URL (a CDN, or the public
       * name of a CMS the server reaches privately). Only relative media URLs are rewritten.
       */
      CMS_PUBLIC_URL: envField.string({ access: 'secret', context: 'server', optional: true, url: true }),
      /** How long one CMS request may take before the page gives up and answers 503. */
      CMS_TIMEOUT_MS: envField.number({ access: 'secret', context: 'server', default: 3000, int: true, max: 60_000, min: 100 }),
      /**
       * Where editors open the CMS admin (its origin), when that differs from CMS_PUBLIC_URL / CMS_URL:
       * the one origin allowed to frame preview pages (Live Preview) and to send them live edits.
       */
      CMS_ADMIN_URL: envField.string({ access: 'secret', context: 'server', optional: true, url: true }),
      /**
       * The CMS's PREVIEW_SECRET (at least 32 characters): preview pages (`/preview/…`, docs/preview.md)
       * check the token of a Preview link with it. Unset, every preview URL is a 404.
       */
      PREVIEW_SECRET: envField.string({ access: 'secret', context: 'server', min: 32, optional: true }),
      /**
       * The shop's public origin (`https://shop.example`), for canonical links, Open Graph and the
       * sitemap. Unset, the origin each request arrived at is used.
       */
      SITE_URL: envField.string({ access: 'secret', context: 'server', optional: true, url: true }),
      /**
       * Redis (`redis://host:6379/0`) shared by every storefront instance: route cache, sessions,
       * webhook de-duplication and live-update fan-out. Unset, all of them stay in this process's memory
       * (fine for one instance).
       */
      REDIS_URL: envField.string({ access: 'secret', context: 'server', optional: true, url: true }),
      /** Prefix of every Redis key and pub/sub channel, so several shops (or test runs) can share one Redis. */
      REDIS_PREFIX: envField.string({ access: 'secret', context: 'server', default: 'showroom:', max: 100 }),
      /**
       * The `whsec_…` secret CMS webhooks are signed with (the CMS's STOREFRONT_WEBHOOK_SECRET). Unset,
       * the webhook endpoint answers 503 and applies nothing.
       */
      WEBHOOK_SECRET: envField.string({ access: 'secret', context: 'server', optional: true, startsWith: 'whsec_' }),
      /**
       * Bearer token Prometheus sends to read `/metrics` (`Authorization: Bearer <token>`). Unset, a
       * production server answers `/metrics` with 404: metrics are never public by accident.
       */
      METRICS_TOKEN: envField.string({ access: 'secret', context: 'server', min: 16, optional: true }),
      /**
       * Proxies whose X-Forwarded-For the storefront believes (comma-separated IPs or CIDRs, such as
       * `10.0.0.0/8,127.0.0.1`). The shopper's address is the first hop of that header that is not one of
       * them; unset, it is the connection's peer and the header is ignored. It names the shopper in rate
       * limits and in the X-Forwarded-For the storefront sends the CMS.
       */
      TRUSTED_PROXIES: envField.string({ access: 'secret', context: 'server', optional: true }),
      /**
       * Rate limits per shopper address, each `<requests>/<seconds>`: sign-in, sign-up and password
       * forms together; placing orders; every other form or action (the cart). Over the limit the
       * shopper gets a 429 with Retry-After and the form says how long to wait. Shared by every instance
       * through Redis when REDIS_URL is set.
       */
      RATE_LIMIT_ACCOUNT: envField.string({ access: 'secret', context: 'server', default: '60/600', includes: '/' }),
      RATE_LIMIT_CHECKOUT: envField.string({ access: 'secret', context: 'server', default: '30/600', includes: '/' }),
      RATE_LIMIT_WRITES: envField.string({ access: 'secret', context: 'server', default: '300/60', includes: '/' }),
      /**
       * How long a shutdown (SIGTERM) waits for requests in flight before closing their connections.
       * Read by `server.mjs`, declared here with the others.
       */
      /**
       * Where shoppers' browsers load Stripe.js, on the checkout and order pages when the CMS offers
       * Stripe. Only tests (and offline development) change it, to the local fake's stand-in; its origin
       * is added to those pages' CSP.
       */
      STRIPE_JS_URL: envField.string({ access: 'secret', context: 'server', default: 'https://js.stripe.com/v3/', url: true }),
      SHUTDOWN_GRACE_MS: envField.number({ access: 'secret', context: 'server', default: 10_000, int: true, max: 120_000, min: 0 }),
    },
  },
  // The shop shows its images as the CMS serves them (sizes made there) and bundles no sharp: Astro's
  // `/_image` endpoint passes files through instead of failing with a 500 for want of sharp.
  image: { service: passthroughImageService() },
  // The shop renders no Markdown; Shiki's inline styles would not pass the page's CSP anyway.
  markdown: { syntaxHighlight: false },
  output: 'server',
  security: {
    // Every page's Content-Security-Policy header: the hashes of the scripts and styles Astro bundles or
    // inlines, plus these directives (frame-ancestors included). `allowedDomains` stays unset: with it,
    // Astro would take `clientAddress` from X-Forwarded-For (see `platform/http/clientAddress.ts`).
    csp: { directives: [...PAGE_CSP_DIRECTIVES] },
  },
  // `pnpm start` listens here too; HOST and PORT override it at run time (e.g. HOST=0.0.0.0 in a container).
  server: { port: 4321 },
  session: {
    // With REDIS_URL, sessions live in Redis (every instance sees the same cart); without it, in files
    // under the cache folder, as the Node adapter does by default.
    driver: {
      config: { fsBase: fileURLToPath(new URL('./node_modules/.astro/sessions', import.meta.url)), ttlSeconds: SESSION_TTL_SECONDS },
      entrypoint: new URL('./src/platform/session/sessionDriver.ts', import.meta.url),
    },
    ttl: SESSION_TTL_SECONDS,
  },
})
