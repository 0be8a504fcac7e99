import { timingSafeEqual } from 'node:crypto'

export type MetricsAccess = 'allowed' | 'disabled' | 'unauthorized'

/**
 * Who may read `/metrics`. With a token, only requests carrying `Authorization: Bearer <token>`.
 * Without one, nobody in production (least privilege: route names, traffic and error rates are not
 * public), everybody in development.
 */
export const metricsAccess = ({ authorization, production, token }: { authorization: null | string; production: boolean; token: string | undefined }): MetricsAccess => {
  if (token === undefined) return production ? 'disabled' : 'allowed'
  const given = Buffer.from(authorization?.match(/^Bearer (.+)$/i)?.[1] ?? '')
  const wanted = Buffer.from(token)
  return given.length === wanted.length && timingSafeEqual(given, wanted) ? 'allowed' : 'unauthorized'
}
