import type { FieldAccess } from 'payload'

/** Field-level: never through the API (the server still reads and writes it with `overrideAccess`). */
export const denied: FieldAccess = () => false
