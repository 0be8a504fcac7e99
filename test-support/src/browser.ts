import { mkdirSync } from 'node:fs'
import path from 'node:path'

import { type Browser, chromium, type Page } from 'playwright-core'

/** Debian's Chromium; npm's own browser downloads cannot run on these machines. */
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Headless Chromium without the background traffic a closed network would refuse. */
export const launchBrowser = (): Promise<Browser> =>
  chromium.launch({
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    executablePath,
    headless: true,
  })

/** Screenshots are test artifacts: written under `<repo>/test-results/screenshots`, never committed. */
export const screenshot = async (page: Page, name: string): Promise<string> => {
  const dir = path.resolve(import.meta.dirname, '../../test-results/screenshots')
  mkdirSync(dir, { recursive: true })
  const file = path.join(dir, `${name}.png`)
  await page.screenshot({ fullPage: true, path: file })
  return file
}
