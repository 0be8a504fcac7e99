import { describe, expect, it } from 'vitest'

import { cmsFieldText, cmsMessageText, fieldErrorText } from './formMessages'

describe('account form messages', () => {
  it('show a form check’s key in the page’s language, and anything else as a generic message', () => {
    expect(fieldErrorText('en', 'passwordTooShort')).toBe('Use at least 10 characters.')
    expect(fieldErrorText('de', 'passwordTooShort')).toBe('Verwenden Sie mindestens 10 Zeichen.')
    expect(fieldErrorText('de', 'Invalid input: expected string, received undefined')).toBe('Bitte prüfen Sie dieses Feld.')
  })

  it('turn the CMS’s known refusals into German, with the wait of a rate limit', () => {
    expect(cmsMessageText('de', 'Too many failed sign-ins to this account. Try again in 15 minutes.')).toBe(
      'Zu viele Anmeldeversuche von Ihrer Adresse. Versuchen Sie es in 15 Minuten erneut.',
    )
    expect(cmsMessageText('de', 'Too many password reset requests from your address. Try again in 1 minute.')).toBe(
      'Zu viele Anfragen zum Zurücksetzen des Passworts von Ihrer Adresse. Versuchen Sie es in 1 Minute erneut.',
    )
    expect(cmsMessageText('de', 'Only 1 of MUG can still be refunded or returned, not 3.')).toBe('So viele Stück dieses Artikels können nicht mehr zurückgesendet werden.')
    expect(cmsFieldText('de', 'This password is too easy to guess. This is a top-10 common password. Add more words or characters that do not follow a pattern.')).toBe(
      'Dieses Passwort ist zu leicht zu erraten. Verwenden Sie mehr Wörter oder Zeichen, die keinem Muster folgen.',
    )
  })

  it('never show the CMS’s English on a German page: an unknown refusal is a generic German message', () => {
    expect(cmsMessageText('de', 'Something the storefront has never seen.')).toBe('Das hat nicht geklappt. Bitte prüfen Sie Ihre Angaben und versuchen Sie es erneut.')
    expect(cmsFieldText('de', 'The value must be unique.')).toBe('Bitte prüfen Sie dieses Feld.')
  })

  it('keep the CMS’s own English words on English pages, but not Payload’s wording of a taken email', () => {
    expect(cmsMessageText('en', 'Too many failed sign-ins to this account. Try again in 15 minutes.')).toBe('Too many failed sign-ins to this account. Try again in 15 minutes.')
    expect(cmsFieldText('en', 'A user with the given email is already registered.')).toBe('There is already an account with this email. Sign in, or reset your password.')
    expect(cmsFieldText('de', 'A user with the given email is already registered.')).toMatch(/^Mit dieser E-Mail-Adresse gibt es schon ein Konto/)
  })
})
