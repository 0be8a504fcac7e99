import { account } from './account'
import { cart } from './cart'
import { checkout } from './checkout'

export const server = { account, cart, checkout }
