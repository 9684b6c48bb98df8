// A server that only reads each POST body and answers 200 with an empty OTLP
// response: what HTTP alone costs the store, for the benchmark's floor figures.
// Run as a child process (the store is one too), it prints its port.
import http from 'node:http'

const server = http.createServer((request, response) => {
  let byteCount = 0
  request.on('data', (chunk: Buffer) => (byteCount += chunk.length))
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'application/json', 'x-body-bytes': String(byteCount) })
    response.end('{}')
  })
})
server.listen(0, '127.0.0.1', () => {
  const address = server.address()
  if (address && typeof address === 'object') console.log(`listening on http://127.0.0.1:${address.port}`)
})
process.on('SIGTERM', () => server.close(() => process.exit(0)))
