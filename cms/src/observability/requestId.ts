/** The header that carries a request's id from the storefront to the CMS and back. */
export const REQUEST_ID_HEADER = 'x-request-id'

const VALID = /^[\w.-]{1,100}$/

/**
 * The caller's request id when it is a sane one (1–100 characters of letters, digits, `_`, `.`, `-`:
 * safe in a header and a log line), else a new UUID. Uses the global Web Crypto, so Next's proxy can run it too.
 */
export const requestIdOf = (incoming: null | string | string[] | undefined): string => {
  const value = Array.isArray(incoming) ? incoming[0] : incoming
  return value && VALID.test(value) ? value : crypto.randomUUID()
}
