/**
 * The storefront's production build and server for tests: the storefront's own suite builds it once per
 * run (its `globalSetup.ts`) and shares it with every test file; the CMS's admin browser test builds one to
 * show in Live Preview; benchmarks build their own.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { type RunningProcess, runProcess, startProcess } from './childProcess'

/** The storefront package. */
export const storefrontDir = path.resolve(import.meta.dirname, '../../storefront')
const astroCli = path.join(path.dirname(createRequire(path.join(storefrontDir, 'package.json')).resolve('astro/package.json')), 'bin/astro.mjs')

/** Longest an `astro build` may take on a loaded two-core machine. */
const BUILD_TIMEOUT_MS = 120_000

/** A build folder inside the package, so the bundle resolves the package's dependencies. */
export const testBuildDir = (name: string): string => path.join(storefrontDir, '.test-dist', `${process.pid}-${name}`)

/** Removes a build made in `testBuildDir`, and the folder holding the builds once it is empty. */
export const removeTestBuild = (outDir: string): void => {
  rmSync(outDir, { force: true, recursive: true })
  const parent = path.dirname(outDir)
  // Not recursive: another run (or benchmark) may just have started its build in there.
  try {
    if (existsSync(parent) && readdirSync(parent).length === 0) rmdirSync(parent)
  } catch {
    // Another build arrived in between: it removes the folder when it is done.
  }
}

/**
 * `astro build` into `outDir`. Nothing the storefront reads at run time is fixed here (its `astro:env`
 * variables are all server secrets, read when an instance starts), except `ASTRO_KEY`, which encrypts
 * server islands' props: every instance of one build shares the key the build was given (a random one
 * unless set), so one build serves every test file.
 */
export const buildStorefront = async (outDir: string, { astroKey = randomBytes(32).toString('base64') }: { astroKey?: string } = {}): Promise<void> => {
  await runProcess({
    args: [astroCli, 'build', '--outDir', outDir],
    // Node's own binary: the pinned Node 24 that runs the tests (Astro needs ≥ 22.12).
    command: process.execPath,
    cwd: storefrontDir,
    env: { ...process.env, ASTRO_KEY: astroKey, ASTRO_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
    timeoutMs: BUILD_TIMEOUT_MS,
  })
}

/**
 * A production storefront server on `outDir`'s build, as `pnpm start` and the container run it
 * (`server.mjs`, with their 2 MiB semi-spaces); `ready[1]` is its URL. `env` is its whole environment
 * (NODE_ENV=production), PORT=0 (any free port) unless it says otherwise.
 */
export const startStorefrontServer = (outDir: string, env: NodeJS.ProcessEnv): Promise<RunningProcess> =>
  startProcess({
    args: ['--max-semi-space-size=2', path.join(storefrontDir, 'server.mjs'), path.join(outDir, 'server/entry.mjs')],
    // Node's own binary: the pinned Node 24 that runs the tests.
    command: process.execPath,
    cwd: storefrontDir,
    env: { ASTRO_TELEMETRY_DISABLED: '1', PORT: '0', ...env, NODE_ENV: 'production' },
    readyLine: /Server listening on (http:\/\/[^\s"]+)/,
    timeoutMs: 20_000,
  })
