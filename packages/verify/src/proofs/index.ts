export { signDataIntegrity, addDataIntegrityProof, verifyDataIntegrityProof } from './data-integrity.js';
export type { SignDataIntegrityOptions } from './data-integrity.js';
export type { DataIntegrityProof, ProofCheck, Cryptosuite, ContextOptions } from './types.js';
