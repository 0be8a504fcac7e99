/**
 * Who Showroom's emails come from when `EMAIL_FROM` / `EMAIL_FROM_NAME` are unset. One place, so the
 * env schema and the adapters cannot disagree.
 */
export const EMAIL_DEFAULTS = {
  fromAddress: 'shop@showroom.local',
  fromName: 'Showroom',
} as const
