// Starting one of the server's own modules as a worker thread, built or from source. Built, the
// worker is the .js file beside the module that asks for it. Under tsx (the tests run the .ts
// sources) a worker does not inherit tsx's loader, so it is registered first in the worker.
import { Worker } from 'node:worker_threads';

/**
 * Start `name` (a module file name without its extension, beside `from`) as a worker thread.
 *
 * @param from - `import.meta.url` of the module starting the worker.
 * @param name - The worker module's file name, e.g. `'signing-worker'`.
 *
 * @example
 * ```ts
 * const worker = startModuleWorker(import.meta.url, 'signing-worker');
 * worker.postMessage({ id: 1, job });
 * ```
 */
export function startModuleWorker(from: string, name: string): Worker {
  const fromSource = from.endsWith('.ts');
  const url = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, from);
  if (!fromSource) return new Worker(url);
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url.href)}); })`;
  return new Worker(boot, { eval: true });
}
