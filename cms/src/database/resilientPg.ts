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
 * - A client that is checked out but between statements (a transaction awaiting a hook's other work)
 *   is not listened to by the pool, so its dropped connection was an uncaught exception too: the process
 *   died under every request in flight. Here it is logged; the transaction's next statement fails, and
 *   the client, no longer queryable, leaves the pool when it is released.
 */
export const resilientPg = (logger: Pick<PayloadLogger, 'warn'>): typeof pg => {
  /** Clients whose connection errors this module listens to, and those of them checked out now. */
  const watched = new WeakSet<pg.PoolClient>()
  const checkedOut = new WeakSet<pg.PoolClient>()

  /** Listens to `client` while it is out of the pool, where the pool's own listener is removed. */
  const watchWhileOut = (client: pg.PoolClient): pg.PoolClient => {
    if (!watched.has(client)) {
      watched.add(client)
      client.on('error', (error: Error & { code?: string }) => {
        // An idle client's error is the pool's, logged by the pool listener below.
        if (checkedOut.has(client)) logger.warn({ code: error.code, reason: error.message }, 'A Postgres connection in use was lost; its work fails and a new one is opened when needed')
      })
    }
    checkedOut.add(client)
    // The pool gives every checkout a release of its own.
    const release = client.release
    client.release = (error?: Error | boolean) => {
      checkedOut.delete(client)
      return release(error)
    }
    return client
  }

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
      if (callback) {
        return super.connect((error, client, release) => {
          if (!client) return callback(error, client, release)
          const watchedClient = watchWhileOut(client)
          callback(error, watchedClient, (released?: unknown) => watchedClient.release(released as Error | boolean | undefined))
        })
      }
      if (this.#firstHandedOut) return super.connect().then(watchWhileOut)
      this.#firstHandedOut = true
      return super.connect().then((client) => {
        client.release()
        return client
      })
    }
  }
  return { ...pg, Pool: ResilientPool }
}
