/** ISO 3166-1 alpha-2, upper case. */
export const COUNTRY_CODE = /^[A-Z]{2}$/

/** Trims and upper-cases a country code as entered (`de ` → `DE`); anything else is left for validation. */
export const normalizeCountry = (value: unknown): unknown => (typeof value === 'string' ? value.trim().toUpperCase() : value)
