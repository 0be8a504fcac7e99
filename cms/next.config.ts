import type { NextConfig } from 'next'

import { withPayload } from '@payloadcms/next/withPayload'

import { readNextEnv } from './src/env'

const nextConfig: NextConfig = {
  distDir: readNextEnv().NEXT_DIST_DIR,
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
