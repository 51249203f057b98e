// Helpers for <col-badge-claim> tests: drive the dialog as a learner would, plan faults on the
// proxy in front of the real server (see claim-faults.mjs), and make what a provider's backend
// makes (claim codes with the admin key, claim tickets signed with a registered key).
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import type { ColBadgeClaim } from '@citiesoflearning/components';
import { referenceServer } from './server.js';
import { until } from './page.js';

/** The reference server, reached through the fault proxy on the test page's origin. */
export const faultApi = (): string => new URL('/__col-faults/api/', location.origin).href;

export interface FaultLogEntry {
  method: string;
  path: string;
  idempotencyKey?: string;
  step: string;
  status?: number;
  replayed?: boolean;
  credentialId?: string;
}

/** What the next claims through the proxy meet (then "pass"); clears the log unless `keepLog`. */
export async function planFaults(steps: string[], keepLog = false): Promise<void> {
  const response = await fetch('/__col-faults/plan', { method: 'POST', body: JSON.stringify({ steps, keepLog }) });
  if (response.status !== 204) throw new Error(`planning faults failed: ${response.status}`);
}

/** The claim requests that reached the proxy since the last plan. */
export async function faultLog(): Promise<FaultLogEntry[]> {
  const entries = (await (await fetch('/__col-faults/log')).json()) as FaultLogEntry[];
  return entries.filter((e) => e.path.endsWith('/v1/claims'));
}

export const shadow = (el: Element): ShadowRoot => el.shadowRoot!;
export const dialogOf = (el: ColBadgeClaim): HTMLDialogElement => shadow(el).querySelector('dialog')!;
export const input = (el: ColBadgeClaim, id: string): HTMLInputElement | null => shadow(el).querySelector<HTMLInputElement>(`#${id}`);
export const buttonNamed = (el: ColBadgeClaim, name: string): HTMLButtonElement | undefined =>
  [...shadow(el).querySelectorAll('button')].find((b) => b.textContent?.replace(/\s+/g, ' ').trim() === name);

/** Open the dialog by clicking the button. */
export async function openClaim(el: ColBadgeClaim): Promise<void> {
  shadow(el).querySelector<HTMLButtonElement>('[part~="button"]')!.click();
  await el.updateComplete;
  await until(() => dialogOf(el).open, 'the dialog to open');
}

/** Type into a field as a learner would (value + input event). */
export async function fill(el: ColBadgeClaim, id: string, value: string): Promise<void> {
  const field = input(el, id);
  if (!field) throw new Error(`no #${id} field`);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  await el.updateComplete;
}

/** Press the form's "Claim badge" button. */
export function submit(el: ColBadgeClaim): void {
  shadow(el).querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
}

/** The next `col-claimed` or `col-claim-error` from `el`. */
export function outcome(el: ColBadgeClaim): Promise<{ type: 'col-claimed' | 'col-claim-error'; detail: any }> {
  return new Promise((resolve) => {
    const done = (event: Event) => {
      el.removeEventListener('col-claimed', done);
      el.removeEventListener('col-claim-error', done);
      resolve({ type: event.type as 'col-claimed' | 'col-claim-error', detail: (event as CustomEvent).detail });
    };
    el.addEventListener('col-claimed', done);
    el.addEventListener('col-claim-error', done);
  });
}

/** The dialog's visible text, whitespace collapsed. */
export const dialogText = (el: ColBadgeClaim): string => (dialogOf(el).textContent ?? '').replace(/\s+/g, ' ').trim();

async function admin(path: string, body: unknown): Promise<any> {
  const server = referenceServer();
  // Admin routes are closed to other origins (no CORS), so set-up goes through the same-origin
  // proxy, as a provider's backend would call the API server to server.
  const response = await fetch(new URL(path.slice(1), faultApi()), {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Fresh claim codes for a demo badge (admin key, as a provider's backend would). */
export async function newClaimCode(achievement: string, options: { uses?: number; expiresAt?: string } = {}): Promise<string> {
  const { codes } = await admin(`/api/v1/achievements/${achievement}/claim-codes`, { count: 1, uses: options.uses ?? 1, ...(options.expiresAt ? { expiresAt: options.expiresAt } : {}) });
  return codes[0];
}

let ticketKey: Promise<{ privateKey: CryptoKey; kid: string; audience: string }> | undefined;

/** A P-256 ticket key registered for the demo libraries provider (once per run). */
function registeredTicketKey(issuer = 'brightwater-libraries') {
  ticketKey ??= (async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const jwk = await exportJWK(publicKey);
    const registration = await admin(`/api/v1/issuers/${issuer}/ticket-keys`, { jwk });
    return { privateKey: privateKey as CryptoKey, kid: registration.kid as string, audience: (registration.audience as string) ?? `${referenceServer().url}/api/v1/claims` };
  })();
  return ticketKey;
}

/**
 * A claim ticket as a provider's backend signs it (ES256, registered key): for `email` in
 * clear, or as its SHA-256 (`hashEmail`), valid for `expiresIn` seconds (negative: expired).
 */
export async function signTicket(achievement: string, email: string, options: { hashEmail?: boolean; expiresIn?: number; achievementClaim?: string } = {}): Promise<string> {
  const { privateKey, kid, audience } = await registeredTicketKey();
  const claims: Record<string, unknown> = { achievement: options.achievementClaim ?? achievement };
  if (options.hashEmail) {
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(email.toLowerCase())));
    claims.email_sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
  } else claims.email = email;
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
    .setAudience(audience)
    .setIssuedAt(now - 60)
    .setExpirationTime(now + (options.expiresIn ?? 300))
    .setJti(crypto.randomUUID())
    .sign(privateKey);
}
