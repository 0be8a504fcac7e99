import type { IncomingMessage } from 'node:http'

import proxyAddr from 'proxy-addr'

/** Decides whether an address (and the hop index) belongs to a proxy the shop trusts. */
export type ProxyTrust = (address: string, hop: number) => boolean

/**
 * The trust function of TRUSTED_PROXIES (comma-separated IPs, CIDRs, or proxy-addr's names
 * `loopback`, `linklocal`, `uniquelocal` for the private ranges; unset or empty: nobody).
 * Throws with the variable's name when an entry is not an address, so a typo stops the start-up.
 */
export const proxyTrustOf = (list: string | undefined): ProxyTrust => {
  const entries = (list ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '')
  try {
    return proxyAddr.compile(entries)
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES must be comma-separated IP addresses, CIDRs or loopback/linklocal/uniquelocal, got ${JSON.stringify(list)}`, { cause: error })
  }
}

/**
 * The shopper's address: the connection's `peer`, or, when the peer is a trusted proxy, the first hop
 * of `forwardedFor` (read from the right) that is not one. `proxy-addr` does the walk; it reads only
 * these two fields of a Node request, which is what is handed to it.
 */
export const clientAddressOf = (peer: string, forwardedFor: null | string, trust: ProxyTrust): string => {
  const request = { headers: forwardedFor === null ? {} : { 'x-forwarded-for': forwardedFor }, socket: { remoteAddress: peer } }
  return proxyAddr(request as IncomingMessage, trust)
}
