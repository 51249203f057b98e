// The client's ServerErrorCode union is generated from the server's OpenAPI document: this fails
// while the generated file is out of date (run scripts/generate-server-codes.ts), and shows that
// a real server error's code narrows to its class without a cast.
import { describe, it, expect } from '@col/harness';
import { readFile } from 'node:fs/promises';
import { openApiDocument, startServer } from '@citiesoflearning/server';
import { createClient, isApiError, SERVER_ERROR_CODES, type ServerErrorCode } from '@citiesoflearning/client';
import { serverCodesModule } from '../scripts/generate-server-codes.js';

describe('server error codes in the client', () => {
  it('src/errors/server-codes.ts is what the OpenAPI document generates', async () => {
    const committed = await readFile(new URL('../src/errors/server-codes.ts', import.meta.url), 'utf8');
    expect(committed, 'out of date: run node --import tsx --conditions=@citiesoflearning/source packages/client/scripts/generate-server-codes.ts').to.equal(serverCodesModule(openApiDocument()));
    expect(SERVER_ERROR_CODES).to.include('code-used-up');
  });

  it("a real 429's code narrows to RateLimitedError (retryAfter without a cast), and serverCode is a known code", async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: ':memory:', claimsPerMinute: 1, log: () => {} });
    try {
      const col = createClient({ baseUrl: server.url, retry: 0 });
      const claim = { achievement: 'nope', code: 'AAAA-BBBB-CCCC', recipient: { email: 'x@example.org' } };
      let caught: unknown;
      for (let i = 0; i < 2; i++) await col.claims.create(claim).catch((error: unknown) => (caught = error));
      if (!isApiError(caught)) throw caught;
      if (caught.code !== 'rate-limited') throw caught;
      const seconds: number | undefined = caught.retryAfter; // compiles only if `code` narrowed the class
      expect(seconds).to.be.within(1, 60);
      const known: ServerErrorCode | (string & {}) | undefined = caught.serverCode;
      expect(known).to.equal('rate-limited');
    } finally {
      await server.close();
    }
  });
});
