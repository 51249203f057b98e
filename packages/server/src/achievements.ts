// Achievements as the API creates them: checked input, an uploaded image made safe, a free key;
// and claim codes for them. Used by the achievement routes and the demo seeding.
import { randomInt } from 'node:crypto';
import { isoNow, type ServerContext } from './context.js';
import type { AchievementData, AchievementRow } from './documents.js';
import { HttpError, badRequest } from './errors.js';
import { assertMayActFor, checkKey, field, slugify, type Principal } from './http.js';
import { loadAchievement } from './issue.js';
import { loadIssuer } from './issuers.js';
import { hashClaimCode } from './claim-codes.js';
import { insertClaimCode } from './store/codes.js';
import { achievementExists, insertAchievement } from './store/achievements.js';
import { sanitizeUploadedSvg } from './svg-upload.js';

/** Achievement types OB 3.0 defines (custom ones start `ext:`). */
const ACHIEVEMENT_TYPES = new Set([
  'Achievement', 'ApprenticeshipCertificate', 'Assessment', 'Assignment', 'AssociateDegree', 'Award', 'Badge', 'BachelorDegree',
  'Certificate', 'CertificateOfCompletion', 'Certification', 'CommunityService', 'Competency', 'Course', 'CoCurricular', 'Degree',
  'Diploma', 'DoctoralDegree', 'Fieldwork', 'GeneralEducationDevelopment', 'JourneymanCertificate', 'LearningProgram', 'License',
  'Membership', 'ProfessionalDoctorate', 'QualityAssuranceCredential', 'MasterCertificate', 'MasterDegree', 'MicroCredential',
  'ResearchDoctorate', 'SecondarySchoolDiploma',
]);

const MAX_IMAGE_BYTES = 256 * 1024;

/**
 * Parse a `data:` image URI: a PNG as it is, an SVG only as {@link sanitizeUploadedSvg} leaves
 * it (and refused when it carried anything active).
 */
function parseImage(value: string): { type: string; bytes: Buffer } {
  const match = /^data:(image\/png|image\/svg\+xml)((?:;[\w.+-]+=[\w.+-]+)*)(;base64)?,(.*)$/is.exec(value);
  if (!match) throw badRequest('"image" must be an https:// URL or a data: URI of a PNG or SVG image.');
  const type = match[1]!.toLowerCase();
  let bytes: Buffer;
  if (match[3]) bytes = Buffer.from(match[4]!, 'base64');
  else {
    try {
      bytes = Buffer.from(decodeURIComponent(match[4]!), 'utf8');
    } catch {
      throw badRequest('"image" is a data: URI with broken %-escapes.');
    }
  }
  if (bytes.length > MAX_IMAGE_BYTES) throw badRequest(`"image" is too large (at most ${MAX_IMAGE_BYTES / 1024} KiB).`);
  if (type === 'image/png') {
    if (!bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) throw badRequest('"image" says PNG but is not a PNG file.');
    return { type, bytes };
  }
  const { svg, removed } = sanitizeUploadedSvg(bytes);
  if (removed.active.length > 0) {
    throw new HttpError(400, 'unsafe-image', `"image" SVG contains scripts or event handlers (${[...new Set(removed.active)].slice(0, 5).map((what) => what.slice(0, 40)).join(', ')}); remove them.`);
  }
  return { type, bytes: Buffer.from(svg) };
}

/**
 * Input accepted by `POST /api/v1/achievements` (already authenticated).
 *
 * @example
 * ```ts
 * await createAchievement(ctx, { kind: 'admin' }, { issuer: 'museum', name: 'Fossil Hunter', description: 'd', criteria: 'c' });
 * ```
 */
