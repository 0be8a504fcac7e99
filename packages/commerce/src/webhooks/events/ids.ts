/** A relationship value as stored (an id) or populated (a document): its id, or null. */
export const idOf = (value: unknown): null | number => {
  if (typeof value === 'number') return value
  if (value && typeof value === 'object' && 'id' in value && typeof value.id === 'number') return value.id
  return null
}

/** The ids of a hasMany relationship, in order. */
export const idsOf = (value: unknown): number[] =>
  Array.isArray(value) ? value.map(idOf).filter((id): id is number => id !== null) : []
