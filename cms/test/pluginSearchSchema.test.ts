import { SEARCH_SCHEMA_SQL } from '@showroom/payload-commerce/catalogue'
import pg from 'pg'
import { afterAll, beforeAll, expect, it } from 'vitest'

import { startTestCms, type TestCms } from './startTestCms'

let cms: TestCms
beforeAll(async () => {
  cms = await startTestCms('plugin_search_schema')
})
afterAll(async () => cms?.close())

/** The hand-written search objects as Postgres describes them: tables, indexes, functions, triggers. */
const describeSearchSchema = async (client: pg.Client): Promise<unknown[]> => {
  const queries = [
    `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns
     where table_schema = 'public' and table_name like 'product\\_search%' order by 1, ordinal_position`,
    `select indexname, indexdef from pg_indexes where schemaname = 'public' and tablename like 'product\\_search%' order by 1`,
    `select p.proname, pg_get_functiondef(p.oid) from pg_proc p join pg_namespace n on n.oid = p.pronamespace
     where n.nspname = 'public' and p.proname like 'product\\_search%' order by 1`,
    `select tgname, tgrelid::regclass::text, pg_get_triggerdef(oid) from pg_trigger
     where not tgisinternal and tgname like 'product\\_search%' order by 1, 2`,
  ]
  return Promise.all(queries.map(async (query) => (await client.query(query)).rows))
}

it('the search SQL the plugin gives hosts builds exactly what the CMS’s search migrations built', async () => {
  const client = new pg.Client({ connectionString: cms.databaseUrl })
  await client.connect()
  try {
    await client.query('begin')
    const migrated = await describeSearchSchema(client)
    expect(migrated.every((rows) => Array.isArray(rows) && rows.length > 0)).toBe(true)
    await client.query(`
      drop trigger "product_search_product_stock" on "products";
      drop trigger "product_search_variant_stock" on "products_variants";
      drop trigger "product_search_version" on "catalogue_listing";
      drop trigger "product_search_version" on "categories";
      drop trigger "product_search_version" on "categories_locales";
      drop table "product_search", "product_search_words", "product_search_version";
      drop function "product_search_refresh", "product_search_config", "product_search_in_stock", "product_search_stock_changed", "product_search_count_change";`)
    await client.query(SEARCH_SCHEMA_SQL)
    expect(await describeSearchSchema(client)).toEqual(migrated)
  } finally {
    await client.query('rollback')
    await client.end()
  }
})
