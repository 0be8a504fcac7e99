/**
 * Customer accounts without JavaScript, against a real CMS (see `support/harness.ts`): register, sign
 * in and out, a cart that follows the customer across devices and takes in what they added as a
 * guest, order history, and the password reset the CMS's email links to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import type { Catalogue } from './fixtures/createCatalogue'
import { checkoutForm } from './support/checkoutForm'
import { decodeEntities, type Shop, startShop } from './support/harness'
import { visitor as createVisitor } from './support/visitor'

let shop: Shop | undefined
let catalogue: Catalogue
let url: string

beforeAll(async () => {
  shop = await startShop('account')
  ;({ catalogue, storefrontUrl: url } = shop)
}, 120_000)

afterAll(async () => {
  await shop?.stop()
})

type Visitor = ReturnType<typeof createVisitor>
const visitor = (): Visitor => createVisitor(url)

let serial = 0
const newEmail = (): string => `customer-${Date.now()}-${(serial += 1)}@example.test`
const PASSWORD = 'correct-horse-battery'

const notices = (html: string): string[] => [...html.matchAll(/data-notice="(\w+)"[^>]*>([^<]*)</g)].map(([, kind, text = '']) => `${kind}: ${decodeEntities(text.trim())}`)
const fieldError = (html: string, field: string): string | undefined =>
  decodeEntities(html.match(new RegExp(`data-field-error="${field}"[^>]*>([^<]*)<`))?.[1]?.trim() ?? '') || undefined

/** The header's personal links, as the server island renders them for this visitor. */
const header = async (who: Visitor): Promise<string> => {
  const page = await who.get('/account/forgot')
  const island = decodeEntities(page.html.match(/href="(\/_server-islands\/PersonalNav[^"]*)"/)?.[1] ?? '')
  expect(island).not.toBe('')
  return (await who.get(island)).html
}
const cartCount = async (who: Visitor): Promise<number | undefined> => {
  const count = (await header(who)).match(/data-cart-count="(\d+)"/)?.[1]
  return count === undefined ? undefined : Number(count)
}

const register = async (who: Visitor, email: string, name = 'Grace'): Promise<Response> =>
  who.post('/account/register?_action=account.register', { email, name, password: PASSWORD })
const logIn = async (who: Visitor, email: string, password = PASSWORD, next = ''): Promise<Response> =>
  who.post('/account/login?_action=account.login', { email, next, password })

