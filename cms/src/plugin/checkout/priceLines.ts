import type { PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import type { SanitizedCommercePluginConfig } from '../types'
import type { OrderInput } from './orderInput'

import { tableOf, transactionSql } from '../database'
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

  // One statement, not a Payload `find`: checkout is the hottest path, and this reads the published rows
  // (what shoppers see), variants and their selections included.
  const table = tableOf(req, config.slugs.products)
  const ids = sql.join(input.items.map((line) => sql`${line.product}`), sql`, `)
  const { rows } = await (await transactionSql(req)).execute<Omit<CatalogueProduct, 'price'> & { price: number | string }>(sql`
    select p.id, p._status, p.currency, p.price, p.sku, p.title, coalesce((
      select json_agg(json_build_object('id', v.id, 'price', v.price, 'sku', v.sku, 'selections', coalesce((
        select json_agg(json_build_object('option', s.option, 'value', s.value) order by s._order)
        from ${sql.identifier(`${table}_variants_selections`)} s where s._parent_id = v.id), '[]'::json)) order by v._order)
      from ${sql.identifier(`${table}_variants`)} v where v._parent_id = p.id), '[]'::json) as variants
    from ${sql.identifier(table)} p where p.id in (${ids})`)
  const products = new Map(rows.map((row) => [Number(row.id), { ...row, id: Number(row.id), price: Number(row.price) }]))

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
