import type { SanitizedWebhooksConfig } from '../types'

/**
 * How long to wait after the `attempt`-th failed attempt (1-based): the initial delay doubled per
 * attempt, capped, then scaled by a random 50–100 % so receivers coming back are not hit by every
 * sender at the same instant.
 */
export const retryDelayMs = (attempt: number, retry: SanitizedWebhooksConfig['retry'], random: () => number = Math.random): number => {
  const exponential = Math.min(retry.maxDelayMs, retry.initialDelayMs * 2 ** Math.min(attempt - 1, 40))
  return Math.round(exponential * (0.5 + random() / 2))
}
