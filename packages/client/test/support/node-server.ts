// Node only: a fresh reference server with demo data in a temporary folder.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '@citiesoflearning/server';
import type { TestServer } from './server.js';

export async function startTestServer(options: { demo?: boolean } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'col-client-test-'));
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir, demo: options.demo ?? true });
  return {
    url: server.url,
    adminKey: server.adminKey,
    claimCodes: server.demo?.claimCodes ?? [],
    async close() {
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