describe('register, sign in, sign out', () => {
  it('creates a customer account, signs it in and shows it in the header', async () => {
    const grace = visitor()
    const email = newEmail()
    const created = await register(grace, email)
    expect(created.status).toBe(303)
    expect(created.headers.get('location')).toBe('/account')
    const account = await grace.get('/account')
    expect(account.response.headers.get('cache-control')).toBe('private, no-store')
    expect(account.html).toMatch(new RegExp(`data-account-email[^>]*>${email}<`))
    expect(notices(account.html)).toContain('info: Welcome, Grace! Your account is ready.')
    expect(await header(grace)).toMatch(/data-account-link="signed-in"[^>]*>Grace</)
  })

  it('explains what is wrong with a sign-up, keeps what was typed but never the password, and creates nothing', async () => {
    const taken = newEmail()
    await register(visitor(), taken)
    const someone = visitor()
    expect((await register(someone, taken, 'Again')).headers.get('location')).toBe('/account/register')
    const again = await someone.get('/account/register')
    expect(fieldError(again.html, 'email')).toBe('There is already an account with this email. Sign in, or reset your password.')
    expect(again.html).toContain(`value="${taken}"`)
    expect(again.html).not.toContain(PASSWORD)

    const weak = visitor()
    await weak.post('/account/register?_action=account.register', { email: newEmail(), name: 'Weak', password: 'short' })
    const page = await weak.get('/account/register')
    expect(fieldError(page.html, 'password')).toBe('Use at least 10 characters.')
    expect(await header(weak)).toMatch(/data-account-link="guest"/)
  })

  it('refuses a wrong password with one message for unknown and known emails alike', async () => {
    const email = newEmail()
    await register(visitor(), email)
    for (const [who, address] of [
      [visitor(), email],
      [visitor(), newEmail()],
    ] as const) {
      const answer = await logIn(who, address, 'wrong-password-123')
      expect(answer.headers.get('location')).toBe('/account/login')
      const page = await who.get('/account/login')
      expect(notices(page.html)).toEqual(['error: The email or password is incorrect.'])
      expect(page.html).toContain(`value="${address}"`)
      expect(await header(who)).toMatch(/data-account-link="guest"/)
    }
  })

  it('answers in German on the German shop: its own messages, the form checks and the CMS’s refusals', async () => {
    const email = newEmail()
    await register(visitor(), email)
    // A wrong password on /de/ stays on the German sign-in page, with the German message.
    const greta = visitor()
    const answer = await greta.post('/de/account/login?_action=account.login', { email, next: '', password: 'wrong-password-123' })
    expect(answer.headers.get('location')).toBe('/de/account/login')
    const login = await greta.get('/de/account/login')
    expect(notices(login.html)).toEqual(['error: Die E-Mail-Adresse oder das Passwort ist falsch.'])
    expect(login.html).toContain(`value="${email}"`)

    const signUp = async (fields: Record<string, string>) => {
      const who = visitor()
      expect((await who.post('/de/account/register?_action=account.register', fields)).headers.get('location')).toBe('/de/account/register')
      return (await who.get('/de/account/register')).html
    }
    // The storefront's own check of the form…
    const short = await signUp({ email: newEmail(), name: 'Greta', password: 'short' })
    expect(notices(short)).toEqual(['error: Bitte prüfen Sie die markierten Felder.'])
    expect(fieldError(short, 'password')).toBe('Verwenden Sie mindestens 10 Zeichen.')
    // …and what the CMS refused, in its English, shown as the storefront's German message.
    expect(fieldError(await signUp({ email, name: 'Greta', password: PASSWORD }), 'email')).toBe(
      'Mit dieser E-Mail-Adresse gibt es schon ein Konto. Melden Sie sich an oder setzen Sie Ihr Passwort zurück.',
    )
    expect(fieldError(await signUp({ email: newEmail(), name: 'Greta', password: 'password1234' }), 'password')).toBe(
      'Dieses Passwort ist zu leicht zu erraten. Verwenden Sie mehr Wörter oder Zeichen, die keinem Muster folgen.',
    )

    const welcome = visitor()
    expect((await welcome.post('/de/account/register?_action=account.register', { email: newEmail(), name: 'Greta', password: PASSWORD })).headers.get('location')).toBe('/de/account')
    expect(notices((await welcome.get('/de/account')).html)).toContain('info: Willkommen, Greta! Ihr Konto ist eingerichtet.')
  })

  it('gives the signed-in visitor a new session id, goes on to a same-site `next` only, and signs out completely', async () => {
    const email = newEmail()
    await register(visitor(), email)
    const ann = visitor()
    await ann.get('/account/login') // a session before signing in
    await ann.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const before = [...ann.cookies.values()].join()
    const answer = await logIn(ann, email, PASSWORD, '/account/orders')
    expect(answer.headers.get('location')).toBe('/account/orders')
    expect([...ann.cookies.values()].join()).not.toBe(before)

    const other = visitor()
    expect((await logIn(other, email, PASSWORD, 'https://evil.example/steal')).headers.get('location')).toBe('/account')

    expect((await ann.post('/account?_action=account.logout', {})).headers.get('location')).toBe('/')
    expect(await header(ann)).toMatch(/data-account-link="guest"/)
    expect(await cartCount(ann)).toBe(0)
    expect((await ann.get('/account')).response.headers.get('location')).toBe('/account/login?next=/account')
  })

  it('saves a changed name', async () => {
    const bea = visitor()
    await register(bea, newEmail(), 'Bea')
    await bea.post('/account?_action=account.profile', { name: 'Beatrice' })
    const page = await bea.get('/account')
    expect(notices(page.html)).toContain('info: Your details are saved.')
    expect(page.html).toContain('value="Beatrice"')
    expect(await header(bea)).toMatch(/>Beatrice</)
  })
})

