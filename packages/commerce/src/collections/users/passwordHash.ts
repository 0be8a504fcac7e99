import { pbkdf2, randomBytes, timingSafeEqual } from 'node:crypto'
import { promisify } from 'node:util'

const derive = promisify(pbkdf2)

/**
 * Payload 3.90's password hashes (`payload/dist/auth/strategies/local/generatePasswordSaltHash.js`):
 * PBKDF2-SHA256 over the hex salt, 600,000 iterations and 32 bytes for hashes prefixed
 * `pbkdf2-sha256-v1:` (every password set by this version), 25,000 and 512 bytes for older ones.
 * `cms/test/auth.test.ts` checks a fresh hash still has this shape, so an upgrade that changes it fails loudly.
 */
export const PAYLOAD_HASH = { iterations: 600_000, keyLength: 32, prefix: 'pbkdf2-sha256-v1:' } as const
const LEGACY_HASH = { iterations: 25_000, keyLength: 512 } as const

/** Whether `password` is the one `hash`/`salt` (as Payload stores them) were made from, checked as Payload checks it. */
export const passwordMatches = async ({ hash, salt }: { hash: unknown; salt: unknown }, password: string): Promise<boolean> => {
  if (typeof hash !== 'string' || typeof salt !== 'string') return false
  const current = hash.startsWith(PAYLOAD_HASH.prefix)
  const { iterations, keyLength } = current ? PAYLOAD_HASH : LEGACY_HASH
  const stored = Buffer.from(current ? hash.slice(PAYLOAD_HASH.prefix.length) : hash, 'hex')
  const derived = await derive(password, salt, iterations, keyLength, 'sha256')
  return stored.length === derived.length && timingSafeEqual(stored, derived)
}

let dummyHashes = 0

/**
 * Spends what checking a real account's password costs, for a sign-in to an unknown email: the answer
 * then takes as long as a wrong password for a real account, and tells nobody which emails exist.
 */
export const hashDummyPassword = async (password: string): Promise<void> => {
  dummyHashes += 1
  await derive(password, randomBytes(32).toString('hex'), PAYLOAD_HASH.iterations, PAYLOAD_HASH.keyLength, 'sha256')
}

/** How many dummy hashes this process has run (tests check that an unknown email got one). */
export const dummyHashCount = (): number => dummyHashes
