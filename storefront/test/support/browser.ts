/**
 * Browser helpers for the journey tests: an axe-core audit run inside the page, and screenshots kept
 * under `storefront/test-results/screenshots` (ignored by git) to look at after a run.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import type { Page } from '@showroom/test-support'
import axe from 'axe-core'

const screenshotDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots')

/** A phone-sized viewport (a common 6.1″ phone, in CSS pixels). */
export const PHONE = { height: 844, width: 390 } as const
/** The desktop viewport the journey runs in. */
export const DESKTOP = { height: 900, width: 1280 } as const

/** Saves a full-page PNG as `<name>.png`; returns its path. */
export const saveScreenshot = async (page: Page, name: string): Promise<string> => {
  mkdirSync(screenshotDir, { recursive: true })
  const file = path.join(screenshotDir, `${name}.png`)
  await page.screenshot({ fullPage: true, path: file })
  return file
}

/** Saves the page at the desktop size and again at phone size (`<name>-phone.png`), then restores the desktop size. */
export const saveScreenshots = async (page: Page, name: string): Promise<void> => {
  await saveScreenshot(page, name)
  await page.setViewportSize(PHONE)
  await saveScreenshot(page, `${name}-phone`)
  await page.setViewportSize(DESKTOP)
}

type Violation = Pick<axe.Result, 'help' | 'helpUrl' | 'id' | 'impact'> & {
  nodes: Array<{ failureSummary?: string; html: string; target: string[] }>
}

/** Impacts that fail a page: what keeps someone from using it, not advice. */
const BLOCKING: ReadonlyArray<axe.ImpactValue | undefined> = ['serious', 'critical']

/** One readable block per violation: rule, impact, help, and each offending element with axe's summary. */
export const formatViolations = (violations: readonly Violation[]): string =>
  violations
    .map((violation) =>
      [
        `${violation.id} (${violation.impact ?? 'unknown'}): ${violation.help}  ${violation.helpUrl}`,
        ...violation.nodes.map((node) => `  ${node.target.join(' ')}\n    ${node.html}\n    ${(node.failureSummary ?? '').replaceAll('\n', '\n    ')}`),
      ].join('\n'),
    )
    .join('\n\n')

/**
 * Runs axe-core (WCAG 2.x A and AA rules and best practices) on the page as it is now and returns
 * its serious and critical violations, formatted: an empty string means none.
 */
export const seriousA11yViolations = async (page: Page): Promise<string> => {
  // Evaluated through the DevTools protocol, not as an inline <script>, which the page's CSP refuses.
  await page.evaluate(axe.source)
  const violations = await page.evaluate(async () => {
    const { axe: inPage } = window as unknown as { axe: typeof axe }
    const results = await inPage.run(document, { resultTypes: ['violations'] })
    return results.violations.map((violation) => ({
      help: violation.help,
      helpUrl: violation.helpUrl,
      id: violation.id,
      impact: violation.impact,
      nodes: violation.nodes.map((node) => ({ failureSummary: node.failureSummary, html: node.html, target: node.target.map(String) })),
    }))
  })
  return formatViolations(violations.filter((violation) => BLOCKING.includes(violation.impact)))
}

/**
 * Records, into `reports`, every Content-Security-Policy violation the pages of `page`'s context meet
 * — each `securitypolicyviolation` event (with what was blocked, and where) and the console error the
 * browser writes for it — and any other console error (a script that failed), but a 4xx answer the page
 * handles itself.
 */
export const watchContentSecurityPolicy = async (page: Page, reports: string[]): Promise<void> => {
  await page.context().addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'inline'} in ${event.sourceFile}:${event.lineNumber} (${event.sample})`)
    })
  })
  page.on('console', (message) => {
    // Any console error but a refusal the page expects and shows (an action answering 409 for stock).
    if (message.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(message.text())) {
      reports.push(`${page.url()}: ${message.text()}`)
    }
  })
}
