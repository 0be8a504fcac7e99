import type { CollectionBeforeValidateHook } from 'payload'

import { normalizedCode } from '../../promotions/promotion'

/** Codes are stored upper-case and trimmed, so `summer10` and `SUMMER10 ` are one code; empty means automatic. */
export const normalizeCode: CollectionBeforeValidateHook = ({ data }) => {
  if (!data || !('code' in data)) return data
  const code = typeof data.code === 'string' ? normalizedCode(data.code) : null
  return { ...data, code: code === '' ? null : code }
}
