import type { NextConfig } from 'next'

import { withPayload } from '@payloadcms/next/withPayload'

import { readNextEnv } from './src/env'
import { baseSecurityHeaders } from './src/http/securityHeaders'

const nextEnv = readNextEnv()

const nextConfig: NextConfig = {
  distDir: nextEnv.NEXT_DIST_DIR,
  // Build assets, which the request proxy (src/proxy.ts, which sets every page's and the API's) skips.
  headers: async () => [{ headers: baseSecurityHeaders({ production: nextEnv.NODE_ENV === 'production' }), source: '/:path(_next/static/.*|_next/image|favicon.ico)' }],
  // No `X-Powered-By: Next.js, Payload` (withPayload adds Payload's only when this is not false).
  poweredByHeader: false,
  // `pnpm typecheck` (part of `pnpm test`) checks the whole workspace; the build need not repeat it.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The admin's server code runs in a long-lived `next start` (docker-compose.yml's `cms`), not in serverless
    // functions whose cold start a smaller file would shorten: minifying it only cost each build ~16 s
    // of CPU (about 30%), and made server stack traces unreadable. Browser bundles stay minified.
    serverMinification: false,
  },
  // The CMS has no pages of its own: its root is the admin.
  redirects: async () => [{ destination: '/admin', permanent: false, source: '/' }],
  // The commerce plugin is a workspace package shipped as TypeScript source (no build step).
  transpilePackages: ['@showroom/payload-commerce'],
  turbopack: { root: new URL('..', import.meta.url).pathname },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
