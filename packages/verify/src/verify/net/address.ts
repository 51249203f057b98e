/**
 * Which IP addresses a verifier must not contact on a stranger's behalf (SSRF), as a pure
 * function of the address: no DNS, no sockets, so it runs in browsers and tests anywhere.
 * IPv6 forms that carry an IPv4 address (mapped `::ffff:a.b.c.d` / `::ffff:7f00:1`, compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::/96`, 6to4 `2002::/16`) are judged by the IPv4 address inside,
 * because that is where the packets end up.
 */

/**
 * Why an address is refused (`undefined` when it is a public unicast address).
 *
 * @example
 * ```ts
 * const why: RefusedRange | undefined = classifyAddress('100.64.0.1'); // 'cgnat'
 * ```
 */
export type RefusedRange =
  | 'unspecified'
  | 'loopback'
  | 'private'
  | 'link-local'
  | 'metadata'
  | 'cgnat'
  | 'unique-local'
  | 'multicast'
  | 'reserved'
  | 'invalid';

// Cloud metadata services: AWS/GCP/Azure on IPv4, AWS's IPv6 endpoint.
const METADATA_V4 = 0xa9fea9fe; // 169.254.169.254
const METADATA_V6 = 'fd00:ec2:0:0:0:0:0:254';

/**
 * Classify an IP address (IPv4 dotted quad or IPv6, brackets and zone id allowed). Returns why
 * it is refused — loopback, private (RFC 1918), link-local, cloud metadata, CGNAT (100.64/10),
 * unique-local (fc00::/7), multicast, unspecified or reserved ranges — or
 * `undefined` for a public address. Anything that is not an IP address is `'invalid'`.
 *
 * @example
 * ```ts
 * classifyAddress('8.8.8.8');            // undefined (public)
 * classifyAddress('::ffff:7f00:1');      // 'loopback' (IPv4-mapped 127.0.0.1)
 * classifyAddress('169.254.169.254');    // 'metadata'
 * ```
 */
export function classifyAddress(address: string): RefusedRange | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '').toLowerCase();
  const v4 = parseIpv4(bare);
  if (v4 !== undefined) return classifyV4(v4);
  const v6 = parseIpv6(bare);
  if (!v6) return 'invalid';
  return classifyV6(v6);
}

/**
 * Whether a string is an IP address literal (IPv4 dotted quad or IPv6, with or without brackets).
 *
 * @example
 * ```ts
 * isIpLiteral('[::1]'); // true
 * isIpLiteral('example.org'); // false
 * ```
 */
export function isIpLiteral(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  return parseIpv4(bare) !== undefined || parseIpv6(bare) !== undefined;
}

function parseIpv4(s: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

/** Eight 16-bit groups, or undefined when `s` is not an IPv6 address. */
function parseIpv6(s: string): number[] | undefined {
  if (!s.includes(':') || !/^[0-9a-f:.]+$/.test(s)) return undefined;
  let text = s;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d{1,3}(?:\.\d{1,3}){3})$/.exec(text);
  if (dotted) {
    const v4 = parseIpv4(dotted[2]!);
    if (v4 === undefined) return undefined;
    tail.push(v4 >>> 16, v4 & 0xffff);
    text = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if ([...head, ...rest].some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return undefined;
  const known = head.length + rest.length + tail.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  const zeros = new Array<number>(8 - known).fill(0);
  return [...head.map((g) => parseInt(g, 16)), ...zeros, ...rest.map((g) => parseInt(g, 16)), ...tail];
}

function inV4(a: number, base: string, bits: number): boolean {
  const b = parseIpv4(base)!;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return ((a & mask) >>> 0) === ((b & mask) >>> 0);
}

function classifyV4(a: number): RefusedRange | undefined {
  if (a === METADATA_V4) return 'metadata';
  if (inV4(a, '0.0.0.0', 8)) return 'unspecified';
  if (inV4(a, '127.0.0.0', 8)) return 'loopback';
  if (inV4(a, '10.0.0.0', 8) || inV4(a, '172.16.0.0', 12) || inV4(a, '192.168.0.0', 16)) return 'private';
  if (inV4(a, '169.254.0.0', 16)) return 'link-local';
  if (inV4(a, '100.64.0.0', 10)) return 'cgnat';
  if (inV4(a, '224.0.0.0', 4)) return 'multicast';
  if (inV4(a, '240.0.0.0', 4) || inV4(a, '192.0.0.0', 24) || inV4(a, '198.18.0.0', 15)) return 'reserved';
  return undefined;
}

function classifyV6(g: number[]): RefusedRange | undefined {
  const v4At = (i: number) => ((g[i]! << 16) | g[i + 1]!) >>> 0;
  const zeroTo = (n: number) => g.slice(0, n).every((x) => x === 0);
  if (g.map((x) => x.toString(16)).join(':') === METADATA_V6) return 'metadata';
  if (zeroTo(8)) return 'unspecified';
  if (zeroTo(7) && g[7] === 1) return 'loopback';
  // IPv4-mapped ::ffff:0:0/96 and the deprecated IPv4-compatible ::/96: the IPv4 address decides.
  if (zeroTo(5) && g[5] === 0xffff) return classifyV4(v4At(6));
  if (zeroTo(6)) return classifyV4(v4At(6));
  // NAT64 well-known prefix 64:ff9b::/96 and 6to4 2002::/16 route to the embedded IPv4 address.
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return classifyV4(v4At(6));
  if (g[0] === 0x2002) return classifyV4(v4At(1));
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'unique-local';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'private'; // deprecated site-local
  if ((first & 0xff00) === 0xff00) return 'multicast';
  if (first === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return 'reserved'; // discard-only 100::/64
  return undefined;
}
