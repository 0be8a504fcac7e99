import type { IncomingMessage } from 'node:http'

import proxyAddr from 'proxy-addr'

/**
 * The header that carries the client's address from the CMS's own HTTP servers (`scripts/serveApi.ts`,
 * `scripts/serveNext.ts`) to the request handlers. The servers always overwrite it, so a client cannot
 * choose it (docs/security.md, "Client address and proxies").
 */
export const CLIENT_ADDRESS_HEADER = 'x-showroom-client-address'

/** Decides whether a hop is a trusted proxy (`TRUSTED_PROXIES`, compiled once). */
export type ProxyTrust = (address: string, hop: number) => boolean

/**
 * Compiles `TRUSTED_PROXIES` (IPs and CIDRs, or proxy-addr's names `loopback`, `linklocal`,
 * `uniquelocal`). An empty list trusts nobody: `X-Forwarded-For` is then ignored.
 * Throws on a malformed entry, naming it.
 */
export const compileProxyTrust = (entries: readonly string[]): ProxyTrust => proxyAddr.compile([...entries])

/** `::ffff:10.0.0.1` and `10.0.0.1` are the same client: one key per client, whatever the socket's family. */
const canonical = (address: string): string => address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1')

/**
 * The client of a request: the socket's peer, or, when the peer is a trusted proxy, the first hop of
 * `X-Forwarded-For` (from the right) that is not one. proxy-addr does the walk, as Express does.
 */
export const clientAddressOf = (req: IncomingMessage, trust: ProxyTrust): string => {
  // A socket already closed has no peer; proxy-addr needs one to start its walk.
  if (!req.socket.remoteAddress) return 'unknown'
  return canonical(proxyAddr(req, trust))
}

/** Sets the resolved client address on a Node request, replacing whatever the client sent. */
export const stampClientAddress = (req: IncomingMessage, trust: ProxyTrust): string => {
  const address = clientAddressOf(req, trust)
  req.headers[CLIENT_ADDRESS_HEADER] = address
  return address
}

const stampedBy = Symbol.for('showroom.clientAddressServer')

/** Called by a server that stamps every request (`stampClientAddress`) before its handlers run in this process. */
export const markClientAddressStamped = (): void => {
  ;(globalThis as Record<symbol, unknown>)[stampedBy] = true
}

let warned = false

/**
 * The client address a Fetch-style handler sees: the stamped header when this process's server stamps
 * every request. Under a server that does not (plain `next start`), the header could come from the
 * client, so it is ignored and the rightmost `X-Forwarded-For` entry is used (Next fills it from the
 * socket only when the client sent none: spoofable), with a warning once.
 */
export const clientAddressFromHeaders = (headers: Headers, warn: (message: string) => void): string => {
  if ((globalThis as Record<symbol, unknown>)[stampedBy] === true) return headers.get(CLIENT_ADDRESS_HEADER) ?? 'unknown'
  if (!warned) {
    warned = true
    warn('The CMS runs without its own HTTP server (scripts/serveNext.ts): the client address comes from X-Forwarded-For, which clients can forge. Use `pnpm start`.')
  }
  const hops = (headers.get('x-forwarded-for') ?? '').split(',').map((hop) => hop.trim()).filter(Boolean)
  return canonical(hops.at(-1) ?? 'unknown')
}
