import path from 'node:path'

import { postgresAdapter } from '@payloadcms/db-postgres'
import { lexicalEditor } from '@payloadcms/richtext-lexical'
import { buildConfig, type PayloadEmailAdapter, type SanitizedConfig } from 'payload'

import { type CommercePluginOptions, commercePlugin } from '../src'
import { catalogueSchema } from '../src/exports/catalogue'

export type MinimalConfigInput = {
  databaseUrl: string
  email?: PayloadEmailAdapter
  options?: CommercePluginOptions
  serverURL?: string
}

/**
 * A Payload app with nothing but the plugin and the rich-text editor its product descriptions need:
 * what another host would install. Its schema is pushed from the config (`push: true`), plus the
 * plugin's hand-written search SQL (`SEARCH_SCHEMA_SQL`), which a host keeps in a migration.
 */
export const minimalConfig = ({ databaseUrl, email, options = {}, serverURL }: MinimalConfigInput): Promise<SanitizedConfig> =>
  buildConfig({
    db: postgresAdapter({
      afterSchemaInit: [catalogueSchema()],
      // The listing's title index and the search's typo correction use them.
      extensions: ['pg_trgm', 'fuzzystrmatch'],
      // Two at least: a write inside a transaction needs a second connection.
      pool: { connectionString: databaseUrl, max: 4 },
      push: true,
      tablesFilter: ['!product_search*'],
    }),
    editor: lexicalEditor(),
    email,
    // The catalogue's listing and search keep a row per locale and read the `_locales` tables: the plugin
    // needs the host's localization, with the default locale first (docs/plugin.md).
    localization: { defaultLocale: 'en', fallback: true, locales: ['en', 'de'] },
    // Denials and not-founds are what the test asserts, and it resizes no image: only errors belong in its output.
    logger: { options: { level: 'error' } },
    plugins: [commercePlugin({ secureCookies: false, ...options })],
    secret: 'a-test-secret-for-the-minimal-host-0123456789',
    serverURL,
    telemetry: false,
    typescript: {
      autoGenerate: false,
      // `pnpm generate:types` writes the plugin's own document types from this config: no augmentation
      // of `payload`, which belongs to the host's generated types.
      declare: false,
      outputFile: path.resolve(import.meta.dirname, '../src/generated/payloadTypes.ts'),
    },
  })