export async function createAchievement(ctx: ServerContext, who: Principal, body: Record<string, unknown>): Promise<AchievementRow> {
  const issuerKey = who.kind === 'provider' ? (checkKey(body.issuer, 'issuer') ?? who.issuerKey) : checkKey(body.issuer, 'issuer');
  if (!issuerKey) throw badRequest('"issuer" (the key of the issuer awarding this badge) is required.');
  assertMayActFor(who, issuerKey);
  await loadIssuer(ctx.sql, issuerKey);
  const name = field.string(body, 'name', { required: true, max: 200 })!;
  const description = field.string(body, 'description', { required: true, max: 4000 })!;
  let criteria: AchievementData['criteria'];
  if (typeof body.criteria === 'string') criteria = { narrative: body.criteria };
  else if (body.criteria && typeof body.criteria === 'object' && !Array.isArray(body.criteria)) {
    const c = body.criteria as Record<string, unknown>;
    const narrative = field.string(c, 'narrative', { max: 8000 });
    const id = field.url(c, 'id');
    if (!narrative && !id) throw badRequest('"criteria" needs a "narrative" (what the learner did) or an "id" (a page describing it).');
    criteria = { ...(id ? { id } : {}), ...(narrative ? { narrative } : {}) };
  } else throw badRequest('"criteria" is required: a narrative string, or {"narrative", "id"}.');
  const achievementType = field.string(body, 'achievementType', { max: 100 }) ?? 'Badge';
  if (!ACHIEVEMENT_TYPES.has(achievementType) && !/^ext:[A-Za-z0-9]+$/.test(achievementType)) {
    throw badRequest('"achievementType" must be an Open Badges 3.0 type (Badge, Certificate, Competency, …) or start with "ext:".');
  }
  const alignment: AchievementData['alignment'] = [];
  if (body.alignment !== undefined) {
    if (!Array.isArray(body.alignment) || body.alignment.length > 30) throw badRequest('"alignment" must be a list (at most 30).');
    for (const [i, a] of body.alignment.entries()) {
      if (!a || typeof a !== 'object') throw badRequest(`"alignment[${i}]" must be an object.`);
      const item = a as Record<string, unknown>;
      const targetName = field.string(item, 'targetName', { required: true, max: 300 })!;
      const targetUrl = field.url(item, 'targetUrl');
      if (!targetUrl) throw badRequest(`"alignment[${i}].targetUrl" is required.`);
      const targetFramework = field.string(item, 'targetFramework', { max: 300 });
      const targetCode = field.string(item, 'targetCode', { max: 100 });
      const targetDescription = field.string(item, 'targetDescription', { max: 2000 });
      alignment.push({ targetName, targetUrl, ...(targetFramework ? { targetFramework } : {}), ...(targetCode ? { targetCode } : {}), ...(targetDescription ? { targetDescription } : {}) });
    }
  }
  const tag = field.strings(body, 'tag') ?? field.strings(body, 'tags') ?? [];
  let place: AchievementData['place'];
  if (body.place !== undefined) {
    if (!body.place || typeof body.place !== 'object') throw badRequest('"place" must be {"areaCode", "name"}.');
    const p = body.place as Record<string, unknown>;
    const areaCode = field.string(p, 'areaCode', { max: 20 });
    const placeName = field.string(p, 'name', { max: 200 });
    place = { ...(areaCode ? { areaCode } : {}), ...(placeName ? { name: placeName } : {}) };
  }
  const inLanguage = field.string(body, 'inLanguage', { max: 20 });
  const validForDays = field.integer(body, 'validForDays', 1, 36_500);
  const imageCaption = field.string(body, 'imageCaption', { max: 500 });
  let image: { type: string; bytes: Buffer } | undefined;
  let imageUrl: string | undefined;
  if (typeof body.image === 'string' && body.image.startsWith('data:')) image = parseImage(body.image);
  else if (body.image !== undefined) {
    imageUrl = field.url(body, 'image');
    if (imageUrl && !imageUrl.startsWith('https://')) throw badRequest('"image" URLs must be https://.');
  }
  const data: AchievementData = {
    name, description, criteria, achievementType, alignment, tag,
    ...(place ? { place } : {}), ...(inLanguage ? { inLanguage } : {}), ...(imageCaption ? { imageCaption } : {}), ...(imageUrl ? { imageUrl } : {}),
    ...(validForDays ? { validForDays } : {}),
  };
  const chosen = checkKey(body.key, 'key');
  return ctx.sql.transaction(async (tx) => {
    let key = chosen ?? slugify(name);
    if (await achievementExists(tx, key)) {
      if (chosen) throw new HttpError(409, 'already-exists', `An achievement with key "${key}" already exists.`);
      key = `${key}-${randomInt(1e6).toString(36)}`;
    }
    await insertAchievement(tx, { key, issuerKey, data, ...(image ? { image } : {}) }, isoNow(ctx));
    return (await loadAchievement(tx, key)).achievement;
  });
}

const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ'; // no 0/O, 1/I/L: read aloud and typed by children

/**
 * A new human-friendly claim code, e.g. `K7QM-W3RT-9XHP` (≈ 59 bits of entropy).
 *
 * @example
 * ```ts
 * newClaimCode(); // 'K7QM-W3RT-9XHP'
 * ```
 */
export function newClaimCode(): string {
  let s = '';
  for (let i = 0; i < 12; i++) s += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8)}`;
}

/**
 * Create claim codes for an achievement in one transaction.
 *
 * @example
 * ```ts
 * await createClaimCodes(ctx, 'fossil-hunter', { count: 10, uses: 1 });
 * ```
 */
export async function createClaimCodes(ctx: ServerContext, achievementKey: string, opts: { count: number; uses: number; expiresAt?: string }): Promise<string[]> {
  return ctx.sql.transaction(async (tx) => {
    // Made afresh each time the work runs (it may run more than once).
    const codes: string[] = [];
    while (codes.length < opts.count) {
      const code = newClaimCode();
      if (await insertClaimCode(tx, { codeHash: hashClaimCode(code), achievementKey, uses: opts.uses, expiresAt: opts.expiresAt ?? null }, isoNow(ctx))) codes.push(code);
    }
    return codes;
  });
}
