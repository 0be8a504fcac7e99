import { type CollectionBeforeValidateHook, ValidationError } from 'payload'

import type { ProductDraft } from './productDraft'

type FieldError = { message: string; path: string }

const duplicates = (values: string[]): string[] =>
  [...new Set(values.filter((value, index) => values.indexOf(value) !== index))]

/**
 * Every variant names exactly one value of each product option, no two variants are the same
 * combination, and no SKU repeats within the product.
 */
export const findVariantErrors = (product: ProductDraft): FieldError[] => {
  const errors: FieldError[] = []
  const options = product.options ?? []
  const variants = product.variants ?? []

  const optionNames = options.map((option) => option.name ?? '')
  for (const name of duplicates(optionNames)) {
    errors.push({ message: `The option "${name}" is listed twice.`, path: 'options' })
  }
  options.forEach((option, index) => {
    for (const value of duplicates(option.values ?? [])) {
      errors.push({ message: `"${value}" is listed twice in ${option.name ?? 'this option'}.`, path: `options.${index}.values` })
    }
  })
  if (variants.length > 0 && options.length === 0) {
    errors.push({ message: 'Define the options (such as Size) before adding variants.', path: 'options' })
  }

  const seenCombinations = new Map<string, number>()
  variants.forEach((variant, index) => {
    const selections = variant.selections ?? []
    const chosen = new Map(selections.map((selection) => [selection.option ?? '', selection.value ?? '']))
    const path = `variants.${index}.selections`
    if (chosen.size !== selections.length) {
      errors.push({ message: 'Each option may be chosen only once per variant.', path })
    }
    for (const option of options) {
      const value = chosen.get(option.name ?? '')
      if (value === undefined) {
        errors.push({ message: `Choose a value for "${option.name}".`, path })
      } else if (!(option.values ?? []).includes(value)) {
        errors.push({ message: `"${value}" is not a value of "${option.name}".`, path })
      }
    }
    for (const name of chosen.keys()) {
      if (!optionNames.includes(name)) errors.push({ message: `"${name}" is not an option of this product.`, path })
    }
    const key = optionNames.map((name) => chosen.get(name) ?? '').join('\u0000')
    const first = seenCombinations.get(key)
    if (first !== undefined) {
      errors.push({ message: `Variant ${index + 1} is the same combination as variant ${first + 1}.`, path })
    } else {
      seenCombinations.set(key, index)
    }
  })

  const skus = [product.sku ?? '', ...variants.map((variant) => variant.sku ?? '')].filter(Boolean)
  for (const sku of duplicates(skus)) {
    errors.push({ message: `The SKU "${sku}" is used more than once in this product.`, path: 'variants' })
  }
  return errors
}

export const validateVariants: CollectionBeforeValidateHook = ({ collection, data, req }) => {
  const errors = findVariantErrors(data as ProductDraft)
  if (errors.length > 0) {
    throw new ValidationError({ collection: collection.slug, errors }, req.t)
  }
  return data
}
