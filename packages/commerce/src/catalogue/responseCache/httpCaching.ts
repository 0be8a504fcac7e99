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
export const publicResponse = (request: { headers: Headers }, body: Buffer | string, caching: PublicCaching, etag: string): Response => {
  const { headers, status } = publicAnswerHead(request.headers.get('if-none-match'), caching, etag)
  return new Response(status === 304 ? null : typeof body === 'string' ? body : new Uint8Array(body), { headers, status })
}

/** The status and headers of `publicResponse`, as a plain object (the API server writes them as they are). */
export const publicAnswerHead = (ifNoneMatch: null | string | undefined, caching: PublicCaching, etag: string): { headers: Record<string, string>; status: 200 | 304 } => {
  const headers: Record<string, string> = {
    'cache-control': `public, max-age=0, s-maxage=${caching.sharedMaxAgeSeconds}, stale-while-revalidate=${caching.staleWhileRevalidateSeconds}`,
    etag,
    vary: 'Authorization, Cookie',
  }
  if (matchesEtag(ifNoneMatch ?? null, etag)) return { headers, status: 304 }
  return { headers: { ...headers, 'content-type': 'application/json' }, status: 200 }
}
