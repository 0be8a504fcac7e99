/** The checkout form as a shopper fills it in (test card 4242, standard shipping to Berlin), with `overrides`. */
export const checkoutForm = (email: string, overrides: Record<string, string> = {}): Record<string, string> => ({
  'details.test.cvc': '123',
  'details.test.expiry': '12/40',
  'details.test.number': '4242 4242 4242 4242',
  city: 'Berlin',
  country: 'DE',
  email,
  line1: 'Torstraße 1',
  line2: '',
  name: 'Ada Guest',
  payment: 'test',
  phone: '',
  postalCode: '10119',
  shippingMethod: 'standard',
  ...overrides,
})
