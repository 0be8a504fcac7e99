/** A request the shopper can fix: answered with `status` and `message`, nothing written. */
export class CheckoutError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'CheckoutError'
  }
}
