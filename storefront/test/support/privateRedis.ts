import { freePort, type RunningProcess, startProcess } from '@showroom/test-support'

/**
 * A Redis server of the test's own, on a free port, without persistence: a test can kill it
 * (SIGKILL, as a crash) and start it again on the same port without touching the machine's shared
 * Redis, which other test files use at the same time.
 */
export const startPrivateRedis = async () => {
  const port = await freePort()
  let running: RunningProcess | undefined
  const start = async (): Promise<void> => {
    running = await startProcess({
      args: ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      command: process.env.REDIS_SERVER_PATH ?? 'redis-server',
      cwd: process.cwd(),
      env: process.env,
      readyLine: /Ready to accept connections/,
      timeoutMs: 10_000,
    })
  }
  await start()
  return {
    /** Kills the server at once, as a crash would. */
    kill: async (): Promise<void> => {
      await running?.stop('SIGKILL')
      running = undefined
    },
    /** Starts it again, empty, on the same port. */
    restart: start,
    stop: async (): Promise<void> => {
      await running?.stop('SIGKILL')
    },
    url: `redis://127.0.0.1:${port}`,
  }
}
