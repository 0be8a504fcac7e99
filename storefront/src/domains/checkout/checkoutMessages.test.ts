import { describe, expect, it } from 'vitest'

import { codeRefusalText, orderRefusalText } from './checkoutMessages'

describe('checkout messages', () => {
  it('words the CMS’s known order refusals in German, and an unknown one as a generic German message', () => {
    expect(orderRefusalText('de', { message: 'Card declined by the bank.', status: 402 })).toMatch(/^Die Zahlung wurde abgelehnt\. Es wurde nichts abgebucht/)
    expect(orderRefusalText('de', { message: 'Too many orders from your address. Try again in 5 minutes.', status: 429 })).toBe(
      'Zu viele Bestellungen von Ihrer Adresse. Versuchen Sie es in 5 Minuten erneut.',
    )
    const shortages = [{ available: 1, requested: 3, sku: 'MUG', title: 'Becher' }]
    expect(orderRefusalText('de', { message: 'Not enough stock: …', shortages, status: 409 })).toBe(
      'Nicht genug auf Lager: Becher (MUG): 1 verfügbar, 3 bestellt. Bitte prüfen Sie Ihren Warenkorb.',
    )
    expect(orderRefusalText('de', { message: 'Line 1: product 9 does not exist or is not for sale.', status: 400 })).toMatch(/^Der Shop konnte die Bestellung so nicht aufgeben/)
  })

  it('keeps the CMS’s words in English', () => {
    expect(orderRefusalText('en', { message: 'The payment was declined.', status: 402 })).toBe('The payment was declined. Nothing was charged: try another card or another way to pay.')
    expect(orderRefusalText('en', { message: 'Not enough stock: Mug (MUG): 1 available, 3 requested.', status: 409 })).toBe(
      'Not enough stock: Mug (MUG): 1 available, 3 requested. Please review your cart.',
    )
    expect(codeRefusalText('en', { message: 'This code needs a subtotal of at least €50.00.', reason: 'minimum-not-met' })).toBe('This code needs a subtotal of at least €50.00.')
  })

  it('words a refused code by its reason, an unknown reason as an invalid code', () => {
    expect(codeRefusalText('de', { message: 'This code has expired.', reason: 'expired' })).toBe('Dieser Code ist abgelaufen.')
    expect(codeRefusalText('de', { message: 'Something new.', reason: 'brand-new' })).toBe('Dieser Code ist ungültig.')
  })
})
