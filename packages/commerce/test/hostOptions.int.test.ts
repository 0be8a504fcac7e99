import type { Access } from 'payload'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type MinimalHost, startMinimalHost } from './minimalHost'

let host: MinimalHost

const signedIn: Access = ({ req }) => Boolean(req.user)

beforeAll(async () => {
  host = await startMinimalHost('host_options', {
    // Categories only for signed-in readers: replaces the plugin's `read` rule, keeps its others.
    access: { categories: { read: signedIn } },
    roles: { admin: 'owner', customer: 'shopper', editor: 'clerk' },
    storefrontPaths: { category: (slugs) => `/shop/${slugs.join('~')}`, passwordReset: '/password/new' },
    storefrontUrl: 'https://shop.example',
  })
})
afterAll(async () => host?.close())

const send = (route: string, init: { body?: unknown; method?: string; token?: string } = {}) => host.api(route, { method: 'POST', ...init })

describe('a host with its own role names, storefront routes and access rules', () => {
  let ownerToken = ''

  it('stores its role names: the first account is its admin, a sign-up its customer', async () => {
    const first = await send('/users/first-register', { body: { email: 'owner@example.test', password: 'owner-Passw0rd!' } })
    expect(first.status).toBe(200)
    expect(((await first.json()) as { user: { roles: string[] } }).user.roles).toEqual(['owner'])
    ownerToken = ((await (await send('/users/login', { body: { email: 'owner@example.test', password: 'owner-Passw0rd!' } })).json()) as { token: string }).token
    const signUp = await send('/users', { body: { email: 'sam@example.test', password: 'sam-Passw0rd!', roles: ['owner'] } })
    expect(signUp.status).toBe(201)
    expect(((await signUp.json()) as { doc: { roles: string[] } }).doc.roles).toEqual(['shopper'])
  })

  it('treats its admin role as staff and writes category links with its own route', async () => {
    const parent = await send('/categories', { body: { slug: 'home', title: 'Home' }, token: ownerToken })
    expect(parent.status).toBe(201)
    const { doc } = (await parent.json()) as { doc: { id: number } }
    const child = await send('/categories', { body: { parent: doc.id, slug: 'lamps', title: 'Lamps' }, token: ownerToken })
    expect(((await child.json()) as { doc: { breadcrumbs: Array<{ url: string }> } }).doc.breadcrumbs.map((crumb) => crumb.url)).toEqual([
      '/shop/home',
      '/shop/home~lamps',
    ])
  })

  it('applies its access override and keeps the plugin’s other rules', async () => {
    expect((await host.api('/categories')).status).toBe(403)
    expect((await host.api('/categories', { token: ownerToken })).status).toBe(200)
    const customerToken = ((await (await send('/users/login', { body: { email: 'sam@example.test', password: 'sam-Passw0rd!' } })).json()) as { token: string }).token
    expect((await host.api('/categories', { token: customerToken })).status).toBe(200)
    expect((await send('/categories', { body: { slug: 'nope', title: 'Nope' }, token: customerToken })).status).toBe(403)
  })

  it('sends a customer’s password reset link to its own storefront page', async () => {
    expect((await send('/users/forgot-password', { body: { email: 'sam@example.test' } })).status).toBe(200)
    const sent = host.emails.find((email) => email.to === 'sam@example.test')
    expect(sent?.html).toMatch(/href="https:\/\/shop\.example\/password\/new\?token=[0-9a-f]+"/)
  })
})
