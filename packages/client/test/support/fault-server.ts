// Node only: a tiny real HTTP server on 127.0.0.1 that misbehaves on purpose.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface FaultServer {
  url: string;
  /** Every request received, in order. */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  close(): Promise<void>;
}

export async function faultServer(
  handler: (req: IncomingMessage & { body: string }, res: ServerResponse, count: number) => unknown,
): Promise<FaultServer> {
  const requests: FaultServer['requests'] = [];
  const sockets = new Set<Socket>();
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
    await handler(Object.assign(req, { body }), res, requests.length);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Sends a JSON body with a status. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** A port nothing listens on (bound, then released). */
export async function closedPortUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/**
 * Fault servers for one suite, all closed in its `after`: `const serve = faultServers(after);`
 * then `await serve(handler)` as often as the suite needs.
 */
export function faultServers(after: (fn: () => Promise<void>) => void): (handler: Parameters<typeof faultServer>[0]) => Promise<FaultServer> {
  const servers: FaultServer[] = [];
  after(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });
  return async (handler) => {
    const server = await faultServer(handler);
    servers.push(server);
    return server;
  };
}
