import { randomBytes } from 'node:crypto'

import { describe, expect, it } from 'vitest'

import { readEnv } from './env'

const base = { DATABASE_URL: 'postgres://localhost/db', NODE_ENV: 'test' as const, PAYLOAD_SECRET: 'x'.repeat(32) }
const secret = `whsec_${randomBytes(32).toString('base64')}`

describe('the storefront webhook variables', () => {
  it('are optional, and read together', () => {
    expect(readEnv(base).STOREFRONT_WEBHOOK_URL).toBeUndefined()
    expect(readEnv({ ...base, STOREFRONT_WEBHOOK_SECRET: secret, STOREFRONT_WEBHOOK_URL: 'https://shop.test/api/webhooks' })).toMatchObject({
      STOREFRONT_WEBHOOK_SECRET: secret,
      STOREFRONT_WEBHOOK_URL: 'https://shop.test/api/webhooks',
    })
  })

  it('refuse one without the other, a malformed secret or a non-http URL, naming the variable', () => {
    expect(() => readEnv({ ...base, STOREFRONT_WEBHOOK_URL: 'https://shop.test/hook' })).toThrow(/set both or neither/)
    expect(() => readEnv({ ...base, STOREFRONT_WEBHOOK_SECRET: 'plain', STOREFRONT_WEBHOOK_URL: 'https://shop.test/hook' })).toThrow(
      /STOREFRONT_WEBHOOK_SECRET: must start with "whsec_"/,
    )
    expect(() => readEnv({ ...base, STOREFRONT_WEBHOOK_SECRET: secret, STOREFRONT_WEBHOOK_URL: 'ftp://shop.test/hook' })).toThrow(/STOREFRONT_WEBHOOK_URL/)
  })
})

