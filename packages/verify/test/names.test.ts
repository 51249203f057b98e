// One name per idea: verify's per-document size limit is DEFAULT_MAX_DOCUMENT_BYTES (core's
// DEFAULT_MAX_BYTES meant images); the old name stays for one release. Node and Chromium.
import { describe, it, expect } from '@col/harness';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_DOCUMENT_BYTES, verify } from '@citiesoflearning/verify';

describe('verify: limit names', () => {
  it('DEFAULT_MAX_DOCUMENT_BYTES is the input limit verify() applies by default; DEFAULT_MAX_BYTES is the same value', async () => {
    expect(DEFAULT_MAX_DOCUMENT_BYTES).to.equal(2 * 1024 * 1024);
    expect(DEFAULT_MAX_BYTES).to.equal(DEFAULT_MAX_DOCUMENT_BYTES);
    const over = JSON.stringify({ type: ['VerifiableCredential'], padding: 'x'.repeat(DEFAULT_MAX_DOCUMENT_BYTES) });
    const report = await verify(over, { offline: true });
    expect(report.checks[0]).to.include({ id: 'parse', outcome: 'failed', code: 'input-too-large' });
  });
});
