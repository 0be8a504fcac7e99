import { z } from 'astro/zod'

/**
 * Imported first by every page script that parses with zod: zod otherwise probes `new Function('')`
 * to compile faster parsers, which the page's Content-Security-Policy (no 'unsafe-eval') refuses and
 * reports as a violation. Must run before any schema is built, hence its own module, imported first.
 */
z.config({ jitless: true })
