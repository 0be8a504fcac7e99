/** `Cache-Control` values, named for what they serve, so pages agree on them. */
export const cacheControl = {
  /**
   * Public catalogue pages: browsers revalidate every time; shared caches (CDN) keep a page for a
   * minute and may serve it stale for five more while refreshing, which also rides out a CMS blip.
   */
  catalogue: 'public, max-age=0, s-maxage=60, stale-while-revalidate=300',
  /** Personal answers (the cart, the header's cart count): only the visitor's browser may keep them, and not even that. */
  private: 'private, no-store',
  /** Errors and anything that must never be replayed from a cache. */
  none: 'no-store',
} as const
