// Requests Node refuses before the app sees them (headers over 16 KB, malformed HTTP, a request that never
// finishes arriving) get the documented error body, as every other error does, instead of an empty reply.
import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { ApiError, errorBody } from './errors.ts';

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  408: 'Request Timeout',
  431: 'Request Header Fields Too Large',
};

export function clientErrorResponse(err: NodeJS.ErrnoException): string {
  const [status, code, message] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large', 'The request headers are larger than the 16 KB this server accepts']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout', 'The request did not arrive in time']
        : [400, 'malformed_request', `The request could not be read as HTTP (${err.code ?? 'parse error'})`];
  const body = JSON.stringify(errorBody(new ApiError(status, 'invalid_request_error', message, { code })));
  return (
    `HTTP/1.1 ${status} ${REASONS[status]}\r\n` +
    'Content-Type: application/json\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    "Content-Security-Policy: default-src 'none'; frame-ancestors 'none'\r\n" +
    'X-Content-Type-Options: nosniff\r\n' +
    'Connection: close\r\n\r\n' +
    body
  );
}

export function answerClientErrors(server: Server): void {
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    // only a socket that has not answered anything yet gets an answer (as Node's own handler does); bytes arriving
    // after an answer (HPE_CLOSED_CONNECTION) just close it
    if (err.code === 'ECONNRESET' || !socket.writable || (socket as Duplex & { bytesWritten?: number }).bytesWritten) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(err));
  });
}
