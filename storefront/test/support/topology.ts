/**
 * docker-compose's production topology as local processes: Postgres (a fresh database), Redis (a
 * namespace of the shared server), two REST API replicas (`cms/scripts/serveApi.ts --migrate`, CMS in
 * production mode), two storefront instances of one production build (`server.mjs`), and a real nginx
 * running `deploy/nginx.conf` with its listeners and upstreams moved to local ports. Everything talks
 * as in docker-compose: the storefronts reach the CMS through nginx's API listener, the CMS signs its
 * webhooks and sends them through nginx's public door to whichever storefront answers, and Redis
 * carries the invalidation and live events to the other instance. Not started: the Next admin (`cms`
 * in docker-compose) and MinIO; the editor saves through the REST API, media go to a shared folder.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { createTestDatabase, freePort, type RunningNginx, startNginx, type TestDatabase } from '@showroom/test-support'

import { createCatalogue, type Catalogue } from '../fixtures/createCatalogue'
import { runResources, startCms, type StartedCms, type StartedStorefront, startStorefront } from './harness'
import { buildStorefront, removeTestBuild, testBuildDir } from './storefrontBuild'

const nginxConf = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../deploy/nginx.conf')

/** How many of each app docker-compose runs (`deploy.replicas`). */
const REPLICAS = 2

export type Topology = {
  /** The REST API as the storefronts and the editor reach it: nginx's API listener (`…/api/v1`). */
  api: string
  catalogue: Catalogue
  /** The API replicas, each with its own origin (as nginx's upstream `cms_api` names them). */
  cmsReplicas: StartedCms[]
  /** The CMS's database. */
  databaseUrl: string
  /** The shop's front door: nginx's public listener. */
  door: string
  nginx: RunningNginx
  /** The storefront instances, each with its own URL (nginx's upstream `storefront`). */
  storefronts: StartedStorefront[]
  /** Stops every process and removes the database and media (and a build of its own). Safe after a failed start. */
  stop: () => Promise<void>
}

const hostOf = (url: string): string => new URL(url).host

/**
 * Starts the topology for test file `name`, on the test run's storefront build (outside a run, one of
 * its own). `env` is every storefront's environment (REDIS_URL, REDIS_PREFIX, WEBHOOK_SECRET),
 * `webhookSecret` the CMS's signing secret. The database starts empty: the replicas migrate it.
 */
export const startTopology = async (name: string, env: Record<string, string>, webhookSecret: string): Promise<Topology> => {
  const run = runResources()
  const outDir = run?.build ?? testBuildDir(name)
  const mediaDir = mkdtempSync(path.join(tmpdir(), 'showroom-topology-media-'))
  const cmsReplicas: StartedCms[] = []
  const storefronts: StartedStorefront[] = []
  let database: TestDatabase | undefined
  let nginx: RunningNginx | undefined

  const stop = async (): Promise<void> => {
    await Promise.all([...storefronts.map((instance) => instance.process.stop()), ...cmsReplicas.map((replica) => replica.process.stop())])
    await nginx?.stop()
    await database?.drop()
    rmSync(mediaDir, { force: true, recursive: true })
    if (!run) removeTestBuild(outDir)
  }

  try {
    database = await createTestDatabase(`storefront_${name}`)
    const [doorPort, apiPort] = [await freePort(), await freePort()]
    const door = `http://127.0.0.1:${doorPort}`
    const apiOrigin = `http://127.0.0.1:${apiPort}`
    const cmsEnv = {
      NODE_ENV: 'production',
      // One public origin for every replica, as docker-compose's SERVER_URL.
      SERVER_URL: apiOrigin,
      STOREFRONT_URL: door,
      // Through the door to any storefront (nginx skips one that is down), signed.
      STOREFRONT_WEBHOOK_SECRET: webhookSecret,
      STOREFRONT_WEBHOOK_URL: `${door}/api/webhooks/cms`,
      // The replicas drop each other's cached catalogue answers through Redis, as in docker-compose.
      ...(env.REDIS_URL ? { REDIS_URL: env.REDIS_URL } : {}),
      ...(env.REDIS_PREFIX ? { REDIS_PREFIX: env.REDIS_PREFIX } : {}),
    }
    const testDatabase = database
    // Both replicas migrate at start, at the same time, as docker-compose starts them (outside a test run, the build runs meanwhile).
    const started = await Promise.allSettled([
      run ? Promise.resolve() : buildStorefront(outDir),
      ...Array.from({ length: REPLICAS }, async () => {
        const replica = await startCms(testDatabase, mediaDir, cmsEnv)
        cmsReplicas.push(replica)
      }),
    ])
    const failed = started.find((outcome) => outcome.status === 'rejected')
    if (failed) throw failed.reason
    for (let index = 0; index < REPLICAS; index += 1) {
      const instance = await startStorefront(outDir, apiOrigin, env)
      storefronts.push({ process: instance, url: instance.ready[1] ?? '' })
    }
    nginx = await startNginx(nginxConf, {
      listen: { 80: doorPort, 3000: apiPort },
      upstreams: { cms_api: cmsReplicas.map((replica) => hostOf(replica.origin)), storefront: storefronts.map((instance) => hostOf(instance.url)) },
    })
    // Through nginx, as an editor would: the catalogue's webhooks reach the storefronts the production way.
    const catalogue = await createCatalogue(`${apiOrigin}/api/v1`)
    return { api: `${apiOrigin}/api/v1`, catalogue, cmsReplicas, databaseUrl: database.url, door, nginx, stop, storefronts }
  } catch (error) {
    await stop()
    throw error
  }
}
