/** The signed-in user's email, if there is one. */
export const emailOf = (user: unknown): string | undefined =>
  user && typeof user === 'object' && 'email' in user && typeof user.email === 'string' ? user.email : undefined
