import type { PayloadRequest } from 'payload'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'

import { CheckoutError } from './errors'

type Variant = { id?: null | string; price?: null | number; selections?: Array<{ option: string; value: string }> | null; sku: string }
type CatalogueProduct = { _status?: null | string; currency: string; id: number; price: number; sku: string; title: string; variants?: null | Variant[] }

export type PricedItem = {
  lineTotal: number
  product: number
  quantity: number
  sku: string
  title: string
  unitPrice: number
  variantId?: string
  variantLabel?: string
  variantSku?: string
}

/**
 * Prices each requested line from the published catalogue, as it is now: the unit price is the
 * variant's override or the product's price. Unknown or unpublished products, missing or unknown
 * variants, repeated lines and mixed currencies are refused with a message naming the line.
 */
export const priceLines = async ({
  config,
  input,
  req,
}: {
  config: SanitizedCommercePluginConfig
  input: OrderInput
  req: PayloadRequest
}): Promise<{ currency: string; items: PricedItem[] }> => {
  const seen = new Set<string>()
  input.items.forEach((line, index) => {
    const key = `${line.product}/${line.variant ?? ''}`
    if (seen.has(key)) throw new CheckoutError(`Line ${index + 1} repeats an earlier line; combine them into one quantity.`, 400)
    seen.add(key)
  })

  const { docs } = await req.payload.find({
    collection: config.slugs.products,
    depth: 0,
    limit: input.items.length,
    overrideAccess: true,
    // No page count: one query, not two.
    pagination: false,
    req,
    select: { _status: true, currency: true, price: true, sku: true, title: true, variants: true },
    where: { id: { in: input.items.map((line) => line.product) } },
  })
  const products = new Map((docs as unknown as CatalogueProduct[]).map((product) => [product.id, product]))

  const items = input.items.map((line, index): PricedItem => {
    const where = `Line ${index + 1}`
    const product = products.get(line.product)
    if (!product || product._status !== 'published') {
      throw new CheckoutError(`${where}: product ${line.product} does not exist or is not for sale.`, 400)
    }
    const variants = product.variants ?? []
    let variant: Variant | undefined
    if (variants.length > 0) {
      if (!line.variant) throw new CheckoutError(`${where}: choose a variant of "${product.title}".`, 400)
      variant = variants.find((candidate) => candidate.id === line.variant)
      if (!variant) throw new CheckoutError(`${where}: "${product.title}" has no variant ${line.variant}.`, 400)
    } else if (line.variant) {
      throw new CheckoutError(`${where}: "${product.title}" has no variants.`, 400)
    }
    const unitPrice = variant?.price ?? product.price
    return {
      lineTotal: unitPrice * line.quantity,
      product: product.id,
      quantity: line.quantity,
      sku: variant?.sku ?? product.sku,
      title: product.title,
      unitPrice,
      ...(variant && {
        variantId: line.variant,
        variantLabel: (variant.selections ?? []).map((s) => `${s.option}: ${s.value}`).join(' / '),
        variantSku: variant.sku,
      }),
    }
  })

  const currencies = new Set(items.map((item) => products.get(item.product)?.currency))
  const [currency, ...others] = [...currencies]
  if (!currency || others.length > 0) {
    throw new CheckoutError('All items in one order must be priced in the same currency.', 400)
  }
  return { currency, items }
}
