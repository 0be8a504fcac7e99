import type { NextConfig } from 'next'

import { withPayload } from '@payloadcms/next/withPayload'

const nextConfig: NextConfig = {
  // The CMS has no pages of its own: its root is the admin.
  redirects: async () => [{ destination: '/admin', permanent: false, source: '/' }],
  turbopack: { root: new URL('..', import.meta.url).pathname },
}

export default withPayload(nextConfig, { devBundleServerPackages: false })
