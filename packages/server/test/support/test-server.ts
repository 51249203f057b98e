// A real server for a test: on 127.0.0.1 port 0, over a real SQLite file in a temp dir, with
// the admin key every test uses and a small JSON client.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer, type StartServerOptions } from '@citiesoflearning/server';

/** The admin key of every test server. */
export const ADMIN = 'test-admin-key-0123456789abcdef';

export interface TestServer extends RunningServer {
  dataDir: string;
  logs: string[];
  /** fetch relative to the server, JSON in and out. */
  call(method: string, path: string, init?: { body?: unknown; token?: string | null; headers?: Record<string, string> }): Promise<{ status: number; headers: Headers; json: any; text: string }>;
  stop(): Promise<void>;
}

/** Start a server for one suite; `stop()` closes it and removes its data unless the test chose the folder. */
export async function startTestServer(options: StartServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'col-server-test-')));
  const logs: string[] = [];
  const server = await startServer({ port: 0, host: '127.0.0.1', adminKey: ADMIN, env: {}, claimsPerMinute: 10_000, log: (l) => logs.push(l), ...options, dataDir });
  const call: TestServer['call'] = async (method, path, init = {}) => {
    const headers: Record<string, string> = { ...init.headers };
    if (init.body !== undefined) headers['content-type'] ??= 'application/json';
    const token = init.token === undefined ? ADMIN : init.token;
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(new URL(path, server.url), {
      method,
      headers,
      ...(init.body !== undefined ? { body: typeof init.body === 'string' ? init.body : JSON.stringify(init.body) } : {}),
    });
    const text = await res.text();
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, json, text };
  };
  return {
    ...server,
    dataDir,
    logs,
    call,
    async stop() {
      await server.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
