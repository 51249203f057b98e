// Request body size limit. Ours rather than hono's `bodyLimit`: that one calls its error handler
// while it still holds the body's reader, so a handler cannot drain a chunked body (no
// Content-Length) and an oversized chunked upload became a 500 ("ReadableStream is locked").
import type { Context, MiddlewareHandler } from 'hono';

/**
 * How much of an oversized body is read and thrown away before answering, as a multiple of the
 * limit: a client that sent a little too much then reads our 413 instead of a reset connection;
 * one that keeps sending gets the answer and the connection closed.
 *
 * @example
 * ```ts
 * const drainUpTo = DRAIN_FACTOR * limit;
 * ```
 */
export const DRAIN_FACTOR = 16;

/**
 * Middleware refusing request bodies larger than `maxBytes` with `tooLarge(c, closeConnection)`.
 * A declared `Content-Length` is judged before reading; a chunked body is counted as it arrives
 * and, when it fits, handed on as a buffered body so handlers read it as usual.
 *
 * @example
 * ```ts
 * app.use('*', limitBody(1024 * 1024, (c, close) => c.json({ code: 'body-too-large' }, 413, close ? { connection: 'close' } : {})));
 * ```
 */
export function limitBody(maxBytes: number, tooLarge: (c: Context, closeConnection: boolean) => Response): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const declared = c.req.raw.headers.get('content-length');
    const chunked = c.req.raw.headers.has('transfer-encoding');
    const reader = body.getReader();
    if (declared !== null && !chunked && Number(declared) > maxBytes) {
      return tooLarge(c, !(await drain(reader, 0, DRAIN_FACTOR * maxBytes)));
    }
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      let step: ReadableStreamReadResult<Uint8Array>;
      try {
        step = await reader.read();
      } catch {
        // The client went away mid-body: there is nobody to answer.
        return new Response(null, { status: 400, headers: { connection: 'close' } });
      }
      if (step.done) break;
      size += step.value.byteLength;
      if (size > maxBytes) return tooLarge(c, !(await drain(reader, size, DRAIN_FACTOR * maxBytes)));
      chunks.push(step.value);
    }
    const buffered = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      buffered.set(chunk, at);
      at += chunk.byteLength;
    }
    c.req.raw = new Request(c.req.raw, { body: buffered });
    return next();
  };
}

/** Read and discard until the end or `limit` bytes in all; true when the body ended. */
async function drain(reader: ReadableStreamDefaultReader<Uint8Array>, already: number, limit: number): Promise<boolean> {
  let read = already;
  try {
    while (read <= limit) {
      const { done, value } = await reader.read();
      if (done) return true;
      read += value.byteLength;
    }
  } catch {
    // the client went away: nothing more to read
  }
  await reader.cancel().catch(() => {});
  return false;
}
