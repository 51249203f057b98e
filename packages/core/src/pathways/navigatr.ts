import { ColError } from '../errors.js';
import { isRecord, own } from '../internal/guards.js';
import type { BadgeNode, GroupNode, Pathway, PathwayNode } from './types.js';
import { validatePathway } from './validate.js';

/**
 * Navigatr's limits: at most 12 steps, each with at most 10 badges.
 *
 * @example
 * ```ts
 * if (steps.length > NAVIGATR_LIMITS.maxSteps) splitIntoTwoPathways(steps);
 * ```
 */
export const NAVIGATR_LIMITS = Object.freeze({ maxSteps: 12, maxBadgesPerStep: 10 });

/**
 * A pathway as Navigatr (the UK Cities of Learning platform) expresses it: up to 12 steps, each
 * with up to 10 badges; any one badge completes a step; all steps complete the pathway, in any
 * order; an optional completion badge.
 *
 * @example
 * ```ts
 * const navigatr: NavigatrPathway = {
 *   id: 'nav-123', name: 'Get into games',
 *   steps: [
 *     { title: 'Play', badges: ['urn:play-1', 'urn:play-2'] },
 *     { title: 'Make', badges: ['urn:make'] },
 *   ],
 *   completionBadge: 'urn:games-pathway',
 * };
 * ```
 */
export interface NavigatrPathway {
  id?: string;
  name: string;
  description?: string;
  steps: Array<{ title?: string; description?: string; badges: string[] }>;
  completionBadge?: string;
}

const stepId = (s: number) => `step-${s + 1}`;
const badgeId = (s: number, b: number) => `step-${s + 1}-badge-${b + 1}`;

function invalid(message: string): never {
  throw new ColError('navigatr-invalid', `This is not a valid Navigatr pathway: ${message}`);
}

function optionalText(source: Record<string, unknown>, key: string, where: string): string | undefined {
  const value = own(source, key);
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0) invalid(`${where} ${key} must be non-empty text.`);
  return value;
}

/**
 * Convert a Navigatr pathway into a {@link Pathway}: a root group (all steps, any order, the
 * completion badge as its milestone) of step groups (`min: 1`) of badge leaves. Node ids are
 * `root`, `step-N` and `step-N-badge-M`. The version is `options.version` (default `'1'`); the id
 * is the Navigatr id, else `options.id`, else `navigatr:` + the name. `toNavigatr(fromNavigatr(n))`
 * deep-equals `n` whenever `n` has an id. Throws `navigatr-invalid` (wrong shape, no steps, a step
 * without badges, over 12 steps or 10 badges in a step).
 *
 * @example
 * ```ts
 * const pathway = fromNavigatr({ id: 'nav-123', name: 'Get into games', steps: [{ badges: ['urn:play'] }] });
 * evaluatePathway(pathway, records);
 * ```
 */
export function fromNavigatr(navigatr: NavigatrPathway, options: { id?: string; version?: string } = {}): Pathway {
  if (!isRecord(navigatr)) invalid('expected an object.');
  const name = own(navigatr, 'name');
  if (typeof name !== 'string' || name.length === 0) invalid('name must be non-empty text.');
  const id = optionalText(navigatr, 'id', 'its') ?? options.id ?? `navigatr:${name}`;
  const description = optionalText(navigatr, 'description', 'its');
  const completionBadge = optionalText(navigatr, 'completionBadge', 'its');
  const steps = own(navigatr, 'steps');
  if (!Array.isArray(steps) || steps.length === 0) invalid('it needs a list of at least one step.');
  if (steps.length > NAVIGATR_LIMITS.maxSteps) invalid(`it has ${steps.length} steps; Navigatr allows at most ${NAVIGATR_LIMITS.maxSteps}.`);

  const children: PathwayNode[] = steps.map((step: unknown, s): GroupNode => {
    if (!isRecord(step)) invalid(`step ${s + 1} must be an object.`);
    const badges = own(step, 'badges');
    if (!Array.isArray(badges) || badges.length === 0) invalid(`step ${s + 1} needs at least one badge.`);
    if (badges.length > NAVIGATR_LIMITS.maxBadgesPerStep) {
      invalid(`step ${s + 1} has ${badges.length} badges; Navigatr allows at most ${NAVIGATR_LIMITS.maxBadgesPerStep}.`);
    }
    const group: GroupNode = { id: stepId(s), type: 'group', min: 1, children: [] };
    const title = optionalText(step, 'title', `step ${s + 1}`);
    if (title !== undefined) group.title = title;
    const stepDescription = optionalText(step, 'description', `step ${s + 1}`);
    if (stepDescription !== undefined) group.description = stepDescription;
    group.children = badges.map((badge: unknown, b): BadgeNode => {
      if (typeof badge !== 'string' || badge.length === 0) invalid(`step ${s + 1} badge ${b + 1} must be a badge id.`);
      return { id: badgeId(s, b), type: 'badge', badge: { id: badge } };
    });
    return group;
  });
  const root: GroupNode = { id: 'root', type: 'group', order: 'any', children };
  if (completionBadge !== undefined) root.milestoneBadge = completionBadge;
  const pathway: Pathway = { id, version: options.version ?? '1', name, root };
  if (description !== undefined) pathway.description = description;
  return validatePathway(pathway);
}

