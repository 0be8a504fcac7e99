import type { AstroGlobal } from 'astro'
import { STRIPE_JS_URL } from 'astro:env/server'

import { stripeCspSources } from './stripe'

/**
 * Lets this page load and run Stripe.js: adds Stripe's origins to its Content-Security-Policy (the
 * page's own hashed scripts keep working) and returns the script's URL for a `<script src>`.
 */
export const allowStripeJs = (astro: Pick<AstroGlobal, 'csp'>): string => {
  const { csp } = astro
  // No policy to widen where Astro writes none (`astro dev`).
  if (!csp) return STRIPE_JS_URL
  const sources = stripeCspSources(STRIPE_JS_URL)
  // A resource replaces Astro's default `'self'`, which the shop's own bundled scripts need.
  csp.insertScriptResource("'self'")
  for (const source of sources.script) csp.insertScriptResource(source)
  csp.insertDirective(`connect-src ${sources.connect.join(' ')}`)
  csp.insertDirective(`frame-src ${sources.frame.join(' ')}`)
  return STRIPE_JS_URL
}
