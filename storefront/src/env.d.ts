declare namespace App {
  interface Locals {
    /** The origin that may frame this response (a preview page whose token was accepted); unset: nobody. */
    frameAncestors?: string
  }
}
