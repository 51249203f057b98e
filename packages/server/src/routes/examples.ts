import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import type { Hono } from 'hono';
import type { Env } from '../env.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json', '.ico': 'image/x-icon',
};

/**
 * Serve `examplesDir` read-only at `/examples/` (demo mode), refusing any path outside it.
 *
 * @example
 * ```ts
 * registerExamples(app, { ...ctx, examplesDir: './examples' });
 * ```
 */
export function registerExamples(app: Hono<Env>, ctx: ServerContext): void {
  if (!ctx.examplesDir) return;
  const root = resolve(ctx.examplesDir);
  app.get('/examples', (c) => c.redirect('/examples/'));
  app.get('/examples/*', async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice('/examples/'.length));
    } catch {
      throw notFound('file');
    }
    if (rel.includes('\0')) throw notFound('file');
    let file = resolve(join(root, rel));
    if (file !== root && !file.startsWith(root + sep)) throw notFound('file');
    try {
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      return c.body(new Uint8Array(body), 200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-cache' });
    } catch {
      throw notFound('file');
    }
  });
}
