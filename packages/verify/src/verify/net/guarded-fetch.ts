/**
 * Node only: a `fetch` that refuses private, loopback, link-local, CGNAT, unique-local,
 * multicast, unspecified and cloud-metadata addresses **as resolved at connect time**, so a
 * public-looking name that resolves (or is re-bound) to an internal address is stopped where
 * the socket is opened, not where the URL is read. Redirects are not followed here: the
 * verifier's fetcher follows them itself, one checked hop at a time.
 *
 * This module imports `node:*` and undici; the package's browser entry never reaches it.
 */
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { Agent, buildConnector, fetch as undiciFetch } from 'undici';
import { classifyAddress, isIpLiteral } from './address.js';

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** The same error whatever the reason: "refused" must look like "unreachable" to a prober. */
function refusal(host: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ECONNREFUSED ${host}`), { code: 'ECONNREFUSED' });
}

/**
 * A DNS lookup that resolves every address of a name and fails unless all are public.
 *
 * @example
 * ```ts
 * net.connect({ host: 'example.org', port: 443, lookup: guardedLookup });
 * ```
 */
export function guardedLookup(hostname: string, options: LookupOptions, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, []);
    const list = addresses as LookupAddress[];
    // Any internal address among the answers refuses the name: the socket could pick it.
    if (list.length === 0 || list.some((a) => classifyAddress(a.address) !== undefined)) return callback(refusal(hostname), []);
    if (options.all) return callback(null, list);
    const first = list[0]!;
    return callback(null, first.address, first.family);
  });
}

let shared: Agent | undefined;

/**
 * The undici agent whose every connection goes through the guard (IP literals are checked
 * before connecting, names through {@link guardedLookup}).
 *
 * @example
 * ```ts
 * await undici.fetch(url, { dispatcher: guardedAgent() });
 * ```
 */
export function guardedAgent(): Agent {
  if (shared) return shared;
  const connect = buildConnector({ lookup: guardedLookup } as buildConnector.BuildOptions);
  shared = new Agent({
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[|\]$/g, '');
      if (isIpLiteral(host) && classifyAddress(host) !== undefined) {
        callback(refusal(host), null);
        return;
      }
      connect(options, callback);
    },
  });
  return shared;
}

/**
 * A `fetch` for verifying badges strangers hand over: like the global one, but it never
 * connects to an internal address (judged on the resolved address, IPv4-mapped and -compatible
 * IPv6 normalised) and never follows a redirect itself.
 *
 * @example
 * ```ts
 * const report = await verify(url, { fetch: guardedFetch });
 * ```
 */
export const guardedFetch: typeof fetch = ((input: RequestInfo | URL, init?: RequestInit) =>
  undiciFetch(input as Parameters<typeof undiciFetch>[0], {
    ...(init as Parameters<typeof undiciFetch>[1]),
    redirect: 'manual',
    dispatcher: guardedAgent(),
  })) as unknown as typeof fetch;
