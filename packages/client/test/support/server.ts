// Where the real reference server is for this test run: in Node, started in-process on loopback;
// in Chromium, started by the test runner's global setup and announced as __COL_SERVER__.
import { isBrowser } from '@col/harness';

export interface TestServer {
  url: string;
  adminKey: string;
  /** The demo seed's multi-use claim codes, one per demo achievement. */
  claimCodes: Array<{ achievement: string; code: string }>;
  close(): Promise<void>;
}

interface Announced {
  url: string;
  adminKey: string;
  claimCodes?: Array<{ achievement: string; code: string }>;
}

/**
 * The reference server with demo data. In Node each call starts a fresh one (own temp data
 * dir); in the browser it is the one the runner started (close() does nothing there).
 */
export async function useServer(): Promise<TestServer> {
  if (isBrowser) {
    const announced = (globalThis as { __COL_SERVER__?: Announced }).__COL_SERVER__;
    if (!announced?.url) {
      throw new Error('No reference server for the browser suite: the runner must set globalThis.__COL_SERVER__ (web-test-runner.config.mjs does when client tests run).');
    }
    return { url: announced.url, adminKey: announced.adminKey, claimCodes: announced.claimCodes ?? [], close: async () => {} };
  }
  // Hidden from the browser bundle: only Node ever evaluates this branch.
  const nodeSide = './node-server.js';
  const { startTestServer } = (await import(/* @vite-ignore */ nodeSide)) as typeof import('./node-server.js');
  return startTestServer();
}
