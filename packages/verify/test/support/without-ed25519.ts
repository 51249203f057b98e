import { installSignatureBackend, signatureBackend } from '../../src/internal/signature-backend.js';

/**
 * Runs `fn` while WebCrypto refuses Ed25519 keys, as browsers before Chrome 137, Firefox 129 and
 * Safari 17 do (this machine's Node and Chromium support Ed25519, so the refusal is injected).
 */
export async function withoutEd25519<T>(fn: () => Promise<T>): Promise<T> {
  // In Node, signatures normally bypass WebCrypto (node:crypto): take that away too.
  const backend = signatureBackend();
  installSignatureBackend(undefined);
  const subtle = globalThis.crypto.subtle;
  const real = subtle.importKey;
  Object.defineProperty(subtle, 'importKey', {
    configurable: true,
    value: (...args: Parameters<SubtleCrypto['importKey']>) => {
      const algorithm = args[2] as { name?: string } | string;
      if ((typeof algorithm === 'string' ? algorithm : algorithm.name) === 'Ed25519') {
        return Promise.reject(new DOMException('Unrecognized algorithm name', 'NotSupportedError'));
      }
      return real.apply(subtle, args);
    },
  });
  try {
    return await fn();
  } finally {
    installSignatureBackend(backend);
    delete (subtle as unknown as Record<string, unknown>).importKey;
  }
}
