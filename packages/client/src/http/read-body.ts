/**
 * Reads a response body into bytes without ever holding more than `limit` bytes: a declared
 * `Content-Length` over the limit is refused before reading, and a body streamed without one is
 * cancelled as soon as it passes the limit. Returns `undefined` when over the limit.
 */
export async function readBodyLimited(response: Response, limit: number): Promise<Uint8Array | undefined> {
  const declared = response.headers.get('content-length');
  if (declared !== null && /^\d+$/.test(declared)) {
    if (Number(declared) > limit) {
      await response.body?.cancel().catch(() => undefined);
      return undefined;
    }
    // HTTP framing holds the body to its declared length (fetch fails on a mismatch), and the
    // declared length is within the limit: let the runtime read it, which is faster.
    // (A compressed body is decoded after framing, so only identity encoding qualifies.)
    if (!response.headers.has('content-encoding')) return new Uint8Array(await response.arrayBuffer());
  }
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}