describe('the cart of a signed-in customer', () => {
  it('follows the customer to another device and takes in what they added as a guest', async () => {
    const email = newEmail()
    const phone = visitor()
    await register(phone, email)
    await phone.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 2 })

    // On the laptop, still a guest: a shirt, and one mug.
    const laptop = visitor()
    await laptop.post('/cart?_action=cart.add', { product: catalogue.onSale.id, quantity: 1 })
    await laptop.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    expect(await cartCount(laptop)).toBe(2)
    await logIn(laptop, email)
    // Both items; the mug wanted on both devices counts once, at the larger quantity.
    expect(await cartCount(laptop)).toBe(3)
    const cart = await laptop.get('/cart')
    expect(notices(cart.html)).toContain('info: The items you added before signing in are in your cart.')
    expect(cart.html).toContain(catalogue.onSale.title)

    // The phone sees the merged cart, and a change there shows on the laptop.
    expect(await cartCount(phone)).toBe(3)
    await phone.post('/cart?_action=cart.remove', { product: catalogue.onSale.id })
    expect(await cartCount(laptop)).toBe(2)

    // Signed out, the laptop's cart is empty again; signing in brings the saved cart back.
    await laptop.post('/account?_action=account.logout', {})
    expect(await cartCount(laptop)).toBe(0)
    await logIn(laptop, email)
    expect(await cartCount(laptop)).toBe(2)
  })

  it('shows the order in the history and opens its detail only for its customer', async () => {
    const email = newEmail()
    const cleo = visitor()
    await register(cleo, email, 'Cleo')
    await cleo.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const checkout = await cleo.get('/checkout')
    expect(checkout.html).toContain(`value="${email}"`)
    const placed = await cleo.post('/checkout?_action=checkout.place', checkoutForm(email, { city: 'Lyon', country: 'FR', line1: '1 rue de la République', name: 'Cleo', postalCode: '69001' }))
    const location = placed.headers.get('location') ?? ''
    expect(location).toMatch(/^\/order\/\d+$/)
    const confirmation = await cleo.get(location)
    expect(confirmation.html).toContain('Thank you for your order')
    const orderNumber = confirmation.html.match(/data-order-number[^>]*>([^<]+)</)?.[1] ?? ''
    expect(orderNumber).toMatch(/^SR-/)
    expect(await cartCount(cleo)).toBe(0)

    const history = await cleo.get('/account/orders')
    expect(history.response.headers.get('cache-control')).toBe('private, no-store')
    expect(history.html).toContain(`data-order-row="${orderNumber}"`)
    expect(history.html).toContain('Paid, being prepared')

    // On another device, signed in: the detail with its status; the thank-you belongs to the checkout.
    const tablet = visitor()
    await logIn(tablet, email)
    const detail = await tablet.get(location)
    expect(detail.response.status).toBe(200)
    expect(detail.html).toMatch(new RegExp(`<h1[^>]*>Order ${orderNumber}</h1>`))
    expect(detail.html).toMatch(/data-order-status="paid"/)

    // Its customer may follow its status live from any device; nobody else may.
    const stream = await tablet.open(`/live/orders${location.slice('/order'.length)}`)
    expect(stream.status).toBe(200)
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/)
    await stream.body?.cancel()

    // Another customer, and a guest, get the same 404.
    const dave = visitor()
    await register(dave, newEmail(), 'Dave')
    expect((await dave.get(location)).response.status).toBe(404)
    const refused = await dave.open(`/live/orders${location.slice('/order'.length)}`)
    expect(refused.status).toBe(404)
    await refused.body?.cancel()
    expect((await dave.get('/account/orders')).html).toContain('You have not placed an order yet.')
    expect((await visitor().get(location)).response.status).toBe(404)
  })

  it('sends a customer who opens her order from its email through sign-in and back to the order', async () => {
    const email = newEmail()
    const owner = visitor()
    await register(owner, email, 'Iris')
    await owner.post('/cart?_action=cart.add', { product: catalogue.mug.id, quantity: 1 })
    const location = (await owner.post('/checkout?_action=checkout.place', checkoutForm(email))).headers.get('location') ?? ''
    expect(location).toMatch(/^\/order\/\d+$/)
    // Her email's link is the plain order page (no token for a customer's order). On another device:
    const phone = visitor()
    const notSignedIn = await phone.get(location)
    expect(notSignedIn.response.status).toBe(404)
    const signIn = decodeEntities(notSignedIn.html.match(/<a href="([^"]+)"[^>]*data-sign-in/)?.[1] ?? '')
    expect(signIn).toBe(`/account/login?next=${encodeURIComponent(location)}`)
    expect((await phone.get(signIn)).html).toContain(`name="next" value="${location}"`)
    const signedIn = await logIn(phone, email, PASSWORD, location)
    expect([signedIn.status, signedIn.headers.get('location')]).toEqual([303, location])
    const order = await phone.get(location)
    expect(order.response.status).toBe(200)
    expect(order.html).toMatch(/<h1[^>]*>Order SR-/)
  })

  it('sends a guest who opens the order history to sign in first', async () => {
    const answer = await visitor().get('/account/orders?page=2')
    expect(answer.response.status).toBe(303)
    expect(answer.response.headers.get('location')).toBe(`/account/login?next=${encodeURIComponent('/account/orders?page=2')}`)
  })
})

