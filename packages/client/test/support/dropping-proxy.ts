// Node only: a reverse proxy on 127.0.0.1 in front of a real server that, for chosen requests,
// lets the upstream finish its work and then drops the connection instead of replying — the
// "response lost on the way back" failure that makes naive retries issue twice.
import { createServer, request as httpRequest, type IncomingMessage } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface DroppingProxy {
  url: string;
  /** What the upstream answered to each forwarded request (status and body), in order. */
  upstream: Array<{ method: string; path: string; status: number; body: string; dropped: boolean; idempotencyKey?: string }>;
  close(): Promise<void>;
}

/**
 * `shouldDrop` answers per request: false (pass the reply on), true (drop the connection at once),
 * or `{ holdMs }` (say nothing for that long, then drop: what a client with a shorter timeout sees
 * as a timeout).
 */
export async function droppingProxy(target: string, shouldDrop: (req: IncomingMessage, index: number) => boolean | { holdMs: number }): Promise<DroppingProxy> {
  const upstream: DroppingProxy['upstream'] = [];
  const sockets = new Set<Socket>();
  const base = new URL(target);
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const index = upstream.length;
    const entry = { method: req.method ?? '', path: req.url ?? '', status: 0, body: '', dropped: false, ...(req.headers['idempotency-key'] ? { idempotencyKey: String(req.headers['idempotency-key']) } : {}) };
    upstream.push(entry);
    const headers = { ...req.headers, host: base.host };
    const forwarded = httpRequest({ host: base.hostname, port: base.port, method: req.method, path: req.url, headers }, async (answer) => {
      const parts: Buffer[] = [];
      for await (const part of answer) parts.push(part as Buffer);
      entry.status = answer.statusCode ?? 0;
      entry.body = Buffer.concat(parts).toString('utf8');
      const drop = shouldDrop(req, index);
      if (drop) {
        // The server has done the work and answered; the client never hears it.
        entry.dropped = true;
        if (typeof drop === 'object') await new Promise((resolve) => setTimeout(resolve, drop.holdMs));
        req.socket.destroy();
        return;
      }
      res.writeHead(entry.status, answer.headers);
      res.end(Buffer.concat(parts));
    });
    forwarded.on('error', () => req.socket.destroy());
    forwarded.end(Buffer.concat(chunks));
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    upstream,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
