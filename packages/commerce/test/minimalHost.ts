import { type PostgresAdapter, postgresAdapter, sql } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { createTestDatabase, type TestDatabase } from '@showroom/test-support'
import { buildConfig, getPayload, handleEndpoints, type Payload, type SanitizedConfig } from 'payload'

import { type CommercePluginOptions, commercePlugin } from '../src'
import { catalogueSchema, SEARCH_SCHEMA_SQL } from '../src/exports/catalogue'
import { poolSql } from '../src/exports/database'

export type MinimalHost = {
  /** A REST request as a client over HTTP would send it (`route` relative to `/api`). */
  api: (route: string, init?: { body?: unknown; method?: string; token?: string }) => Promise<Response>
  close: () => Promise<void>
  payload: Payload
}

const SERVER_URL = 'http://localhost:3999'

/**
 * A Payload app that has nothing but the plugin (and the rich-text editor its product descriptions
 * need), on a fresh database whose schema Payload pushes from the config, plus the plugin's
 * hand-written search SQL: what another host would install, with none of Showroom's CMS.
 */
export const startMinimalHost = async (name: string, options: CommercePluginOptions = {}): Promise<MinimalHost> => {
  const database: TestDatabase = await createTestDatabase(`commerce_${name}`)
  const config: SanitizedConfig = await buildConfig({
    db: postgresAdapter({
      afterSchemaInit: [catalogueSchema()],
      // The listing's title index and the search's typo correction use them.
      extensions: ['pg_trgm', 'fuzzystrmatch'],
      // Two at least: a write inside a transaction needs a second connection.
      pool: { connectionString: database.url, max: 4 },
      push: true,
      tablesFilter: ['!product_search*'],
    }),
    editor: lexicalEditor(),
    // Denials and not-founds are what the test asserts, and it sends no email and resizes no image:
    // only errors belong in its output.
    logger: { options: { level: 'error' } },
    plugins: [commercePlugin({ secureCookies: false, ...options })],
    secret: 'a-test-secret-for-the-minimal-host-0123456789',
    serverURL: SERVER_URL,
    telemetry: false,
    typescript: { autoGenerate: false },
  })
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
    payload,
  }
}
