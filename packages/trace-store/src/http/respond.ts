import type { ServerResponse } from 'node:http'

export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  sendJsonText(response, status, JSON.stringify(body), headers)
}

/** For JSON the caller has already serialised. */
export function sendJsonText(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...headers })
  response.end(text)
}

export function sendBytes(response: ServerResponse, status: number, contentType: string, body: Buffer): void {
  response.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length })
  response.end(body)
}
