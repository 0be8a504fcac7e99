import node from '@astrojs/node'
import { defineConfig, envField, memoryCache } from 'astro/config'

export default defineConfig({
  adapter: node({ mode: 'standalone' }),
  // Catalogue pages opt in with `Astro.cache.set()` (see `features/cms/routeCache.ts`); this store is
  // per process. Off in `astro dev`. Query parameters are part of the key, sorted.
  cache: { provider: memoryCache({ max: 2000 }) },
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
       * The shop's public origin (`https://shop.example`), for canonical links, Open Graph and the
       * sitemap. Unset, the origin each request arrived at is used.
       */
      SITE_URL: envField.string({ access: 'secret', context: 'server', optional: true, url: true }),
    },
  },
  output: 'server',
  // `pnpm start` listens here too; HOST and PORT override it at run time (e.g. HOST=0.0.0.0 in a container).
  server: { port: 4321 },
})
