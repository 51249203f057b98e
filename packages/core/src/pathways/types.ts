/**
 * The learning-pathway model (one tree whose root is the destination) and the shape of a
 * progress evaluation. Open Badges 3.0 has no pathway object, so this model is ours; it covers
 * what Navigatr, Badgr, CTDL and Badgecraft express. The model and its rules in full:
 * https://github.com/citiesoflearning/sdk/blob/main/docs/pathways.md
 */

/**
 * A skills-framework alignment, in the Open Badges 3.0 `Alignment` shape.
 *
 * @example
 * ```ts
 * const skill: PathwayAlignment = {
 *   targetName: 'Communicating',
 *   targetUrl: 'https://example.org/eds/communicating',
 *   targetFramework: 'Essential Digital Skills',
 *   targetType: 'Skill',
 * };
 * ```
 */
export interface PathwayAlignment {
  targetName: string;
  targetUrl: string;
  targetDescription?: string;
  targetFramework?: string;
  targetCode?: string;
  targetType?: string;
}

/**
 * How a pathway treats time.
 * - `expiry: 'validNow'` (default): a badge that has expired at `asOf` does not count.
 *   `'validWhenCompleted'`: a badge that was valid when it was earned keeps counting after it expires.
 * - `enforcePrerequisiteOrder` (default `false`): when `true`, a completion earned before a
 *   node's prerequisites were complete does not count; when `false`, prerequisites only lock the
 *   node for display.
 *
 * @example
 * ```ts
 * const policy: PathwayPolicy = { expiry: 'validWhenCompleted', enforcePrerequisiteOrder: true };
 * ```
 */
export interface PathwayPolicy {
  expiry?: 'validNow' | 'validWhenCompleted';
  enforcePrerequisiteOrder?: boolean;
}

/**
 * Fields every node has, whatever its kind.
 *
 * @example
 * ```ts
 * const common: PathwayNodeBase = {
 *   id: 'first-aid',
 *   title: 'First aid',
 *   prerequisites: ['safety-intro'],
 *   points: 10,
 *   level: 'Participate',
 *   milestoneBadge: 'https://example.org/achievements/first-aider',
 * };
 * ```
 */
export interface PathwayNodeBase {
  /** Unique within the pathway. */
  id: string;
  title?: string;
  description?: string;
  /** An optional child does not count towards its group's `min`. */
  optional?: boolean;
  /** Ids of nodes that must be complete first (hard: locks the node; see {@link PathwayPolicy}). */
  prerequisites?: string[];
  /** Ids of nodes this one should come before (a hint that orders next steps). */
  precedes?: string[];
  /** Credit towards a parent group's `minPoints`. */
  points?: number;
  /** A progression level, e.g. the RSA Badge Standard's Engage / Participate / Demonstrate / Lead. */
  level?: string;
  /** Achievement id awarded (by the server) when this node is satisfied. */
  milestoneBadge?: string;
  alignments?: PathwayAlignment[];
}

/**
 * A leaf satisfied by holding a badge (or one of its equivalents).
 *
 * @example
 * ```ts
 * const leaf: BadgeNode = {
 *   type: 'badge', id: 'coding',
 *   badge: { id: 'https://example.org/achievements/coding', equivalents: ['urn:uuid:old-coding'] },
 *   maxAgeDays: 365,
 * };
 * ```
 */
export interface BadgeNode extends PathwayNodeBase {
  type: 'badge';
  badge: { id: string; equivalents?: string[] };
  /** Only records carrying evidence count. */
  evidenceRequired?: boolean;
  /** Only records issued at most this many days before `asOf` count (exactly at the limit counts). */
  maxAgeDays?: number;
  /** Pending (issued but not yet claimed) records count too. */
  acceptPending?: boolean;
}

/**
 * A leaf satisfied by the activity's badge, or by an attendance record whose `achievement` is the
 * activity id.
 *
 * @example
 * ```ts
 * const leaf: ActivityNode = {
 *   type: 'activity', id: 'workshop',
 *   activity: { id: 'https://example.org/events/42', badge: 'https://example.org/achievements/attended-42' },
 * };
 * ```
 */
export interface ActivityNode extends PathwayNodeBase {
  type: 'activity';
  activity: { id: string; badge?: string };
}

/**
 * A leaf satisfied by submitted evidence: a record whose `achievement` is this node's id and that
 * carries `evidence`. With `review: 'peer' | 'organiser'` the record must also be `reviewed: true`.
 *
 * @example
 * ```ts
 * const leaf: EvidenceNode = { type: 'evidence', id: 'reflection', prompt: 'What did you learn?', review: 'peer' };
 * ```
 */
export interface EvidenceNode extends PathwayNodeBase {
  type: 'evidence';
  prompt: string;
  review: 'self' | 'peer' | 'organiser';
}

