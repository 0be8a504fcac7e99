import type { PayloadLogger } from 'payload'

import pg from 'pg'

type ConnectCallback = (error: Error | undefined, client: pg.PoolClient | undefined, release: (release?: unknown) => void) => void

/**
 * The `pg` module for `postgresAdapter({ pg })`, whose `Pool` survives a database restart:
 *
 * - An idle client whose connection drops (Postgres restarted, a proxy's idle timeout) makes the pool
 *   emit `error`; with no listener that is an uncaught exception and the process dies. Here it is
 *   logged (a `warn` on `logger`) and the pool opens a new connection on the next request.
 * - Payload's adapter checks one client out at start-up and never gives it back (it only listens to
 *   it for `ECONNRESET`). When Postgres restarts, that connection is terminated (57P01) and the dead
 *   client keeps its slot for ever: every restart would shrink the pool by one until requests hang.
 *   The first client handed out (that one) is released at once: Payload never queries through it.
 */
export const resilientPg = (logger: Pick<PayloadLogger, 'warn'>): typeof pg => {
  class ResilientPool extends pg.Pool {
    #firstHandedOut = false

    constructor(config?: pg.PoolConfig) {
      super(config)
      this.on('error', (error: Error & { code?: string }) => {
        logger.warn({ code: error.code, reason: error.message }, 'An idle Postgres connection was lost; a new one is opened when needed')
      })
    }

    override connect(): Promise<pg.PoolClient>
    override connect(callback: ConnectCallback): void
    override connect(callback?: ConnectCallback): Promise<pg.PoolClient> | void {
      if (callback) return super.connect(callback)
      if (this.#firstHandedOut) return super.connect()
      this.#firstHandedOut = true
      return super.connect().then((client) => {
        client.release()
        return client
      })
    }
  }
  return { ...pg, Pool: ResilientPool }
}
