import type { Payload } from 'payload'

/**
 * Runs `stop` when `payload.destroy()` is called, before Payload (and its pool) goes. Each call wraps
 * the previous ones, so what is registered last stops first.
 */
export const beforeDestroy = (payload: Payload, stop: () => Promise<void>): void => {
  const destroy = payload.destroy
  payload.destroy = async () => {
    await stop()
    await destroy()
  }
}
