// A throwaway TLS identity for 127.0.0.1, made with the system's openssl at test time: a
// self-signed certificate (it is its own CA) that child processes trust through
// NODE_EXTRA_CA_CERTS and the test process through an explicit `ca`.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ThrowawayTls {
  certFile: string;
  keyFile: string;
  cert: string;
  key: string;
}

/** Make a P-256 certificate for IP 127.0.0.1 valid for a day, in `dir`. */
export function makeThrowawayTls(dir: string): ThrowawayTls {
  const certFile = join(dir, 'cert.pem');
  const keyFile = join(dir, 'key.pem');
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyFile, '-out', certFile, '-days', '1', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1', '-addext', 'basicConstraints=critical,CA:TRUE',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return { certFile, keyFile, cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}
