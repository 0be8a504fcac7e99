import type { CollectionBeforeChangeHook } from 'payload'

/**
 * Gives every breadcrumb row a new id on each save. The nested-docs plugin rebuilds the breadcrumbs on
 * every save, copying each row's old `id`; its rows are per locale, in one table keyed by `id`, so a
 * German save of a category without German breadcrumbs yet (they fall back to the English rows) copied
 * the English rows' ids and failed on the table's key ("Value must be unique" on `id`, or "One or more
 * children are invalid" when saving the parent re-saved the child). Payload issue #16054. The rows are
 * derived data, so nothing refers to their ids. Runs after the plugin's `populateBreadcrumbs`.
 */
export const freshBreadcrumbIds: CollectionBeforeChangeHook = ({ data }) => {
  const crumbs: unknown = data.breadcrumbs
  if (!Array.isArray(crumbs)) return data
  return {
    ...data,
    breadcrumbs: crumbs.map((crumb: unknown) => {
      if (typeof crumb !== 'object' || crumb === null) return crumb
      const { id: _id, ...rest } = crumb as Record<string, unknown>
      return rest
    }),
  }
}
