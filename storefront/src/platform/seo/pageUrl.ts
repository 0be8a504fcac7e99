import { SITE_URL } from 'astro:env/server'

/**
 * The absolute public URL of `path`, for canonical links, Open Graph, JSON-LD and the sitemap:
 * from `SITE_URL` when set (behind a proxy the request's own origin may be an internal one),
 * else the origin the request arrived at.
 */
export const absoluteUrl = (path: string, requestUrl: URL): string => new URL(path, SITE_URL ?? requestUrl.origin).href
