import config from '@payload-config'
import { REST_DELETE, REST_GET, REST_OPTIONS, REST_PATCH, REST_POST, REST_PUT } from '@payloadcms/next/routes'

import { guardedRoute } from '../../../../../security/guardedRoute'

export const GET = REST_GET(config)
// Sign-in, sign-up, password resets and orders are POSTs: rate limits and the login lockout (docs/security.md).
export const POST = guardedRoute(REST_POST(config))
export const DELETE = REST_DELETE(config)
export const PATCH = REST_PATCH(config)
export const PUT = REST_PUT(config)
export const OPTIONS = REST_OPTIONS(config)
