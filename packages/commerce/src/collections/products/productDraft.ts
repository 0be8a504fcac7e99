/**
 * The parts of a product the integrity checks look at. By the time collection `beforeValidate` hooks
 * run, Payload has filled fields a partial update left out from the stored document, so `data` is
 * always the whole product.
 */
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