/**
 * The CMS's log line of the reset email it sent `email`: outside production it prints each email's
 * recipients, subject and links ('' when none came within 15 s).
 */
const resetEmailTo = async (email: string): Promise<string> => {
  for (const deadline = Date.now() + 15_000; Date.now() < deadline; ) {
    const line = (shop?.cms.process.output() ?? '').split('\n').findLast((text) => text.includes(email) && /\/account\/reset\?token=/.test(text))
    if (line) return line
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  return ''
}

/** The reset link in such a line. */
const resetLinkIn = (line: string): URL => new URL(/https?:\/\/\S+\/account\/reset\?token=[\w-]+/.exec(line)?.[0] ?? 'http://missing.invalid/')

describe('forgotten password', () => {
  it('emails a link to /account/reset, where a new password is set and the customer signed in', async () => {
    const email = newEmail()
    await register(visitor(), email)
    const forgetful = visitor()
    const asked = await forgetful.post('/account/forgot?_action=account.forgot', { email })
    expect(asked.headers.get('location')).toBe('/account/login')
    expect(notices((await forgetful.get('/account/login')).html)[0]).toMatch(/^info: If there is an account for/)

    const link = resetLinkIn(await resetEmailTo(email))
    expect(link.pathname).toBe('/account/reset')
    const token = link.searchParams.get('token') ?? ''

    const page = await forgetful.get(`/account/reset?token=${token}`)
    expect(page.html).toContain(`name="token" value="${token}"`)
    expect(page.response.headers.get('referrer-policy')).toBe('no-referrer')

    await forgetful.post('/account/reset?_action=account.reset', { confirm: 'something-else-1', password: 'a-brand-new-password', token })
    const mismatch = await forgetful.get(`/account/reset?token=${token}`)
    expect(fieldError(mismatch.html, 'confirm')).toBe('The two passwords differ.')

    const reset = await forgetful.post('/account/reset?_action=account.reset', { confirm: 'a-brand-new-password', password: 'a-brand-new-password', token })
    expect(reset.headers.get('location')).toBe('/account')
    expect(notices((await forgetful.get('/account')).html)).toContain('info: Your new password is set and you are signed in.')

    // The link works once; the old password is gone, the new one signs in.
    const again = visitor()
    await again.post('/account/reset?_action=account.reset', { confirm: 'another-password-2', password: 'another-password-2', token })
    expect(notices((await again.get(`/account/reset?token=${token}`)).html)).toEqual([
      'error: This reset link has expired or was already used. Ask for a new one below.',
    ])
    expect((await logIn(visitor(), email)).headers.get('location')).toBe('/account/login')
    expect((await logIn(visitor(), email, 'a-brand-new-password')).headers.get('location')).toBe('/account')
  })

  it('emails a customer who asked on the German shop a German link to /de/account/reset', async () => {
    const email = newEmail()
    await register(visitor(), email)
    const forgetful = visitor()
    const asked = await forgetful.post('/de/account/forgot?_action=account.forgot', { email })
    expect(asked.headers.get('location')).toBe('/de/account/login')

    const sent = await resetEmailTo(email)
    expect(sent).toMatch(/Passwort .*zurücksetzen/)
    const link = resetLinkIn(sent)
    expect(link.pathname).toBe('/de/account/reset')
    const page = await forgetful.get(`${link.pathname}${link.search}`)
    expect(page.response.status).toBe(200)
    expect(page.html).toContain(`name="token" value="${link.searchParams.get('token')}"`)
    expect(page.html).toContain('lang="de-DE"')
    expect(page.html).toContain('<h1>Neues Passwort wählen</h1>')
    expect(page.html).toContain('Neues Passwort speichern')
  })
})
