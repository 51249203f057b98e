// A signing worker (node:worker_threads): RDFC canonicalization and signatures off the server's
// event loop. It receives one job at a time — the unsigned document, the key and what to
// make — and posts back the signed result. Keys arrive with each job and are not kept: the
// worker holds a private key only while it signs with it, and never logs anything.
import { parentPort } from 'node:worker_threads';
import { lowerThisThreadsPriority } from './thread-priority.js';
import { signCredentialJwt, signDataIntegrity } from '@citiesoflearning/verify';
import type { SigningJob, SigningReply } from './signing-pool.js';

// Signing is throughput work; the event loop answers health checks and reads, which are latency
// work. When a claim burst keeps every core busy, the scheduler must not hand the loop's core to
// a signing worker it has just woken: see thread-priority.ts.
lowerThisThreadsPriority();

async function run(job: SigningJob): Promise<unknown> {
  if (job.kind === 'award') {
    const [credential, jwt] = await Promise.all([
      signDataIntegrity(job.unsigned, { privateJwk: job.privateJwk, verificationMethod: job.verificationMethod, cryptosuite: 'eddsa-rdfc-2022', created: job.created }),
      signCredentialJwt(job.unsigned, { privateJwk: job.privateJwk, kid: job.verificationMethod, alg: 'EdDSA' }),
    ]);
    return { credential, jwt };
  }
  return signDataIntegrity(job.unsigned, { privateJwk: job.privateJwk, verificationMethod: job.verificationMethod, cryptosuite: 'eddsa-rdfc-2022', created: job.created });
}

parentPort!.on('message', async (message: { id: number; job: SigningJob }) => {
  let reply: SigningReply;
  try {
    reply = { id: message.id, ok: true, value: await run(message.job) };
  } catch (error) {
    // Only the code and message cross back (an error's cause could hold the job).
    const e = error as { code?: unknown; message?: unknown };
    reply = { id: message.id, ok: false, code: typeof e.code === 'string' ? e.code : undefined, message: String(e.message ?? error) };
  }
  parentPort!.postMessage(reply);
});
