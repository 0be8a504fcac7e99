/**
 * The webhook contract between the plugin and its receivers (the storefront re-exports it through
 * `@showroom/shared-types`): event names, each event's `data`, and the Standard Webhooks secret format.
 */
export * from '../webhooks/events/types'
export { secretProblem } from '../webhooks/signature'
