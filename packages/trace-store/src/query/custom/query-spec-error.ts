/**
 * A query specification the store cannot answer. The message names the clause and the element that is wrong
 * (`calculations[1].op: …`), so the route can send it as it is in a 400.
 */
export class QuerySpecError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'QuerySpecError'
  }
}
