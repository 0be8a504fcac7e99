import pg from 'pg'

/** How often `waitForLockWaiters` looks at the server's sessions. */
const POLL_MS = 20

/**
 * Resolves once at least `count` sessions on the database at `databaseUrl` are waiting for a lock (a row
 * lock, an advisory lock…) held by another transaction: a race test's way to know that the other side
 * has really arrived at the point it must wait at, before letting the holder go, instead of sleeping and
 * hoping. Rejects after `timeoutMs` naming `what`, with the sessions it saw: then nobody waited, which is
 * the bug such a test is there to catch (or the other side failed before reaching the lock).
 */
export const waitForLockWaiters = async (databaseUrl: string, count: number, what: string, timeoutMs = 30_000): Promise<void> => {
  const client = new pg.Client({ connectionString: databaseUrl })
  await client.connect()
  try {
    const deadline = Date.now() + timeoutMs
    for (;;) {
      const { rows } = await client.query<{ query: string; state: string; wait_event: null | string; wait_event_type: null | string }>(
        `select state, wait_event_type, wait_event, left(query, 200) as query from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`,
      )
      if (rows.filter((row) => row.wait_event_type === 'Lock').length >= count) return
      if (Date.now() > deadline) {
        throw new Error(`${what}: fewer than ${count} sessions waited for a lock within ${timeoutMs} ms; sessions seen:\n${JSON.stringify(rows, null, 2)}`)
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
  } finally {
    await client.end()
  }
}
