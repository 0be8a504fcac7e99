import type { IncomingMessage } from 'node:http'

import { describe, expect, it } from 'vitest'

import { clientAddressOf, compileProxyTrust } from './clientAddress'

/** Just what proxy-addr reads from a Node request: the socket's peer and X-Forwarded-For. */
const request = (peer: string, forwardedFor?: string) =>
  ({ connection: { remoteAddress: peer }, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}, socket: { remoteAddress: peer } }) as unknown as IncomingMessage

describe('clientAddressOf', () => {
  const nobody = compileProxyTrust([])
  const proxies = compileProxyTrust(['10.0.0.0/8', '127.0.0.1'])

  it('is the peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf(request('203.0.113.7', '198.51.100.1'), nobody)).toBe('203.0.113.7')
    // One key per client whether the socket is IPv4 or IPv4-mapped IPv6.
    expect(clientAddressOf(request('::ffff:203.0.113.7'), nobody)).toBe('203.0.113.7')
  })

  it('walks X-Forwarded-For from the right, past trusted proxies only', () => {
    expect(clientAddressOf(request('127.0.0.1', '198.51.100.1'), proxies)).toBe('198.51.100.1')
    expect(clientAddressOf(request('127.0.0.1', '198.51.100.1, 10.1.2.3'), proxies)).toBe('198.51.100.1')
    // A hop the client wrote itself, left of the first untrusted one, changes nothing.
    expect(clientAddressOf(request('127.0.0.1', '6.6.6.6, 198.51.100.1, 10.1.2.3'), proxies)).toBe('198.51.100.1')
    // An untrusted peer's header is not read at all.
    expect(clientAddressOf(request('203.0.113.7', '198.51.100.1'), proxies)).toBe('203.0.113.7')
  })

  it('refuses a malformed proxy entry', () => {
    expect(() => compileProxyTrust(['storefront'])).toThrow()
  })
})
