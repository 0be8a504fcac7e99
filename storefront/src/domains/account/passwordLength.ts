/** Shortest password the shop accepts; the CMS enforces the same rule. */
export const MIN_PASSWORD_LENGTH = 10
export const MAX_PASSWORD_LENGTH = 200
