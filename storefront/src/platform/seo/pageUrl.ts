import { SITE_URL } from 'astro:env/server'

/**
 * The absolute public URL of `path`, for canonical links, Open Graph, JSON-LD and the sitemap:
 * from `SITE_URL` when set (behind a proxy the request's own origin may be an internal one),
 * else the origin the request arrived at.
 */
export const absoluteUrl = (path: string, requestUrl: URL): string => new URL(path, SITE_URL ?? requestUrl.origin).href

/**
 * The shop's public origin when SITE_URL is set: pages then render the same whatever Host a request
 * named, so the route cache keys them on this origin, and a junk Host header never makes a new entry.
 */
export const siteOrigin: string | undefined = SITE_URL === undefined ? undefined : new URL(SITE_URL).origin
