// A real HTTP server on a loopback address for Node suites: routes by path, counts every request,
// can delay answers. Tests never send traffic anywhere else.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One answer of the server. */
export interface LoopbackRoute {
  status?: number;
  body?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Answer after this many milliseconds. */
  delayMs?: number;
}

/** A running loopback server. */
export interface Loopback {
  /** `http://127.0.0.1:PORT` (or the `[::1]` form when listening on IPv6). */
  base: string;
  port: number;
  routes: Map<string, LoopbackRoute | ((path: string) => LoopbackRoute)>;
  /** Every path requested, in order. */
  hits: string[];
  close(): Promise<void>;
}

/** JSON served with a JSON media type. */
export const jsonRoute = (value: unknown, type = 'application/ld+json'): LoopbackRoute => ({
  body: JSON.stringify(value),
  headers: { 'content-type': type },
});

/**
 * Start a server on `host` (default 127.0.0.1; `::` listens on both IPv6 and IPv4 loopback).
 *
 * @example
 * ```ts
 * const server = await loopback();
 * server.routes.set('/a', jsonRoute({ ok: true }));
 * ```
 */
export async function loopback(host = '127.0.0.1'): Promise<Loopback> {
  const routes: Loopback['routes'] = new Map();
  const hits: string[] = [];
  const open = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.push(path);
    const found = routes.get(path) ?? [...routes.entries()].find(([p]) => p.endsWith('*') && path.startsWith(p.slice(0, -1)))?.[1];
    const route = typeof found === 'function' ? found(path) : found;
    const send = () => {
      open.delete(res);
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('Not found');
        return;
      }
      res.writeHead(route.status ?? 200, route.headers ?? {});
      res.end(route.body ?? '');
    };
    if (route?.delayMs) {
      open.add(res);
      setTimeout(send, route.delayMs).unref();
    } else send();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  const base = host.includes(':') ? `http://[${host === '::' ? '::1' : host}]:${port}` : `http://${host}:${port}`;
  return {
    base,
    port,
    routes,
    hits,
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
