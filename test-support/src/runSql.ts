import pg from 'pg'

/** Runs one statement on the database at `url` (a test moving time along: an order's due time) and returns its rows. */
export const runSql = async <T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query<T>(text, params)).rows
  } finally {
    await client.end()
  }
}