/**
 * A leaf satisfied by completing another pathway, pinned to a version.
 *
 * @example
 * ```ts
 * const leaf: PathwayRefNode = { type: 'pathway', id: 'basics', pathway: { id: 'digital-basics', version: '2' } };
 * ```
 */
export interface PathwayRefNode extends PathwayNodeBase {
  type: 'pathway';
  pathway: { id: string; version: string };
}

/**
 * N of M children. `min` counts non-optional children and defaults to all of them (`1` means
 * "any one"); `minPoints` also requires the satisfied children's `points` to add up. A
 * `sequential` group requires all its non-optional children, completed in order. An empty group
 * (no non-optional children and no `min`) is satisfied; {@link checkPathway} warns about it.
 *
 * @example
 * ```ts
 * const group: GroupNode = {
 *   type: 'group', id: 'electives', min: 2,
 *   children: [
 *     { type: 'badge', id: 'a', badge: { id: 'urn:a' } },
 *     { type: 'badge', id: 'b', badge: { id: 'urn:b' } },
 *     { type: 'badge', id: 'c', badge: { id: 'urn:c' } },
 *     { type: 'badge', id: 'extra', badge: { id: 'urn:x' }, optional: true },
 *   ],
 * };
 * ```
 */
export interface GroupNode extends PathwayNodeBase {
  type: 'group';
  children: PathwayNode[];
  min?: number;
  minPoints?: number;
  order?: 'any' | 'sequential';
}

/**
 * Any node of a pathway tree (discriminated by `type`).
 *
 * @example
 * ```ts
 * function label(node: PathwayNode): string {
 *   return node.type === 'group' ? `${node.children.length} parts` : node.title ?? node.id;
 * }
 * ```
 */
export type PathwayNode = BadgeNode | ActivityNode | EvidenceNode | PathwayRefNode | GroupNode;

/**
 * The kinds of node.
 *
 * @example
 * ```ts
 * const kinds: PathwayNodeType[] = ['badge', 'activity', 'evidence', 'pathway', 'group'];
 * ```
 */
export type PathwayNodeType = PathwayNode['type'];

/**
 * A learning pathway. Progress records cite `id` + `version`.
 *
 * @example
 * ```ts
 * const pathway: Pathway = {
 *   id: 'https://example.org/pathways/digital', version: '1', name: 'Digital skills',
 *   root: { type: 'group', id: 'root', min: 1, children: [
 *     { type: 'badge', id: 'a', badge: { id: 'urn:a' } },
 *     { type: 'badge', id: 'b', badge: { id: 'urn:b' } },
 *   ] },
 * };
 * ```
 */
export interface Pathway {
  id: string;
  version: string;
  name: string;
  description?: string;
  owner?: { id: string; name?: string };
  /** What the pathway leads to (a job, a course, a qualification). */
  destination?: { title: string; description?: string; url?: string };
  /** Where and when it runs. Places are coded areas (e.g. ONS local authority codes). */
  availability?: { places?: string[]; startsAt?: string; endsAt?: string };
  alignments?: PathwayAlignment[];
  policy?: PathwayPolicy;
  root: PathwayNode;
}

/**
 * Known pathways for nested `pathway` nodes: a map (or plain object) keyed by `id@version`, or a
 * function resolving an id and version.
 *
 * @example
 * ```ts
 * const library: PathwayLibrary = new Map([['digital-basics@2', basics]]);
 * const viaFunction: PathwayLibrary = (id, version) => store.get(`${id}@${version}`);
 * ```
 */
export type PathwayLibrary =
  | ReadonlyMap<string, Pathway>
  | Readonly<Record<string, Pathway>>
  | ((id: string, version: string) => Pathway | undefined);

/**
 * One thing a learner earned, normalized from any source (OB 2.0 assertion, OB 3.0 credential,
 * provider record, attendance). Dates are ISO 8601.
 *
 * @example
 * ```ts
 * const record: EarnedRecord = {
 *   achievement: 'https://example.org/achievements/coding',
 *   issuedOn: '2026-03-01T10:00:00Z',
 *   validUntil: '2027-03-01T10:00:00Z',
 *   status: 'claimed',
 * };
 * ```
 */
export interface EarnedRecord {
  /** Achievement (badge class) id, activity id for attendance, or evidence node id. */
  achievement: string;
  issuedOn: string;
  validUntil?: string;
  status: 'claimed' | 'pending' | 'revoked';
  evidence?: unknown;
  /** For evidence reviewed by a peer or an organiser: whether that review passed. */
  reviewed?: boolean;
}

/**
 * How a node stands for a learner.
 *
 * @example
 * ```ts
 * const waiting: NodeState[] = ['awaiting-claim', 'awaiting-review'];
 * ```
 */
