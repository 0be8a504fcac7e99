/** The minimal host's config for Payload's CLI (`pnpm generate:types`); it never connects. */
import { minimalConfig } from './minimalConfig'

export default minimalConfig({ databaseUrl: 'postgres://127.0.0.1:1/unused' })
