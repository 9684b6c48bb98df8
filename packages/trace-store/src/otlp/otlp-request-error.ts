/** The whole OTLP request is malformed: answered with 400 and a google.rpc.Status. */
export class OtlpRequestError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'OtlpRequestError'
  }
}
