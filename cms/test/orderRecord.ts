/** An order record with figures that add up (2 × 25.00 + 4.90 shipping), for writing orders directly in tests. */
export const orderRecord = (email: string, customer?: number) => ({
  currency: 'EUR' as const,
  customer,
  email,
  items: [{ lineTotal: 5000, quantity: 2, sku: 'MUG-1', title: 'Mug', unitPrice: 2500 }],
  shippingAddress: { city: 'Berlin', country: 'DE', line1: 'Street 1', name: 'A Person', postalCode: '10115' },
  shippingTotal: 490,
  status: 'pending' as const,
  subtotal: 5000,
  total: 5490,
})
