import type { Access } from 'payload'

/** No one through the API; the plugin's own operations write with `overrideAccess`. */
export const nobody: Access = () => false
