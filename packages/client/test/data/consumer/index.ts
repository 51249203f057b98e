// A Node integrator's code, type-checked by test/published-types.node.test.ts against the BUILT
// declaration files (dist/*.d.ts) with lib ES2022 only (no DOM), @types/node, skipLibCheck false,
// strict and exactOptionalPropertyTypes: what a strict Node project sees after `npm install`.
import { evaluatePathway, evaluateUntrustedPathway, isColError, type EarnedRecord, type Pathway } from '@citiesoflearning/core';
import { createDocumentCache, generateKeyPair, verify, type VerificationReport } from '@citiesoflearning/verify';
import {
  createClaimTicket,
  createClient,
  isApiError,
  type AwardsResult,
  type CredentialEntry,
  type Issuer,
  SERVER_ERROR_CODES,
  type ServerErrorCode,
} from '@citiesoflearning/client';
import { startServer } from '@citiesoflearning/server';
import { main } from '@citiesoflearning/cli';

export async function integratorsDay(baseUrl: string, apiKey: string): Promise<void> {
  const col = createClient({ baseUrl, apiKey });
  const issuer: Issuer = await col.issuers.get('city-library');
  const key: string | undefined = issuer.key;

  const result: AwardsResult = await col.awards.create(
    { achievement: 'code-club-1', recipients: [{ email: 'ada@example.org', externalId: 'e-1', evidence: [{ id: 'https://lms.example/1' }] }] },
    { onProgress: (p) => console.log(p.done, p.total) },
  );
  console.log(result.summary.issued, key);

  for await (const page of col.issuers.list().pages()) console.log(page.issuers.length);
  for await (const page of col.pathways.list().pages()) console.log(page.pathways.map((p) => p.version));
  const pathway = await col.pathways.get('digital-champion');
  await col.pathways.get(pathway.key, { version: pathway.version });

  const cache = createDocumentCache({ ttlMs: 60_000 });
  const entries: CredentialEntry[] = await col.credentials.list({ status: 'revoked', since: new Date() }).toArray();
  const reports: VerificationReport[] = await Promise.all(entries.map((e) => verify(e.credential, { cache })));
  console.log(reports.length);

  try {
    await col.claims.create({ achievement: 'code-club-1', code: 'K7QM-W3RT-9XHP', recipient: { email: 'ada@example.org' } });
  } catch (error) {
    if (isApiError(error) && error.code === 'rate-limited') console.log(error.retryAfter);
    if (isApiError(error) && error.code === 'invalid-response') console.log(error.field);
    if (isApiError(error) && error.idempotencyKey) await col.claims.create({ achievement: 'code-club-1', recipient: { email: 'ada@example.org' } }, { idempotencyKey: error.idempotencyKey });
    const known: ServerErrorCode | undefined = SERVER_ERROR_CODES.find((c) => isApiError(error) && c === error.serverCode);
    console.log(known, isColError(error));
  }

  const { privateJwk } = await generateKeyPair('Ed25519');
  const jwk: JsonWebKey = privateJwk;
  await createClaimTicket({ privateJwk: jwk, kid: 'k', audience: `${baseUrl}/api/v1/claims`, achievement: 'code-club-1', recipient: { email: 'ada@example.org' } });
}

export function progress(pathway: Pathway, records: EarnedRecord[], untrusted: unknown): void {
  evaluatePathway(pathway, records);
  evaluateUntrustedPathway(untrusted, untrusted);
  // @ts-expect-error the typed entry does not take unknown input; evaluateUntrustedPathway does
  evaluatePathway(untrusted, records);
}

export const serve = () => startServer({ port: 0, dataDir: ':memory:', awardsPerMinute: 5_000 });
export const run = (): Promise<number> => main(['award', '--help']);
