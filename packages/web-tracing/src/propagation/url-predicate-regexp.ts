/**
 * OpenTelemetry's URL options (`propagateTraceHeaderCorsUrls`, `ignoreUrls`)
 * accept strings (compared with the whole URL) or RegExps (used through
 * `url.match(pattern)`). This RegExp hands that match to a predicate, so
 * those options get our normalised rules instead of whole-URL equality.
 */
export class UrlPredicateRegExp extends RegExp {
  private readonly predicate: (url: string) => boolean

  constructor(predicate: (url: string) => boolean) {
    super('(?:)')
    this.predicate = predicate
  }

  override [Symbol.match](input: string): RegExpMatchArray | null {
    return this.predicate(String(input)) ? (Object.assign([String(input)], { index: 0, input: String(input) }) as RegExpMatchArray) : null
  }

  override test(input: string): boolean {
    return this.predicate(String(input))
  }
}
