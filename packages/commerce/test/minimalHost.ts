import { type PostgresAdapter, sql } from '@payloadcms/db-postgres'
import { createTestDatabase } from '@showroom/test-support'
import { getPayload, handleEndpoints, type Payload, type PayloadEmailAdapter } from 'payload'

import type { CommercePluginOptions } from '../src'

import { SEARCH_SCHEMA_SQL } from '../src/exports/catalogue'
import { poolSql } from '../src/exports/database'
import { minimalConfig } from './minimalConfig'

export type SentEmail = { html: string; to: string }

export type MinimalHost = {
  /** A REST request as a client over HTTP would send it (`route` relative to `/api`). */
  api: (route: string, init?: { body?: unknown; method?: string; token?: string }) => Promise<Response>
  close: () => Promise<void>
  /** Every email sent, oldest first (captured, never delivered). */
  emails: SentEmail[]
  payload: Payload
}

const SERVER_URL = 'http://localhost:3999'

/** Keeps what Payload sends instead of delivering it. */
const capturingEmail = (emails: SentEmail[]): PayloadEmailAdapter => () => ({
  defaultFromAddress: 'shop@example.test',
  defaultFromName: 'Test shop',
  name: 'capturing',
  sendEmail: async (message) => {
    emails.push({ html: String(message.html ?? ''), to: String(message.to) })
  },
})

/** The minimal host (`minimalConfig.ts`) on a fresh database of its own. */
export const startMinimalHost = async (name: string, options: CommercePluginOptions = {}): Promise<MinimalHost> => {
  const database = await createTestDatabase(`commerce_${name}`)
  const emails: SentEmail[] = []
  const config = await minimalConfig({ databaseUrl: database.url, email: capturingEmail(emails), options, serverURL: SERVER_URL })
  const payload = await getPayload({ config, key: database.name })
  await poolSql(payload).execute(sql.raw(SEARCH_SCHEMA_SQL))

  const api: MinimalHost['api'] = (route, { body, method = 'GET', token } = {}) => {
    const headers = new Headers()
    if (token) headers.set('Authorization', `JWT ${token}`)
    if (body !== undefined) headers.set('Content-Type', 'application/json')
    return handleEndpoints({
      config,
      payloadInstanceCacheKey: database.name,
      request: new Request(`${SERVER_URL}/api${route}`, { body: body === undefined ? undefined : JSON.stringify(body), headers, method }),
    })
  }
  return {
    api,
    close: async () => {
      const { pool } = payload.db as unknown as PostgresAdapter
      await payload.destroy()
      // The forced drop below ends connections still open (57P01): expected, not an error.
      pool.on('error', (error: Error & { code?: string }) => {
        if (error.code !== '57P01') throw error
      })
      void pool.end()
      await database.drop()
    },
    emails,
    payload,
  }
}
