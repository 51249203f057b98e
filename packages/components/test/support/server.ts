import { executeServerCommand } from '@web/test-runner-commands';
// The reference server @web/test-runner starts on loopback for this run (see the
// col-reference-server plugin in web-test-runner.config.mjs), and real credentials from it.
export interface ReferenceServer {
  url: string;
  adminKey: string;
  claimCodes: Array<{ achievement: string; code: string }>;
}

/** The server announced to this page; throws when the run did not start one. */
export function referenceServer(): ReferenceServer {
  const server = (globalThis as { __COL_SERVER__?: ReferenceServer | null }).__COL_SERVER__;
  if (!server) throw new Error('no reference server in this run: run the components suites through web-test-runner.config.mjs');
  return server;
}

export interface Award {
  id: string;
  credential: Record<string, unknown>;
  jwt: string;
  links: { json: string; jwt: string; png: string; svg: string; ob2: string };
}

/** Claim a demo badge with its printed claim code: a real, signed OB 3.0 credential. */
export async function claimAward(achievement = 'digital-foundations', email = 'learner@example.org'): Promise<Award> {
  const server = referenceServer();
  const code = server.claimCodes.find((c) => c.achievement === achievement)?.code;
  if (!code) throw new Error(`no demo claim code for ${achievement}`);
  const response = await fetch(new URL('/api/v1/claims', server.url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
    body: JSON.stringify({ achievement, code, recipient: { email } }),
  });
  if (response.status !== 201) throw new Error(`claim failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as Award;
}

/**
 * Revoke an award as the admin (so a test can see "revoked"). Admin routes send no CORS
 * headers, so the test runner's reference-server plugin makes the request from Node.
 */
export async function revokeAward(award: Award, reason = 'Awarded in error'): Promise<void> {
  const path = new URL(`${award.id}/revoke`).pathname;
  const answer = await executeServerCommand<{ status: number; body: string }, { path: string; body: unknown }>('col-admin', { path, body: { reason } });
  if (!answer || answer.status !== 200) throw new Error(`revoke failed: ${answer?.status} ${answer?.body}`);
}
