/**
 * Learning pathways: the model, validation, progress evaluation and Navigatr conversion.
 */
export type * from './types.js';
export {
  checkPathway,
  validatePathway,
  pathwayKey,
  type CheckPathwayOptions,
} from './validate.js';
export { PATHWAY_LIMITS, type PathwayIssue, type PathwayLimits } from './issues.js';
export { compilePathway, type CompiledPathway } from './compile.js';
export { evaluatePathway, evaluateUntrustedPathway, milestoneKey, type EvaluatePathwayOptions } from './evaluate.js';
export {
  recordsFromVerified,
  type VerificationLike,
  type VerifiedCredential,
  type SkippedCredential,
  type RecordsFromVerifiedOptions,
} from './verified-records.js';
export { fromNavigatr, toNavigatr, NAVIGATR_LIMITS, type NavigatrPathway } from './navigatr.js';
