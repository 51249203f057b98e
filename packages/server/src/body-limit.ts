// Request body size limit. Ours rather than hono's `bodyLimit`: that one calls its error handler
// while it still holds the body's reader, so a handler cannot drain a chunked body (no
// Content-Length) and an oversized chunked upload became a 500 ("ReadableStream is locked").
//
// Served by @hono/node-server, the body is read straight from Node's request stream and handed on
// through Hono's body cache (what `c.req.text()` and its siblings read), so no WHATWG Request or
// stream is built for it: those two Requests per call were the costliest step of a claim's
// HTTP handling. Without a Node request (`app.request()` in tests, other runtimes) the WHATWG
// body is read as before.
import type { IncomingMessage } from 'node:http';
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
    const incoming = nodeRequest(c);
    if (incoming) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
      const read = await readNodeBody(incoming, maxBytes);
      if (read.kind === 'gone') return new Response(null, { status: 400, headers: { connection: 'close' } });
      if (read.kind === 'too-large') return tooLarge(c, !read.ended);
      // The bytes first: a reader of another kind (arrayBuffer, blob) converts from them, not
      // from text, so binary bodies stay intact.
      // Hono keeps promises in its body cache (its type names the settled values).
      const cache = c.req.bodyCache as Record<string, Promise<unknown>>;
      cache.arrayBuffer = Promise.resolve(read.bytes.buffer.slice(read.bytes.byteOffset, read.bytes.byteOffset + read.bytes.byteLength));
      cache.text = Promise.resolve(new TextDecoder().decode(read.bytes));
      return next();
    }
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

/** The Node request behind this context, when served by @hono/node-server and its body is unread. */
function nodeRequest(c: Context): IncomingMessage | undefined {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === 'function' && !incoming.readableEnded && incoming.readableFlowing === null ? incoming : undefined;
}

type NodeBody = { kind: 'body'; bytes: Uint8Array } | { kind: 'too-large'; ended: boolean } | { kind: 'gone' };

/**
 * Read a Node request's body up to `maxBytes`. Past that it reads on, discarding, until the end
 * or {@link DRAIN_FACTOR} × `maxBytes` in all, then stops reading (the socket stays up for the
 * 413, which closes it). A client that goes away mid-body is `gone`.
 */
function readNodeBody(incoming: IncomingMessage, maxBytes: number): Promise<NodeBody> {
  const declared = incoming.headers['content-length'];
  const chunked = incoming.headers['transfer-encoding'] !== undefined;
  const drainLimit = DRAIN_FACTOR * maxBytes;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = declared !== undefined && !chunked && Number(declared) > maxBytes;
    const finish = (result: NodeBody) => {
      incoming.off('data', onData).off('end', onEnd).off('error', onGone).off('close', onClose);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (!tooLarge && size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
      }
      if (!tooLarge) chunks.push(chunk);
      else if (size > drainLimit) {
        incoming.pause();
        finish({ kind: 'too-large', ended: false });
      }
    };
    const onEnd = () => finish(tooLarge ? { kind: 'too-large', ended: true } : { kind: 'body', bytes: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks, size) });
    const onGone = () => finish({ kind: 'gone' });
    // 'close' before 'end' means the client went away mid-body.
    const onClose = () => {
      if (!incoming.readableEnded) onGone();
    };
    incoming.on('data', onData).on('end', onEnd).on('error', onGone).on('close', onClose);
  });
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
