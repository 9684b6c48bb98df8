// `@spanlight/web-tracing/propagation`: trace header formats besides W3C,
// as values for the `propagationFormats` option, so only apps that send
// them bundle them:
//   propagationFormats: ['w3c', b3(), xray()]
export { b3, b3multi, xray } from './propagation/header-formats.js'
export type { TraceHeaderFormat } from './propagation/trace-header-format.js'
