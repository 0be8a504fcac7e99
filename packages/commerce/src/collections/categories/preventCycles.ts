import { type CollectionBeforeChangeHook, ValidationError } from 'payload'

const MAX_DEPTH = 50

const idOf = (value: unknown): null | number | string => {
  if (typeof value === 'number' || typeof value === 'string') return value
  if (value && typeof value === 'object' && 'id' in value) return idOf(value.id)
  return null
}

/** A category may not sit below itself: walk up from the new parent and refuse a loop. */
export const preventCycles: CollectionBeforeChangeHook = async ({ collection, data, originalDoc, req }) => {
  const self = idOf(originalDoc?.id)
  let current = idOf(data.parent)
  if (self === null || current === null) return data
  for (let depth = 0; current !== null && depth < MAX_DEPTH; depth += 1) {
    if (String(current) === String(self)) {
      throw new ValidationError(
        { collection: collection.slug, errors: [{ message: 'A category cannot be placed inside itself.', path: 'parent' }] },
        req.t,
      )
    }
    const ancestor: unknown = await req.payload.findByID({
      collection: collection.slug,
      depth: 0,
      disableErrors: true,
      id: current,
      overrideAccess: true,
      req,
      select: { parent: true },
    })
    current = ancestor && typeof ancestor === 'object' && 'parent' in ancestor ? idOf(ancestor.parent) : null
  }
  return data
}
