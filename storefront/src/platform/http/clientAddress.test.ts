import { describe, expect, it } from 'vitest'

import { clientAddressOf, proxyTrustOf } from './clientAddress'

describe('the shopper address', () => {
  it('is the connection peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', proxyTrustOf(undefined))).toBe('203.0.113.7')
    expect(clientAddressOf('203.0.113.7', '198.51.100.1', proxyTrustOf(''))).toBe('203.0.113.7')
  })

  it('is the first untrusted hop from the right behind trusted proxies, so a forged left-most entry changes nothing', () => {
    const trust = proxyTrustOf('10.0.0.0/8, 127.0.0.1')
    expect(clientAddressOf('127.0.0.1', '198.51.100.1', trust)).toBe('198.51.100.1')
    expect(clientAddressOf('127.0.0.1', 'forged, 198.51.100.1, 10.1.2.3', trust)).toBe('198.51.100.1')
    // The peer itself is not trusted: the header is not read.
    expect(clientAddressOf('192.0.2.9', '198.51.100.1', trust)).toBe('192.0.2.9')
  })

  it('takes proxy-addr’s names for the private ranges (a compose network)', () => {
    expect(clientAddressOf('172.18.0.5', '198.51.100.1', proxyTrustOf('uniquelocal'))).toBe('198.51.100.1')
    expect(clientAddressOf('::ffff:172.18.0.5', '198.51.100.1', proxyTrustOf('uniquelocal'))).toBe('198.51.100.1')
  })

  it('refuses a TRUSTED_PROXIES entry that is not an address', () => {
    expect(() => proxyTrustOf('10.0.0.0/8,proxy.internal')).toThrow(/TRUSTED_PROXIES/)
  })
})
