/**
 * Vitest `globalSetup` of both apps: one database server for the whole run (see `provideTestDatabaseServer`),
 * the CMS's server scripts bundled once (`cmsServerBundle.ts`), and one migrated template database on the
 * server, which test files clone (`migratedTemplate()`). All reach the test files, and the processes they
 * start, through the environment.
 */
import { buildCmsServerBundle, CMS_BUNDLE_ENV } from './cmsServerBundle'
import { createMigratedTemplate } from './migratedTemplate'
import { TEMPLATE_ENV } from './testDatabase'
import { provideTestDatabaseServer } from './testDatabaseServer'

export default async function setup(): Promise<() => Promise<void>> {
  const [server, bundle] = await Promise.allSettled([provideTestDatabaseServer(), buildCmsServerBundle()])
  const stop = async (): Promise<void> => {
    delete process.env[CMS_BUNDLE_ENV]
    if (bundle.status === 'fulfilled') bundle.value.remove()
    if (server.status === 'fulfilled') await server.value()
  }
  try {
    for (const outcome of [server, bundle]) if (outcome.status === 'rejected') throw outcome.reason
    if (bundle.status === 'fulfilled') process.env[CMS_BUNDLE_ENV] = bundle.value.dir
    const template = await createMigratedTemplate()
    process.env[TEMPLATE_ENV] = template.name
    return async () => {
      delete process.env[TEMPLATE_ENV]
      await template.drop()
      await stop()
    }
  } catch (error) {
    await stop()
    throw error
  }
}
