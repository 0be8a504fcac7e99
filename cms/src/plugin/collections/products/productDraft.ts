/** The parts of a product the integrity checks look at, as they arrive from any write path. */
export type ProductDraft = {
  compareAtPrice?: null | number
  options?: Array<{ name?: null | string; values?: null | string[] }> | null
  price?: null | number
  sku?: null | string
  variants?: Array<{
    selections?: Array<{ option?: null | string; value?: null | string }> | null
    sku?: null | string
  }> | null
}

/** A partial update only carries what changed: check it against what is stored. */
export const mergeWithOriginal = (data: unknown, originalDoc: unknown): ProductDraft => ({
  ...(originalDoc as ProductDraft | undefined),
  ...(data as ProductDraft | undefined),
})
