/**
 * `pnpm dev` for the storefront: Astro's dev server on port 4321, receiving the CMS's webhooks with the
 * shared development secret unless WEBHOOK_SECRET is set (see `scripts/devWebhookSecret.mjs`).
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { devPreviewSecret, devWebhookSecret } from '../../scripts/devWebhookSecret.mjs'

const env = { ...process.env }
if (!env.WEBHOOK_SECRET) {
  env.WEBHOOK_SECRET = devWebhookSecret()
  console.log('[dev] CMS webhooks accepted with the development secret (cms/.data/dev-webhook-secret)')
}
// Preview pages (docs/preview.md) check the CMS's tokens with the same development secret.
env.PREVIEW_SECRET ||= devPreviewSecret()
// Astro's CLI entry (the package does not export its bin path).
const astro = path.join(import.meta.dirname, '../node_modules/astro/bin/astro.mjs')
const child = spawn(process.execPath, [astro, 'dev', '--port', '4321', ...process.argv.slice(2)], { env, stdio: 'inherit' })
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal))
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)))
