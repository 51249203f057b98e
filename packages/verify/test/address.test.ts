// How the network guard classifies addresses, as a pure function: no address here is ever
// contacted. Node and Chromium (the browser's spelling check uses the same classifier).
import { describe, it, expect } from '@col/harness';
import { classifyAddress, isIpLiteral, isJsonMediaType } from '@citiesoflearning/verify';

describe('classifyAddress', () => {
  it('refuses every internal IPv4 range, naming why', () => {
    const cases: Array<[string, string]> = [
      ['127.0.0.1', 'loopback'], ['127.255.255.254', 'loopback'], ['10.0.0.1', 'private'], ['172.16.0.1', 'private'],
      ['172.31.255.255', 'private'], ['192.168.1.1', 'private'], ['169.254.1.1', 'link-local'], ['169.254.169.254', 'metadata'],
      ['100.64.0.1', 'cgnat'], ['100.127.255.255', 'cgnat'], ['0.0.0.0', 'unspecified'], ['0.1.2.3', 'unspecified'],
      ['224.0.0.251', 'multicast'], ['239.255.255.250', 'multicast'], ['240.0.0.1', 'reserved'], ['255.255.255.255', 'reserved'],
    ];
    for (const [address, why] of cases) expect(classifyAddress(address), address).to.equal(why);
  });

  it('refuses every internal IPv6 range, and IPv4 inside IPv6 by the IPv4 address', () => {
    const cases: Array<[string, string]> = [
      ['::1', 'loopback'], ['[::1]', 'loopback'], ['0:0:0:0:0:0:0:1', 'loopback'], ['::', 'unspecified'],
      ['fc00::1', 'unique-local'], ['fd12:3456::1', 'unique-local'], ['fd00:ec2::254', 'metadata'], ['fe80::1%eth0', 'link-local'],
      ['ff02::1', 'multicast'],
      // IPv4-mapped, in both spellings (the URL parser writes the hex one), and IPv4-compatible.
      ['::ffff:127.0.0.1', 'loopback'], ['::ffff:7f00:1', 'loopback'], ['[::ffff:7f00:1]', 'loopback'], ['::ffff:a9fe:a9fe', 'metadata'],
      ['::ffff:10.1.2.3', 'private'], ['::ffff:0a01:0203', 'private'], ['::127.0.0.1', 'loopback'], ['::7f00:1', 'loopback'],
      ['::a9fe:a9fe', 'metadata'], ['0:0:0:0:0:ffff:6440:1', 'cgnat'],
      // NAT64 and 6to4 forward to the IPv4 address they carry.
      ['64:ff9b::7f00:1', 'loopback'], ['2002:c0a8:101::1', 'private'],
    ];
    for (const [address, why] of cases) expect(classifyAddress(address), address).to.equal(why);
  });

  it('lets public addresses through', () => {
    for (const address of ['8.8.8.8', '1.1.1.1', '100.128.0.1', '172.32.0.1', '192.169.0.1', '2606:4700::1111', '[2a00:1450:4009:81f::200e]', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
      expect(classifyAddress(address), address).to.equal(undefined);
    }
  });

  it('calls anything that is not an IP address invalid (and so refused)', () => {
    for (const text of ['example.org', '256.1.1.1', '1.2.3', '::ffff:1.2.3.4.5', '1::2::3', '12345::', 'g::1', '']) {
      expect(classifyAddress(text), text).to.equal('invalid');
      expect(isIpLiteral(text), text).to.equal(false);
    }
    expect(isIpLiteral('[::ffff:7f00:1]')).to.equal(true);
  });
});

describe('isJsonMediaType', () => {
  it('accepts the JSON media types keys, profiles, DID documents and lists are served with, and nothing else', () => {
    for (const type of ['application/json', 'application/ld+json', 'application/ld+json; charset=utf-8', 'application/jwk-set+json', 'application/did+json', 'Application/JSON', 'application/vc+ld+json']) {
      expect(isJsonMediaType(type), type).to.equal(true);
    }
    for (const type of [undefined, '', 'image/svg+xml', 'text/plain', 'text/html', 'image/png', 'application/octet-stream', 'text/json', 'application/jsonp', 'application/json-seq']) {
      expect(isJsonMediaType(type), String(type)).to.equal(false);
    }
  });
});