describe('the S3 variables', () => {
  const s3 = { S3_ACCESS_KEY_ID: 'key', S3_BUCKET: 'shop-media', S3_REGION: 'eu-west-1', S3_SECRET_ACCESS_KEY: 'secret' }

  it('are off when none is set, so media stay on local disk', () => {
    expect(readEnv(base).s3).toBeNull()
    expect(readEnv({ ...base, S3_BUCKET: '' }).s3).toBeNull()
  })

  it('turn object storage on together, with optional endpoint, path style and public URL', () => {
    expect(readEnv({ ...base, ...s3 }).s3).toEqual({
      accessKeyId: 'key',
      bucket: 'shop-media',
      endpoint: undefined,
      forcePathStyle: false,
      publicUrl: undefined,
      region: 'eu-west-1',
      secretAccessKey: 'secret',
    })
    expect(
      readEnv({ ...base, ...s3, S3_ENDPOINT: 'http://minio:9000', S3_FORCE_PATH_STYLE: 'true', S3_PUBLIC_URL: 'https://cdn.shop.test/media/' }).s3,
    ).toMatchObject({ endpoint: 'http://minio:9000', forcePathStyle: true, publicUrl: 'https://cdn.shop.test/media' })
  })

  it('refuse a partial configuration at start-up, naming what is missing', () => {
    expect(() => readEnv({ ...base, S3_BUCKET: 'shop-media' })).toThrow(/S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: required when any S3_\* variable is set/)
    expect(() => readEnv({ ...base, S3_PUBLIC_URL: 'https://cdn.shop.test' })).toThrow(/S3_BUCKET/)
    expect(() => readEnv({ ...base, ...s3, S3_PUBLIC_URL: 'not a url' })).toThrow(/S3_PUBLIC_URL/)
    expect(() => readEnv({ ...base, ...s3, S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/S3_FORCE_PATH_STYLE/)
  })
})

describe('the database connection timeout', () => {
  it('defaults to a few seconds and takes a number of milliseconds', () => {
    expect(readEnv(base).DATABASE_CONNECT_TIMEOUT_MS).toBe(5000)
    expect(readEnv({ ...base, DATABASE_CONNECT_TIMEOUT_MS: '' }).DATABASE_CONNECT_TIMEOUT_MS).toBe(5000)
    expect(readEnv({ ...base, DATABASE_CONNECT_TIMEOUT_MS: '60000' }).DATABASE_CONNECT_TIMEOUT_MS).toBe(60_000)
    expect(() => readEnv({ ...base, DATABASE_CONNECT_TIMEOUT_MS: '5s' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/)
    expect(() => readEnv({ ...base, DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/)
  })
})

describe('the client address and rate limit variables', () => {
  it('trust no proxy and apply the documented limits by default', () => {
    expect(readEnv(base)).toMatchObject({
      LOGIN_LOCKOUT: { points: 10, seconds: 900 },
      RATE_LIMIT_LOGIN: { points: 100, seconds: 600 },
      RATE_LIMIT_ORDERS: { points: 60, seconds: 600 },
      RATE_LIMIT_DISCOUNT_CODES: { points: 100, seconds: 600 },
      TRUSTED_PROXIES: [],
    })
  })

  it('take proxies as IPs and CIDRs, and limits as <points>/<seconds>', () => {
    expect(readEnv({ ...base, RATE_LIMIT_SIGNUP: '5/60', TRUSTED_PROXIES: ' 10.0.0.0/8, 127.0.0.1 ,::1' })).toMatchObject({
      RATE_LIMIT_SIGNUP: { points: 5, seconds: 60 },
      TRUSTED_PROXIES: ['10.0.0.0/8', '127.0.0.1', '::1'],
    })
  })

  it('refuse a malformed proxy or limit at start-up, naming the variable', () => {
    expect(() => readEnv({ ...base, TRUSTED_PROXIES: '10.0.0.0/8,storefront' })).toThrow(/TRUSTED_PROXIES: must be IP addresses or CIDR ranges/)
    expect(() => readEnv({ ...base, RATE_LIMIT_LOGIN: '100 per minute' })).toThrow(/RATE_LIMIT_LOGIN: must be "<points>\/<seconds>"/)
    expect(() => readEnv({ ...base, LOGIN_LOCKOUT: '0/900' })).toThrow(/LOGIN_LOCKOUT: points and seconds must be at least 1/)
  })
})

describe('the email variables', () => {
  it('are optional, and take smtp:// or smtps:// URLs and one notice address', () => {
    const unset = readEnv(base)
    expect([unset.ORDER_NOTICE_EMAIL, unset.SMTP_URL]).toEqual([undefined, undefined])
    expect(readEnv({ ...base, ORDER_NOTICE_EMAIL: 'orders@shop.test', SMTP_URL: 'smtps://user:p%40ss@mail.shop.test:465' })).toMatchObject({
      ORDER_NOTICE_EMAIL: 'orders@shop.test',
      SMTP_URL: 'smtps://user:p%40ss@mail.shop.test:465',
    })
  })

  it('refuse another scheme or a malformed address, naming the variable', () => {
    expect(() => readEnv({ ...base, SMTP_URL: 'https://mail.shop.test' })).toThrow(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/)
    expect(() => readEnv({ ...base, ORDER_NOTICE_EMAIL: 'orders' })).toThrow(/ORDER_NOTICE_EMAIL/)
  })
})

describe('the Stripe variables', () => {
  const stripe = { STRIPE_PUBLISHABLE_KEY: 'pk_test_abc123', STRIPE_SECRET_KEY: 'sk_test_abc123', STRIPE_WEBHOOK_SECRET: 'whsec_abc123' }

  it('are off when none is set, so checkout does not offer Stripe', () => {
    expect(readEnv(base).stripe).toBeNull()
    expect(readEnv({ ...base, STRIPE_SECRET_KEY: '' }).stripe).toBeNull()
  })

  it('turn Stripe on together, with an optional API address for a local fake', () => {
    expect(readEnv({ ...base, ...stripe }).stripe).toEqual({ apiBase: undefined, publishableKey: 'pk_test_abc123', secretKey: 'sk_test_abc123', webhookSecret: 'whsec_abc123' })
    expect(readEnv({ ...base, ...stripe, STRIPE_API_BASE: 'http://127.0.0.1:12111' }).stripe?.apiBase).toBe('http://127.0.0.1:12111')
  })

  it('refuse a partial, mixed or malformed configuration, and a fake API in production, naming the variable', () => {
    expect(() => readEnv({ ...base, STRIPE_SECRET_KEY: 'sk_test_abc123' })).toThrow(/STRIPE_PUBLISHABLE_KEY, STRIPE_WEBHOOK_SECRET: required when any STRIPE_\* variable is set/)
    expect(() => readEnv({ ...base, ...stripe, STRIPE_SECRET_KEY: 'sk_live_abc123' })).toThrow(/one is a live key and the other a test key/)
    expect(() => readEnv({ ...base, ...stripe, STRIPE_PUBLISHABLE_KEY: 'sk_test_abc123' })).toThrow(/STRIPE_PUBLISHABLE_KEY: must be a Stripe publishable key/)
    expect(() => readEnv({ ...base, ...stripe, STRIPE_WEBHOOK_SECRET: 'secret' })).toThrow(/STRIPE_WEBHOOK_SECRET/)
    expect(() => readEnv({ ...base, ...stripe, NODE_ENV: 'production', STRIPE_API_BASE: 'http://127.0.0.1:12111' })).toThrow(/STRIPE_API_BASE: only for tests/)
  })
})
