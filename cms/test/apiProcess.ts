import path from 'node:path'

import { cmsScriptArgs, freePort, type RunningProcess, startProcess } from '@showroom/test-support'

import { TEST_SECRET } from './startTestCms'

const cmsDir = path.resolve(import.meta.dirname, '..')

export type ApiProcess = { api: string; origin: string; port: number; process: RunningProcess }

/**
 * How long `startApiProcess` waits for the server to listen (migrations included) before it kills it
 * and fails with its output. A hook or test that starts one must allow more than this, so that a slow
 * start fails with that message, and no process is left starting after the test gave up on it.
 */
export const API_PROCESS_START_MS = 60_000

/**
 * The CMS's REST API server (`scripts/serveApi.ts --migrate`) as its own process, on `databaseUrl`,
 * as production runs it. `port` reuses a port (a restarted instance); `env` adds to the CMS's.
 */
export const startApiProcess = async (databaseUrl: string, { env = {}, port }: { env?: Record<string, string>; port?: number } = {}): Promise<ApiProcess> => {
  const chosen = port ?? (await freePort())
  const origin = `http://127.0.0.1:${chosen}`
  const started = await startProcess({
    // One process (the run's bundle, or tsx as a loader): a SIGKILL really kills the server.
    args: [...cmsScriptArgs('scripts/serveApi.ts'), '--migrate', '--port', String(chosen)],
    command: process.execPath,
    cwd: cmsDir,
    env: {
      ...process.env,
      DATABASE_POOL_MAX: '4',
      DATABASE_URL: databaseUrl,
      NODE_ENV: 'production',
      PAYLOAD_SECRET: TEST_SECRET,
      SERVER_URL: origin,
      ...env,
    },
    readyLine: /^listening on (http:\/\/\S+)$/m,
    timeoutMs: API_PROCESS_START_MS,
  })
  return { api: `${origin}/api/v1`, origin, port: chosen, process: started }
}

/** Polls `check` until it returns something truthy; throws naming `what` after `timeoutMs`. */
export const eventually = async <T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const value = await check()
      if (value) return value
    } catch (error) {
      last = error
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`timed out waiting for ${what}`, { cause: last })
}