export type NodeState =
  | 'complete'
  | 'in-progress'
  | 'not-started'
  | 'locked'
  | 'expired'
  | 'awaiting-claim'
  | 'awaiting-review';

/**
 * Something the learner (or a page) should know about a node; `code` is stable for programs.
 *
 * @example
 * ```ts
 * const warning: ProgressWarning = { code: 'evidence-missing', message: 'This badge needs evidence.' };
 * ```
 */
export interface ProgressWarning {
  code: string;
  message: string;
}

/**
 * The evaluation of one node.
 *
 * An empty `missing` or `warnings` list is one shared, frozen array (most of a large pathway's
 * nodes have neither, and a fresh pair per node was a large share of the evaluation's cost): read
 * the lists freely, but copy one before changing it (`[...node.missing, extra]`).
 *
 * @example
 * ```ts
 * const node: NodeProgress = {
 *   id: 'electives', type: 'group', satisfied: false, progress: 0.5, state: 'in-progress',
 *   missing: ['b', 'c'], warnings: [],
 * };
 * ```
 */
export interface NodeProgress {
  id: string;
  type: PathwayNodeType;
  satisfied: boolean;
  /** 0..1; exactly 1 when satisfied. */
  progress: number;
  state: NodeState;
  /** When the node was first satisfied (ISO 8601), when known. */
  completedAt?: string;
  /** Present and `true` when prerequisites (or earlier steps of a sequential group) are unmet. */
  locked?: boolean;
  /**
   * What is still needed: for a group, the ids of its unsatisfied non-optional children; for a
   * badge or activity leaf, the achievement id to earn; for an evidence leaf, its own id.
   */
  missing: string[];
  /** What the learner should know about this node's result (e.g. a pending badge was counted). */
  warnings: ProgressWarning[];
}

/**
 * An award the server should make: `badge` for satisfying `node`. `idempotencyKey` is
 * `learner|pathway@version|node` (with `%`, `|` and `@` inside each part percent-encoded) so
 * repeating an evaluation never awards twice.
 *
 * @example
 * ```ts
 * for (const award of progress.awarded) await issue(award.achievement, { idempotencyKey: award.idempotencyKey });
 * ```
 */
export interface MilestoneAward {
  /** The pathway node satisfied (as in the server's milestone results). */
  node: string;
  /** Id of the milestone badge (achievement) to issue (as in the server's milestone results). */
  achievement: string;
  /** @deprecated The same as `achievement`; kept for callers written before it. */
  badge: string;
  idempotencyKey: string;
}

/**
 * A leaf the learner could do next.
 *
 * @example
 * ```ts
 * const step: NextStep = {
 *   node: 'coding', type: 'badge', state: 'not-started', achievement: 'urn:coding',
 *   opportunity: { badge: 'urn:coding', startsAt: '2026-05-01T09:00:00Z' },
 * };
 * ```
 */
export interface NextStep {
  node: string;
  type: PathwayNodeType;
  title?: string;
  state: NodeState;
  /** The achievement whose record would satisfy the leaf (badge, activity badge, or activity id). */
  achievement?: string;
  /** For a nested pathway leaf. */
  pathway?: { id: string; version: string };
  /** The soonest upcoming opportunity (at or after `asOf`) that awards the badge. */
  opportunity?: { badge: string; startsAt: string };
}

/**
 * The evaluation of a whole pathway for one learner at one instant.
 *
 * @example
 * ```ts
 * const p = evaluatePathway(pathway, records, { learner: 'l-42' });
 * console.log(`${Math.round(p.progress * 100)}% done`, p.nextSteps.map((s) => s.node));
 * ```
 */
export interface PathwayProgress {
  pathway: { id: string; version: string };
  /** The instant evaluated (ISO 8601). */
  asOf: string;
  satisfied: boolean;
  progress: number;
  state: NodeState;
  completedAt?: string;
  /**
   * Per node id. A null-prototype object, so any id (even `__proto__`) is an ordinary key.
   * Made when first read (then the same object on every read), so a caller that needs only the
   * overall figures, awards or next steps of a large pathway does not pay for it; it reads,
   * serializes, spreads and clones like any enumerable property, and can be assigned.
   */
  nodes: Record<string, NodeProgress>;
  /**
   * Milestone badges earned and not yet held, to issue with their idempotency keys — the same
   * name, and the same `node` and `achievement`, as the server's milestone results (which list
   * them once issued).
   */
  awarded: MilestoneAward[];
  /** @deprecated The same array as `awarded`. */
  awards: MilestoneAward[];
  nextSteps: NextStep[];
  /** About the input records (e.g. how many were ignored as malformed); never personal data. */
  warnings: ProgressWarning[];
}
