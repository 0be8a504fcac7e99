declare namespace App {
  interface Locals {
    /** The origin that may frame this response (a preview page whose token was accepted); unset: nobody. */
    frameAncestors?: string
    /** The page's language, from its address (`/de/…`: German); set by the middleware for every request. */
    locale: import('./domains/i18n/locale').Locale
  }
}
