import { describe, expect, it } from 'vitest'

import { createManualAdapter } from './manualAdapter'
import { translateField } from './paymentTexts'
import { createTestAdapter } from './testAdapter'

describe('payment methods in other languages', () => {
  it('come with German words for their built-in label, description and fields', () => {
    const card = createTestAdapter()
    expect(card.translations?.de).toMatchObject({ label: 'Testkarte (kein echtes Geld)', description: expect.stringContaining('Offline-Testkarte') })
    const expiry = card.fields.find((field) => field.name === 'expiry')
    if (!expiry) throw new Error('no expiry field')
    expect(translateField(expiry, card.translations?.de)).toEqual({ ...expiry, label: 'Ablaufdatum (MM/JJ)', placeholder: 'MM/JJ' })
    expect(createManualAdapter().translations?.de?.label).toBe('Zahlung per Banküberweisung')
  })

  it('never show the built-in German label for a label the host set itself: its own German one, or none', () => {
    const invoice = createManualAdapter({ label: 'Pay by invoice' })
    expect(invoice.translations?.de?.label).toBeUndefined()
    // The description the host kept is still the built-in one, so its German words still apply.
    expect(invoice.translations?.de?.description).toMatch(/^Überweisen Sie/)
    const translated = createManualAdapter({ description: 'We send an invoice.', label: 'Pay by invoice', translations: { de: { label: 'Kauf auf Rechnung' } } })
    expect(translated.translations?.de).toEqual({ fields: {}, label: 'Kauf auf Rechnung' })
  })

  it('take a host’s words in a locale they have none for', () => {
    const card = createTestAdapter({ translations: { fr: { fields: { cvc: { label: 'Cryptogramme' } }, label: 'Carte de test' } } })
    expect(card.translations?.fr).toEqual({ fields: { cvc: { label: 'Cryptogramme' } }, label: 'Carte de test' })
    expect(card.translations?.de?.label).toBe('Testkarte (kein echtes Geld)')
  })
})
