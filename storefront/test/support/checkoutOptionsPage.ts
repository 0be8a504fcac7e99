/**
 * What the checkout page offers, read from its HTML, against what the CMS publishes at
 * `GET /api/v1/orders/checkout-options`: the storefront must show exactly those choices.
 */
import { expect } from 'vitest'

import { attributesOf, decodeEntities } from './harness'

type Field = { autocomplete: string; label: string; name: string }
export type PublishedOptions = {
  payment: { default: string; methods: Array<{ description: string; fields: Field[]; label: string; name: string }> }
  shipping: { default: string; methods: Array<{ id: string; label: string; prices: Array<{ amount: number; currency: string }> }> }
}

/** The options as any client reads them from the CMS. */
export const publishedOptions = async (api: string): Promise<PublishedOptions> => {
  const response = await fetch(`${api}/orders/checkout-options`)
  if (!response.ok) throw new Error(`GET /orders/checkout-options answered ${response.status}`)
  return (await response.json()) as PublishedOptions
}

/** As the storefront formats prices (its locale is en-GB). */
const money = (currency: string) => new Intl.NumberFormat('en-GB', { currency, style: 'currency' })

const text = (html: string): string => decodeEntities(html.replaceAll(/<[^>]*>/g, ' ')).replaceAll(/\s+/g, ' ').trim()

/** Every radio of group `name`: its value, whether it is pre-selected, and its label's text. */
const radios = (html: string, name: string) =>
  [...html.matchAll(/<label class="choice"[^>]*>([\s\S]*?)<\/label>/g)]
    .map(([, inner = '']) => ({ inner, input: inner.match(/<input\b[^>]*>/)?.[0] ?? '' }))
    .filter(({ input }) => attributesOf(input).name === name)
    .map(({ inner, input }) => ({ checked: /\schecked(?=[\s>])/.test(input), label: text(inner), value: attributesOf(input).value }))

/** The `<input>`s of payment details on the page, as `{ autocomplete, name }`. */
const detailInputs = (html: string) =>
  [...html.matchAll(/<input\b[^>]*name="details\.[^"]*"[^>]*>/g)].map(([tag]) => {
    const { autocomplete = '', name = '' } = attributesOf(tag)
    return { autocomplete, name }
  })

/** Asserts the page offers exactly `options`, priced in `currency`, with the defaults pre-selected. */
export const expectExactlyTheOptions = (html: string, options: PublishedOptions, currency: string): void => {
  expect(radios(html, 'shippingMethod')).toEqual(
    options.shipping.methods.map((method) => {
      const amount = method.prices.find((price) => price.currency === currency)?.amount ?? Number.NaN
      return { checked: method.id === options.shipping.default, label: `${method.label}: ${money(currency).format(amount / 100)}`, value: method.id }
    }),
  )
  expect(radios(html, 'payment')).toEqual(
    options.payment.methods.map((method) => ({ checked: method.name === options.payment.default, label: method.label, value: method.name })),
  )
  for (const method of options.payment.methods) expect(text(html)).toContain(method.description)
  expect(detailInputs(html)).toEqual(
    options.payment.methods.flatMap((method) => method.fields.map((field) => ({ autocomplete: field.autocomplete, name: `details.${method.name}.${field.name}` }))),
  )
}

/**
 * The form as a browser would post it with every pre-selected choice left alone: the hidden fields,
 * the checked radios, the selected country, each text input as rendered (empty), then `typed` — what
 * the shopper types into the address fields.
 */
export const formAsRendered = (html: string, typed: Record<string, string>): Record<string, string> => {
  const form = html.match(/<form[^>]*data-checkout-form[^>]*>([\s\S]*?)<\/form>/)?.[1] ?? ''
  const fields: Record<string, string> = {}
  for (const [tag] of form.matchAll(/<input\b[^>]*>/g)) {
    const { name, type = 'text', value = '' } = attributesOf(tag)
    if (!name || (type === 'radio' && !/\schecked(?=[\s>])/.test(tag))) continue
    fields[name] = decodeEntities(value)
  }
  const country = form.match(/<select[^>]*name="country"[\s\S]*?<option value="([A-Z]{2})"[^>]*selected/)?.[1]
  if (country) fields.country = country
  return { ...fields, ...typed }
}
