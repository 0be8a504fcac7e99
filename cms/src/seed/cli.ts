/**
 * `pnpm seed [--products N] [--if-empty]`: fills the database DATABASE_URL points at with the
 * demo shop (see `seed.ts`). `scripts/withDatabase.ts` provides an embedded database when unset.
 */
import { getPayload } from 'payload'
import { loadEnv } from 'payload/node'

import { readSeedEnv } from '../env'
import { parseSeedArgs, USAGE, UsageError } from './args'
import { seed } from './seed'
import { seedUsersFromEnv } from './users'

const main = async (): Promise<number> => {
  let args
  try {
    args = parseSeedArgs(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`${error.message}\n\n${USAGE}`)
    return 2
  }
  if (args.help) {
    console.log(USAGE)
    return 0
  }
  // The same .env files `payload migrate` reads, found from the working directory upwards.
  loadEnv()
  const users = seedUsersFromEnv(readSeedEnv())
  // Imported only now: the config reads the environment when it loads, and .env is loaded above.
  const { default: config } = await import('../payload.config')
  const payload = await getPayload({ config })
  try {
    await seed({ ifEmpty: args.ifEmpty, payload, products: args.products, users })
  } finally {
    await payload.destroy()
  }
  return 0
}

// Payload keeps a pooled database client open for its whole life, so exit explicitly.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error('Seeding failed:', error)
    process.exit(1)
  },
)
