import type { RunContext } from './context.js';
import { makeCheck } from './report.js';
import { checkDataIntegrity } from './checks/data-integrity.js';
import { ob3AfterProof, ob3Preamble, type FormatResult } from './ob3-common.js';

/**
 * Verify an OB 3.0 credential secured with Data Integrity proof(s): schema → proof → key →
 * validity → status → recipient → trust.
 *
 * @example
 * ```ts
 * const { checks, badge } = await verifyOb3DataIntegrity(credential, ctx);
 * ```
 */
export async function verifyOb3DataIntegrity(credential: Record<string, unknown>, ctx: RunContext): Promise<FormatResult> {
  const checks = [makeCheck('parse', 'passed', 'parsed', { what: { ref: 'what.ob3-data-integrity' } })];
  const start = ob3Preamble(credential, checks);
  if (start.done) return start.done;
  const { badge, issuerId } = start;
  const { proof, key } = await checkDataIntegrity(credential, issuerId, ctx);
  checks.push(proof, key);
  checks.push(...(await ob3AfterProof(credential, ctx, proof)));
  return { checks, badge };
}
