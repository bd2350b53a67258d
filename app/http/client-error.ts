import { randomUUID } from 'node:crypto'
import type { Socket } from 'node:net'

/**
 * Requests Node's HTTP parser refuses before the app sees them (a request line or headers over
 * 16 KB, malformed HTTP): answered in the one error shape with a correlation id, like every other
 * error, instead of Node's bare `431`/`400` with an empty body. The connection is closed.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  if (!socket.writable || (socket as Socket & { _httpMessage?: unknown })._httpMessage) {
    socket.destroy()
    return
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW'
  const correlationId = randomUUID()
  const body = JSON.stringify({
    error: {
      code: 'invalid_request',
      message: tooLarge ? 'Request line or headers are too large' : 'Malformed HTTP request',
      correlation_id: correlationId,
    },
  })
  socket.end(
    [
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}`,
      'content-type: application/json',
      `content-length: ${Buffer.byteLength(body)}`,
      `x-correlation-id: ${correlationId}`,
      'connection: close',
      '',
      body,
    ].join('\r\n'),
  )
}