function notNavigatr(node: string, message: string): never {
  throw new ColError('pathway-not-navigatr', `This pathway cannot be expressed in Navigatr: node ${JSON.stringify(node)} ${message}`);
}

/** Fields that change what completes a node, which Navigatr cannot express. */
function refuseRules(node: PathwayNode, allowMilestone: boolean): void {
  if (node.optional === true) notNavigatr(node.id, 'is optional.');
  if (node.prerequisites?.length) notNavigatr(node.id, 'has prerequisites.');
  if (!allowMilestone && node.milestoneBadge !== undefined) notNavigatr(node.id, 'awards a milestone badge; only the whole pathway can.');
  if (node.type === 'group' && node.minPoints !== undefined) notNavigatr(node.id, 'needs points.');
}

/**
 * Convert a {@link Pathway} into Navigatr's shape. The pathway must be: a root group needing all
 * its children in any order, each child a group needing any one of its badge leaves (a leaf's
 * equivalents become more badges of the step); no optional nodes, prerequisites, points
 * thresholds, evidence, age or pending rules, nested groups or pathways, or milestones below the
 * root (the root's milestone becomes the completion badge). Descriptive extras Navigatr has no
 * place for (the root's and leaves' titles, levels, points, alignments, `precedes` hints, the
 * version and policy) are dropped. Throws `pathway-invalid` for an invalid pathway and `pathway-not-navigatr` naming the
 * node that cannot be expressed, including over 12 steps or 10 badges in a step.
 *
 * @example
 * ```ts
 * const navigatr = toNavigatr(pathway);
 * await fetch(navigatrImportUrl, { method: 'POST', body: JSON.stringify(navigatr) });
 * ```
 */
export function toNavigatr(pathway: Pathway): NavigatrPathway {
  const valid = validatePathway(pathway);
  const root = valid.root;
  if (root.type !== 'group') notNavigatr(root.id, 'is not a group of steps.');
  refuseRules(root, true);
  if (root.order === 'sequential') notNavigatr(root.id, 'needs its steps in order; Navigatr steps can be done in any order.');
  if (root.min !== undefined && root.min !== root.children.length) notNavigatr(root.id, `needs ${root.min} of ${root.children.length} steps; Navigatr needs all.`);
  if (root.children.length === 0) notNavigatr(root.id, 'has no steps.');
  if (root.children.length > NAVIGATR_LIMITS.maxSteps) {
    notNavigatr(root.id, `has ${root.children.length} steps; Navigatr allows at most ${NAVIGATR_LIMITS.maxSteps}.`);
  }
  const steps = root.children.map((step) => {
    if (step.type !== 'group') notNavigatr(step.id, 'is a single item, not a step of badges.');
    refuseRules(step, false);
    const badges: string[] = [];
    for (const leaf of step.children) {
      if (leaf.type !== 'badge') notNavigatr(leaf.id, `is ${leaf.type === 'group' ? 'a nested group' : `a ${leaf.type} item`}; Navigatr steps hold only badges.`);
      refuseRules(leaf, false);
      if (leaf.evidenceRequired || leaf.maxAgeDays !== undefined || leaf.acceptPending) {
        notNavigatr(leaf.id, 'has evidence, age or pending rules.');
      }
      badges.push(leaf.badge.id, ...(leaf.badge.equivalents ?? []));
    }
    const needed = step.min ?? step.children.length;
    if (needed !== 1) notNavigatr(step.id, `needs ${needed} badges; a Navigatr step needs any one.`);
    if (badges.length > NAVIGATR_LIMITS.maxBadgesPerStep) {
      notNavigatr(step.id, `has ${badges.length} badges; Navigatr allows at most ${NAVIGATR_LIMITS.maxBadgesPerStep}.`);
    }
    const out: NavigatrPathway['steps'][number] = { badges };
    if (step.title !== undefined) out.title = step.title;
    if (step.description !== undefined) out.description = step.description;
    return out;
  });
  const out: NavigatrPathway = { id: valid.id, name: valid.name, steps };
  if (valid.description !== undefined) out.description = valid.description;
  if (root.milestoneBadge !== undefined) out.completionBadge = root.milestoneBadge;
  return out;
}
