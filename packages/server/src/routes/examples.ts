import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { Hono } from 'hono';
import type { Env } from '../env.js';
import type { ServerContext } from '../context.js';
import { notFound } from '../errors.js';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.md': 'text/markdown; charset=utf-8', '.txt': 'text/plain; charset=utf-8', '.map': 'application/json', '.ico': 'image/x-icon',
  '.csv': 'text/csv; charset=utf-8', '.woff2': 'font/woff2',
};

/**
 * The routes that serve `examplesDir` read-only at `/examples/` (demo mode), and the
 * documentation site built by `npm run docs` (`docs/site` next to it in the repository) at
 * `/docs/`, refusing any path outside either folder. Without `examplesDir` the router is empty.
 *
 * @example
 * ```ts
 * app.route('/', examplesRoutes({ ...ctx, examplesDir: './examples' }));
 * ```
 */
export function examplesRoutes(ctx: ServerContext): Hono<Env> {
  const routes = new Hono<Env>();
  if (!ctx.examplesDir) return routes;
  serveFolder(routes, '/examples', resolve(ctx.examplesDir));
  // The docs are generated, so the folder may appear after the server started: looked up per request.
  serveFolder(routes, '/docs', resolve(ctx.examplesDir, '../docs/site'));
  return routes;
}

/**
 * Read errors that mean "there is no such page here" (answered 404). Anything else (a permission
 * the operator forgot, a symbolic-link loop) is a fault in the deployment: it reaches the error
 * handler as a 500 and the log, instead of hiding as a missing page.
 */
const NO_SUCH_PAGE = new Set(['ENOENT', 'ENOTDIR', 'EISDIR', 'ENAMETOOLONG']);

function serveFolder(app: Hono<Env>, prefix: string, root: string): void {
  app.get(prefix, (c) => c.redirect(`${prefix}/`));
  app.get(`${prefix}/*`, async (c) => {
    let rel: string;
    try {
      rel = decodeURIComponent(c.req.path.slice(prefix.length + 1));
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
    } catch (error) {
      if (NO_SUCH_PAGE.has((error as NodeJS.ErrnoException).code ?? '')) throw notFound('file');
      throw error;
    }
  });
}
