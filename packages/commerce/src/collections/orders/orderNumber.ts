import { randomInt } from 'node:crypto'

/** No 0/O, 1/I/L: an order number gets read out over the phone. */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'

/** "SR-241121-7KQ4X": the date it was placed, then five random characters (31^5 ≈ 28.6 million a day). */
export const createOrderNumber = (now = new Date()): string => {
  const date = now.toISOString().slice(2, 10).replaceAll('-', '')
  let suffix = ''
  for (let i = 0; i < 5; i += 1) suffix += ALPHABET[randomInt(ALPHABET.length)]
  return `SR-${date}-${suffix}`
}
