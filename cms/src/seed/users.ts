import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'

import type { User } from '@showroom/shared-types'

import type { SeedEnv } from '../env'
import type { SeedLog } from './types'

type Role = User['roles'][number]

/** One demo account. */
export type SeedAccount = {
  email: string
  /** Used only when the user is created; unset, a random one is generated. Never applied to an existing user. */
  password?: string
}

/** The three demo accounts, one per role. */
export type SeedUsers = Record<Role, SeedAccount>

export type SeededUser = {
  /** False when a user with this email was already there (its password and roles are left alone). */
  created: boolean
  email: string
  /** The password it was created with; absent for users that already existed. */
  password?: string
  role: Role
}

/** The demo accounts from `SEED_*` variables (see `readSeedEnv`). */
export const seedUsersFromEnv = (env: SeedEnv): SeedUsers => ({
  admin: { email: env.SEED_ADMIN_EMAIL, password: env.SEED_ADMIN_PASSWORD },
  customer: { email: env.SEED_CUSTOMER_EMAIL, password: env.SEED_CUSTOMER_PASSWORD },
  editor: { email: env.SEED_EDITOR_EMAIL, password: env.SEED_EDITOR_PASSWORD },
})

/** 144 random bits, URL-safe: strong, and easy to copy from a terminal. */
const generatePassword = (): string => randomBytes(18).toString('base64url')

const PROFILES: Record<Role, Pick<User, 'addresses' | 'name'>> = {
  admin: { name: 'Shop Admin' },
  customer: {
    addresses: [
      {
        city: 'Berlin',
        country: 'DE',
        isDefault: true,
        label: 'Home',
        line1: 'Linienstraße 42',
        name: 'Dana Demo',
        postalCode: '10119',
      },
    ],
    name: 'Dana Demo',
  },
  editor: { name: 'Catalogue Editor' },
}

/** Order of creation and of the printed summary. */
const ROLE_ORDER: Role[] = ['admin', 'editor', 'customer']

/**
 * Makes sure an admin, an editor and a customer exist, by email. A new user's password is printed
 * once, here, unless it was chosen through the environment; an existing user is never touched, so
 * re-running the seed cannot reset a password someone has changed.
 */
export const ensureUsers = async (payload: Payload, users: SeedUsers, log: SeedLog): Promise<SeededUser[]> => {
  const results: SeededUser[] = []
  for (const role of ROLE_ORDER) {
    const { email, password: chosen } = users[role]
    const found = await payload.find({
      collection: 'users',
      depth: 0,
      limit: 1,
      pagination: false,
      select: { email: true },
      // Payload stores emails in lower case; match either spelling of the configured one.
      where: { email: { in: [...new Set([email, email.toLowerCase()])] } },
    })
    if (found.docs.length > 0) {
      log(`  ${role.padEnd(8)} ${email} (exists, password unchanged)`)
      results.push({ created: false, email, role })
      continue
    }
    const password = chosen ?? generatePassword()
    try {
      await payload.create({
        collection: 'users',
        data: { ...PROFILES[role], email, password, roles: [role] },
        depth: 0,
        select: { email: true },
      })
    } catch (error) {
      throw new Error(`Could not create the ${role} user ${email}`, { cause: error })
    }
    const variable = `SEED_${role.toUpperCase()}_PASSWORD`
    log(
      chosen === undefined
        ? `  ${role.padEnd(8)} ${email} created, password: ${password}  (shown once; set ${variable} to choose it)`
        : `  ${role.padEnd(8)} ${email} created with the chosen password`,
    )
    results.push({ created: true, email, password, role })
  }
  return results
}
