/**
 * Learning pathways: the model, validation, progress evaluation and Navigatr conversion.
 */
export type * from './types.js';
export {
  checkPathway,
  validatePathway,
  PATHWAY_LIMITS,
  pathwayKey,
  type PathwayIssue,
  type PathwayLimits,
  type CheckPathwayOptions,
} from './validate.js';
export { evaluatePathway, type EvaluatePathwayOptions } from './evaluate.js';
export { fromNavigatr, toNavigatr, NAVIGATR_LIMITS, type NavigatrPathway } from './navigatr.js';
