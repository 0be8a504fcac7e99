import type { ZxcvbnFactory } from '@zxcvbn-ts/core'

/** The same rule the storefront's forms state; Payload itself accepts three characters. */
export const MIN_PASSWORD_LENGTH = 10
/** The storefront form's limit: longer ones only cost hashing and estimating time. */
export const MAX_PASSWORD_LENGTH = 200
/**
 * zxcvbn's score from 0 to 4; 3 is "safely unguessable: moderate protection from an offline slow-hash
 * scenario" (about 10^8 guesses and more), what its authors recommend as a minimum.
 */
export const MIN_PASSWORD_SCORE = 3

let estimator: Promise<ZxcvbnFactory> | undefined

/** The estimator with its common-password and English dictionaries (≈ 2 MB), loaded on first use, not at start-up. */
const loadEstimator = (): Promise<ZxcvbnFactory> => {
  estimator ??= Promise.all([import('@zxcvbn-ts/core'), import('@zxcvbn-ts/language-common'), import('@zxcvbn-ts/language-en')]).then(
    ([{ ZxcvbnFactory }, common, en]) =>
      new ZxcvbnFactory({
        dictionary: { ...common.dictionary, ...en.dictionary },
        graphs: common.adjacencyGraphs,
        translations: en.translations,
      }),
  )
  return estimator
}

/**
 * Why `password` may not be used, or null when it may: at least `MIN_PASSWORD_LENGTH` characters, not
 * only spaces, not one character repeated, and not easy to guess by the zxcvbn-ts estimator (common
 * passwords, keyboard rows, sequences, repeated patterns, dates, words with l33t substitutions).
 */
export const passwordProblem = async (password: unknown): Promise<null | string> => {
  if (typeof password !== 'string') return 'The password must be text.'
  if (password.trim() === '') return 'The password must not be only spaces.'
  if (password.length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters.`
  if (password.length > MAX_PASSWORD_LENGTH) return `Use at most ${MAX_PASSWORD_LENGTH} characters.`
  if (/^(.)\1*$/su.test(password)) return 'The password must not repeat a single character.'
  const { feedback, score } = (await loadEstimator()).check(password)
  if (score >= MIN_PASSWORD_SCORE) return null
  const why = feedback.warning ? ` ${feedback.warning}` : ''
  return `This password is too easy to guess.${why} Add more words or characters that do not follow a pattern.`
}
