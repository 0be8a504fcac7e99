import path from 'node:path'

import { createTestDatabase, runProcess, runSql, type TestDatabase, withAdmin } from '@showroom/test-support'

/**
 * A database holding the demo shop plus `products` generated products, copied from a template
 * built once per machine (`showroom_bench_catalogue_<n>`: `pnpm seed --products <n>`, then
 * ANALYZE), so a benchmark run starts in seconds instead of re-seeding for minutes. The copy is
 * migrated by the API process the benchmark starts (`--migrate`) and analysed by the caller; drop
 * the template (`dropdb showroom_bench_catalogue_<n>`) to rebuild it from a changed seed.
 */
export const catalogueDatabase = async (prefix: string, products: number, secret: string): Promise<TestDatabase> => {
  const template = `showroom_bench_catalogue_${products}`
  const [existing] = await runSql<{ n: number }>(
    new URL('/postgres', process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres').toString(),
    'select count(*)::int as n from pg_database where datname = $1',
    [template],
  )
  if (!existing?.n) {
    const building = await createTestDatabase(`${template}_building`)
    console.error(`Building ${template} once (pnpm seed --products ${products}); later runs copy it.`)
    await runProcess({
      args: ['exec', 'tsx', 'scripts/withDatabase.ts', `payload migrate && tsx src/seed/cli.ts --products ${products}`],
      command: 'pnpm',
      cwd: path.resolve(import.meta.dirname, '..'),
      env: {
        ...process.env,
        DATABASE_URL: building.url,
        PAYLOAD_SECRET: secret,
        SEED_ADMIN_PASSWORD: 'bench-Admin-passw0rd',
        SEED_CUSTOMER_PASSWORD: 'bench-Customer-passw0rd',
        SEED_EDITOR_PASSWORD: 'bench-Editor-passw0rd',
      },
      timeoutMs: 30 * 60_000,
    })
    await runSql(building.url, 'analyze')
    await withAdmin((client) => client.query(`alter database "${building.name}" rename to "${template}"`).then(() => undefined))
  }
  return createTestDatabase(prefix, { template })
}
