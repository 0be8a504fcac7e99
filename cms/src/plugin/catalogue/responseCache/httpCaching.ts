import { etagOf } from './responseCache'

/** What shared caches (a CDN, nginx) may do with an anonymous catalogue response. */
export type PublicCaching = { sharedMaxAgeSeconds: number; staleWhileRevalidateSeconds: number }

/** For a signed-in reader's catalogue responses: nobody keeps them. */
export const PRIVATE_CACHE_CONTROL = 'private, no-store'

/** Whether `If-None-Match` names `etag` (weak comparison, as RFC 9110 asks for this header; `*` matches). */
export const matchesEtag = (ifNoneMatch: null | string, etag: string): boolean => {
  if (!ifNoneMatch) return false
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim()
    return tag === '*' || tag === etag || tag === `W/${etag}`
  })
}

/**
 * An anonymous published read's response: the JSON body with a strong ETag, `Cache-Control` for
 * browsers (revalidate every time) and shared caches (`s-maxage`, `stale-while-revalidate`), `Vary`
 * on the credentials that would change the answer; or `304 Not Modified` when the client has it.
 */
export const publicResponse = (request: { headers: Headers }, body: string, caching: PublicCaching, etag = etagOf(body)): Response => {
  const headers = new Headers({
    'cache-control': `public, max-age=0, s-maxage=${caching.sharedMaxAgeSeconds}, stale-while-revalidate=${caching.staleWhileRevalidateSeconds}`,
    etag,
    vary: 'Authorization, Cookie',
  })
  if (matchesEtag(request.headers.get('if-none-match'), etag)) return new Response(null, { headers, status: 304 })
  headers.set('content-type', 'application/json')
  return new Response(body, { headers, status: 200 })
}
