// A learner's credential mix for the skills suites: three genuine awards from the reference
// server (one then revoked by the admin) and one altered after issue.
import { claimAward, revokeAward, type Award } from './server.js';

export interface Mix {
  foundations: Award;
  safe: Award;
  revoked: Award;
  tampered: Record<string, unknown>;
}

let mix: Mix | undefined;
export async function credentialMix(): Promise<Mix> {
  if (mix) return mix;
  const [foundations, safe, revoked, original] = await Promise.all([
    claimAward('digital-foundations'),
    claimAward('safe-online'),
    claimAward('online-communicator'),
    claimAward('digital-problem-solver'),
  ]);
  await revokeAward(revoked);
  const tampered = structuredClone(original.credential) as { validFrom: string };
  tampered.validFrom = '2020-01-01T00:00:00Z';
  return (mix = { foundations, safe, revoked, tampered });
}

/** The mix as the learner holds it: objects and a compact JWS. */
export const held = (m: Mix): Array<Record<string, unknown> | string> => [m.foundations.credential, m.safe.jwt, m.revoked.credential, m.tampered];
