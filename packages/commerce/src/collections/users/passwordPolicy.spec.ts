import { describe, expect, it } from 'vitest'

import { passwordProblem } from './passwordPolicy'

describe('passwordProblem', () => {
  it('accepts long, unpredictable passwords and passphrases', async () => {
    for (const password of ['correct-horse-battery', 'journey-passphrase-1', 'Tq7#vLp2mZx9', 'x'.repeat(5) + 'K9$mq2Lw']) {
      expect(await passwordProblem(password), password).toBeNull()
    }
  })

  it('says why a password is refused', async () => {
    expect(await passwordProblem('short-pw1')).toBe('Use at least 10 characters.')
    expect(await passwordProblem(' '.repeat(12))).toBe('The password must not be only spaces.')
    expect(await passwordProblem('z'.repeat(16))).toBe('The password must not repeat a single character.')
    expect(await passwordProblem(`A1!${'b'.repeat(198)}`)).toBe('Use at most 200 characters.')
    expect(await passwordProblem(1234567890)).toBe('The password must be text.')
    expect(await passwordProblem('1234567890')).toBe('This password is too easy to guess. This is a frequently used password. Add more words or characters that do not follow a pattern.')
    for (const guessable of ['password123', 'qwertyuiop', 'abcabcabcabc', 'Summer2024!']) {
      expect(await passwordProblem(guessable), guessable).toMatch(/^This password is too easy to guess\./)
    }
  })
})
