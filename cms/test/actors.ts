import type { User } from '@showroom/shared-types'

import type { TestCms } from './startTestCms'

export type Role = 'admin' | 'customer' | 'editor'
export type Actor = { email: string; id: number; password: string; token: string }
export type Actors = {
  admin: Actor
  alice: Actor
  bob: Actor
  editor: Actor
}

/** Logs in through the REST API, as the storefront or admin UI would, and returns the token. */
export const login = async (cms: TestCms, email: string, password: string): Promise<{ token: string; user: User }> => {
  const response = await cms.api('/users/login', { body: JSON.stringify({ email, password }), method: 'POST' })
  if (response.status !== 200) throw new Error(`login ${email} failed: ${response.status} ${await response.text()}`)
  return (await response.json()) as { token: string; user: User }
}

const createActor = async (cms: TestCms, name: string, roles: Role[]): Promise<Actor> => {
  const email = `${name}@example.test`
  const password = `${name}-Passw0rd!`
  const user = await cms.payload.create({ collection: 'users', data: { email, name, password, roles } })
  const { token } = await login(cms, email, password)
  return { email, id: user.id, password, token }
}

/** One user per role, plus a second customer to prove customers cannot see each other. */
export const createActors = async (cms: TestCms): Promise<Actors> => ({
  admin: await createActor(cms, 'admin', ['admin']),
  alice: await createActor(cms, 'alice', ['customer']),
  bob: await createActor(cms, 'bob', ['customer']),
  editor: await createActor(cms, 'editor', ['editor']),
})

/** The callers of a permission matrix: nobody signed in, a customer, an editor, an admin. */
export type Caller = 'admin' | 'anonymous' | 'customer' | 'editor'
export const CALLERS: Caller[] = ['anonymous', 'customer', 'editor', 'admin']

export const tokenOf = (actors: Actors, caller: Caller): string | undefined =>
  caller === 'anonymous' ? undefined : actors[caller === 'customer' ? 'alice' : caller].token

/** Keys that must never leave the server in any response. */
export const SECRET_KEYS = [
  'hash',
  'salt',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'resetPasswordRequestedAt',
  'sessions',
  '_verificationToken',
  'loginAttempts',
  'lockUntil',
]

/** Every path in a JSON value whose key is a secret, e.g. `user.sessions`. */
export const findSecrets = (value: unknown, path = ''): string[] => {
  if (Array.isArray(value)) return value.flatMap((item, index) => findSecrets(item, `${path}[${index}]`))
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, child]) => [
    ...(SECRET_KEYS.includes(key) ? [`${path}${path ? '.' : ''}${key}`] : []),
    ...findSecrets(child, `${path}${path ? '.' : ''}${key}`),
  ])
}
