// The OpenAPI 3.1 document for the whole HTTP API: the single source of truth the typed client
// follows. A test holds every endpoint's real responses against these schemas, so change the
// schema and the route together.
import { SERVER_ERROR_CODES } from './error-codes.js';

/**
 * A JSON Schema (2020-12) object, as the OpenAPI 3.1 document uses.
 *
 * @example
 * ```ts
 * const name: Schema = { type: 'string', minLength: 1 };
 * ```
 */
export type Schema = Record<string, unknown>;
const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const str: Schema = { type: 'string' };
const uri: Schema = { type: 'string', format: 'uri' };
const dateTime: Schema = { type: 'string', format: 'date-time' };
const obj = (properties: Record<string, Schema>, required: string[] = [], extra: Schema = {}): Schema => ({ type: 'object', properties, required, ...extra });
const arr = (items: Schema): Schema => ({ type: 'array', items });

const json = (schema: Schema, description: string, headers?: Record<string, Schema>) => ({
  description,
  content: { 'application/json': { schema } },
  ...(headers ? { headers } : {}),
});
const error = (description: string) => json(ref('Error'), description);
const body = (schema: Schema, required = true) => ({ required, content: { 'application/json': { schema } } });
const keyParam = (name = 'key', description = 'The resource key (last segment of its id URL).') => ({ name, in: 'path', required: true, schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$' }, description });
const query = (name: string, description: string, schema: Schema = str) => ({ name, in: 'query', required: false, schema, description });
const admin = [{ bearerKey: [] }];
const common = { '400': error('Invalid request'), '413': error('Body too large'), '415': error('Body is not JSON') };
const auth = { '401': error('Missing or unknown key'), '403': error('Key may not act on this issuer') };

const schemas: Record<string, Schema> = {
  Error: obj({ code: { type: 'string', enum: Object.keys(SERVER_ERROR_CODES), description: Object.entries(SERVER_ERROR_CODES).map(([code, meaning]) => `\`${code}\`: ${meaning}`).join('\n') }, message: str, field: { type: 'string', description: 'The request field at fault, e.g. `recipient.nmae` or `recipients[3].email`' } }, ['code', 'message'], { additionalProperties: false }),
  Image: obj({ id: uri, type: { const: 'Image' }, caption: str }, ['id', 'type']),
  Alignment: obj({ type: arr(str), targetName: str, targetUrl: uri, targetFramework: str, targetCode: str, targetDescription: str }, ['targetName', 'targetUrl']),
  ShortProfile: obj({ id: uri, type: arr(str), name: str, url: uri, email: str, description: str, image: ref('Image') }, ['id', 'type', 'name']),
  Profile: obj(
    {
      '@context': { type: 'array', items: str, contains: { const: 'https://w3id.org/security/multikey/v1' } }, id: uri, key: str, type: arr(str), name: str, url: uri, email: str, description: str, image: ref('Image'), area: { type: 'string', pattern: '^[A-Z]\\d{8}$', description: 'The area it works in (API view only)' },
      otherIdentifier: arr(obj({ type: str, identifier: str, identifierType: str }, ['identifier'])),
      verificationMethod: arr(obj({ id: uri, type: { const: 'Multikey' }, controller: uri, publicKeyMultibase: { type: 'string', pattern: '^z6Mk' }, publicKeyJwk: { type: 'object' } }, ['id', 'type', 'controller', 'publicKeyMultibase'])),
      assertionMethod: arr(uri),
    },
    ['id', 'type', 'name', 'url', 'verificationMethod', 'assertionMethod'],
  ),
  IssuerInput: obj({ key: str, name: str, url: uri, email: str, description: str, image: uri, area: { type: 'string', pattern: '^[A-Z]\\d{8}$', description: 'The area it works in (ONS-style code), for insight by area' } }, ['name', 'url']),
  ProviderKey: obj({ id: str, issuer: str, key: { type: 'string', description: 'The secret bearer key; shown only once.' } }, ['id', 'issuer', 'key']),
  TicketKeyInput: obj({ jwk: { type: 'object', description: 'PUBLIC Ed25519 (OKP) or P-256 (EC) JWK' }, kid: str }, ['jwk']),
  TicketKey: obj({ kid: str, issuer: str, alg: { enum: ['EdDSA', 'ES256'] }, audience: uri }, ['kid', 'issuer', 'alg', 'audience']),
  Achievement: obj(
    {
      '@context': arr(str), id: uri, key: str, provider: str, type: arr(str), name: str, description: str,
      criteria: obj({ id: uri, narrative: str }), image: ref('Image'), achievementType: str, creator: ref('ShortProfile'),
      alignment: arr(ref('Alignment')), tag: arr(str), inLanguage: str, place: obj({ areaCode: str, name: str }), validForDays: { type: 'integer', minimum: 1 },
    },
    ['id', 'key', 'type', 'name', 'description', 'criteria', 'image', 'achievementType', 'creator'],
  ),
  AchievementInput: obj(
    {
      key: str, issuer: { type: 'string', description: 'Issuer key (implied for a provider key)' }, name: str, description: str,
      criteria: { oneOf: [str, obj({ narrative: str, id: uri })] }, image: { type: 'string', description: 'https:// URL or data: URI (PNG or SVG). SVG must have an <svg> root in the SVG namespace, no DOCTYPE and nothing active (else 400 image-not-svg / unsafe-image / image-invalid); it is stored without external references' },
      imageCaption: str, achievementType: str, alignment: arr(obj({ targetName: str, targetUrl: uri, targetFramework: str, targetCode: str, targetDescription: str }, ['targetName', 'targetUrl'])),
      tag: arr(str), inLanguage: str, place: obj({ areaCode: str, name: str }),
      validForDays: { type: 'integer', minimum: 1, maximum: 36500, description: 'Credentials expire (validUntil) this many days after issue' },
    },
    ['name', 'description', 'criteria'],
  ),
  EmbeddedAchievement: obj(
    { id: uri, type: arr(str), name: str, description: str, criteria: obj({ id: uri, narrative: str }), image: ref('Image'), achievementType: str, creator: ref('ShortProfile'), alignment: arr(ref('Alignment')), tag: arr(str), inLanguage: str },
    ['id', 'type', 'name', 'description', 'criteria'],
  ),
  ClaimCodesInput: obj({ count: { type: 'integer', minimum: 1, maximum: 1000 }, uses: { type: 'integer', minimum: 1 }, expiresAt: dateTime }),
  ClaimCodes: obj({ achievement: uri, codes: arr({ type: 'string', pattern: '^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$' }), uses: { type: 'integer' }, expiresAt: { type: ['string', 'null'] } }, ['achievement', 'codes', 'uses', 'expiresAt']),
  ClaimInput: obj(
    {
      achievement: { type: 'string', description: 'Achievement key or id URL' },
      code: str,
      ticket: { type: 'string', description: 'Compact JWS signed by a registered provider key: {aud, exp (≤ 15 min), jti, achievement, email | email_sha256}' },
      recipient: obj({ email: { type: 'string', format: 'email' }, id: { type: 'string', description: 'A DID, instead of an email' }, name: { type: 'string', maxLength: 200, description: "The learner's name, shown on the badge (in clear, as an IdentityObject of type name). Issuer's key only (403 otherwise)" } }, [], { additionalProperties: false }),
      narrative: { type: 'string', maxLength: 10000, description: "OB 3.0 credentialSubject.narrative. Issuer's key only (403 otherwise): a learner redeeming a code cannot add words the issuer signs" },
      evidence: ref('EvidenceInput'),
    },
    ['achievement', 'recipient'],
    { additionalProperties: false, description: 'Unknown fields are refused with 400 `unknown-field`, naming the field in `field`.' },
  ),
  EvidenceInput: arr(obj({ type: { oneOf: [{ const: 'Evidence' }, arr(str)] }, id: uri, name: str, narrative: str, description: str, genre: str, audience: str }, [], { additionalProperties: false })),
  Evidence: obj({ type: arr(str), id: uri, name: str, narrative: str, description: str, genre: str, audience: str }, ['type']),
  AwardsInput: obj(
    {
      achievement: { type: 'string', description: 'Achievement key or id URL' },
      recipients: {
        type: 'array', minItems: 1, maxItems: 1000,
        items: obj({
          email: { type: 'string', format: 'email' }, name: { type: 'string', maxLength: 200 },
          externalId: { type: 'string', maxLength: 200, description: 'Your id for this award (enrolment, CRM row): makes it idempotent for good, per issuer and achievement' },
          narrative: { type: 'string', maxLength: 10000 }, evidence: ref('EvidenceInput'), validUntil: dateTime,
        }, ['email'], { additionalProperties: false }),
      },
    },
    ['achievement', 'recipients'],
    { additionalProperties: false },
  ),
  AwardRowResult: obj(
    {
      status: { enum: ['issued', 'duplicate', 'invalid', 'failed'], description: '`failed`: the server could not issue this row (nothing was issued for it); send it again' },
      id: uri, externalId: str, credential: ref('OpenBadgeCredential'), links: ref('Links'),
      error: obj({ code: { type: 'string', pattern: '^[a-z0-9-]+$' }, message: str, field: str }, ['code', 'message']),
    },
    ['status'],
  ),
  CredentialSearch: obj(
    {
      achievement: { type: 'string', description: 'Achievement key or id' }, issuer: { type: 'string', description: 'Issuer key or id (a provider key: its own only)' },
      status: { oneOf: [{ enum: ['active', 'revoked', 'suspended', 'expired'] }, arr({ enum: ['active', 'revoked', 'suspended', 'expired'] })] },
      recipient: { type: 'string', format: 'email', description: 'Matched on the server against each credential\'s salted hash; never stored or logged' },
      since: { ...dateTime, description: 'Issued or status changed (revoked, suspended, unsuspended) at or after' },
      cursor: { type: 'string', description: 'The `next` of the previous page' }, limit: { type: 'integer', minimum: 1, maximum: 200 },
    },
    [],
    { additionalProperties: false },
  ),
  CredentialEntry: obj(
    {
      id: uri, achievement: uri, issuer: uri, status: { enum: ['active', 'revoked', 'suspended', 'expired'] }, issuedOn: dateTime,
      updatedAt: { ...dateTime, description: 'Issue or last status change' }, validUntil: dateTime, revokedAt: dateTime, revocationReason: str, suspendedAt: dateTime, suspensionReason: str,
      links: ref('Links'), credential: ref('OpenBadgeCredential'),
    },
    ['id', 'achievement', 'issuer', 'status', 'issuedOn', 'updatedAt', 'links', 'credential'],
  ),
  CredentialPage: obj({ credentials: arr(ref('CredentialEntry')), next: { type: 'string', description: 'Cursor of the next page (absent on the last); a page may be short and still have one' } }, ['credentials']),
  AwardsResult: obj(
    { achievement: uri, summary: obj({ issued: { type: 'integer' }, duplicate: { type: 'integer' }, invalid: { type: 'integer' }, failed: { type: 'integer' } }, ['issued', 'duplicate', 'invalid', 'failed']), results: arr(ref('AwardRowResult')) },
    ['achievement', 'summary', 'results'],
  ),
  Proof: obj({ type: { const: 'DataIntegrityProof' }, cryptosuite: { const: 'eddsa-rdfc-2022' }, created: dateTime, verificationMethod: uri, proofPurpose: { const: 'assertionMethod' }, proofValue: { type: 'string', pattern: '^z' } }, ['type', 'cryptosuite', 'verificationMethod', 'proofPurpose', 'proofValue']),
  StatusEntry: obj({ id: uri, type: { const: 'BitstringStatusListEntry' }, statusPurpose: { enum: ['revocation', 'suspension'] }, statusListIndex: { type: 'string', pattern: '^\\d+$' }, statusListCredential: uri }, ['type', 'statusPurpose', 'statusListIndex', 'statusListCredential']),
  OpenBadgeCredential: obj(
    {
      '@context': arr(str), id: uri, type: arr(str), name: str, issuer: ref('ShortProfile'), validFrom: dateTime, validUntil: dateTime,
      credentialSubject: obj(
        {
          id: str, type: arr(str), achievement: ref('EmbeddedAchievement'),
          identifier: arr({
            anyOf: [
              obj({ type: { const: 'IdentityObject' }, hashed: { const: true }, identityHash: { type: 'string', pattern: '^sha256\\$[0-9a-f]{64}$' }, identityType: str, salt: str }, ['type', 'hashed', 'identityHash', 'identityType']),
              obj({ type: { const: 'IdentityObject' }, hashed: { const: false }, identityHash: { type: 'string', description: "The learner's name in clear" }, identityType: { const: 'name' } }, ['type', 'hashed', 'identityHash', 'identityType']),
            ],
          }),
          narrative: str,
        },
        ['type', 'achievement'],
      ),
      credentialStatus: arr(ref('StatusEntry')),
      evidence: arr(ref('Evidence')),
      proof: ref('Proof'),
    },
    ['@context', 'id', 'type', 'issuer', 'validFrom', 'credentialSubject', 'proof'],
  ),
  Links: obj({ json: uri, jwt: uri, png: uri, svg: uri, ob2: uri }, ['json', 'jwt', 'png', 'svg']),
  Award: obj({ id: uri, credential: ref('OpenBadgeCredential'), jwt: { type: 'string', pattern: '^[\\w-]+\\.[\\w-]+\\.[\\w-]+$' }, links: ref('Links') }, ['id', 'credential', 'jwt', 'links']),
  CredentialStatus: obj({ id: uri, issuedOn: dateTime, revoked: { type: 'boolean' }, revokedAt: dateTime, revocationReason: str, suspended: { type: 'boolean' }, suspendedAt: dateTime, suspensionReason: str }, ['id', 'issuedOn', 'revoked', 'suspended']),
  ReasonInput: obj({ reason: { type: 'string', maxLength: 500 } }),
  StatusListCredential: obj(
    { '@context': arr(str), id: uri, type: arr(str), issuer: { oneOf: [uri, ref('ShortProfile')] }, validFrom: dateTime, credentialSubject: obj({ id: str, type: { const: 'BitstringStatusList' }, statusPurpose: { enum: ['revocation', 'suspension'] }, encodedList: { type: 'string', pattern: '^u' } }, ['type', 'statusPurpose', 'encodedList']), proof: ref('Proof') },
    ['@context', 'id', 'type', 'issuer', 'credentialSubject', 'proof'],
  ),
  Ob2Assertion: obj(
    { '@context': { const: 'https://w3id.org/openbadges/v2' }, id: uri, type: { const: 'Assertion' }, recipient: obj({ type: str, hashed: { type: 'boolean' }, salt: { type: ['string', 'null'] }, identity: { type: ['string', 'null'] } }, ['type', 'hashed', 'identity']), badge: uri, verification: obj({ type: { const: 'hosted' } }, ['type']), issuedOn: dateTime, image: uri, revoked: { type: 'boolean' }, revocationReason: str },
    ['@context', 'id', 'type', 'recipient', 'badge', 'verification', 'issuedOn'],
  ),
  Ob2BadgeClass: obj({ '@context': str, id: uri, type: { const: 'BadgeClass' }, name: str, description: str, image: uri, criteria: obj({ id: uri, narrative: str }), issuer: uri, alignment: arr(ref('Alignment')), tags: arr(str) }, ['@context', 'id', 'type', 'name', 'description', 'image', 'criteria', 'issuer']),
  Ob2Issuer: obj(
    {
      '@context': str, id: uri, type: { const: 'Issuer' }, name: str, url: uri, email: str, description: str, image: uri,
      verification: obj({ type: { const: 'VerificationObject' }, startsWith: arr(uri) }, ['startsWith'], { description: 'Hosted assertions of this issuer live only under these URL prefixes' }),
    },
    ['@context', 'id', 'type', 'name', 'url', 'verification'],
  ),
  PathwayNode: { type: 'object', required: ['id', 'type'], properties: { id: str, type: { enum: ['group', 'badge', 'activity', 'evidence', 'pathway'] }, title: str, children: arr(ref('PathwayNode')), milestoneBadge: str } },
  Pathway: obj(
    { id: uri, key: str, version: str, name: str, description: str, owner: obj({ id: uri, name: str }, ['id']), status: { enum: ['draft', 'published'] }, createdAt: dateTime, publishedAt: dateTime, root: ref('PathwayNode'), policy: { type: 'object' }, alignments: arr({ type: 'object' }), destination: { type: 'object' }, availability: { type: 'object' } },
    ['id', 'key', 'version', 'name', 'status', 'root', 'owner'],
  ),
  PathwayInput: obj({ key: str, issuer: str, name: str, description: str, root: ref('PathwayNode'), policy: { type: 'object' }, destination: { type: 'object' }, availability: { type: 'object' }, alignments: arr({ type: 'object' }) }, ['name', 'root']),
  MilestonesInput: obj(
    {
      recipient: obj({ email: { type: 'string', format: 'email' } }, ['email']),
      credentials: { type: 'array', maxItems: 50, description: 'At most 50 (more is a 400 too-many-credentials)', items: { oneOf: [{ type: 'object' }, { type: 'string' }] } },
      ticket: { type: 'string', description: "Optional claim ticket from the pathway's provider naming the learner (email or email_sha256); like a presented credential that verifies for the email and was issued by this server for a badge the pathway takes, it proves the caller is the learner" },
      version: { type: 'integer', minimum: 1 },
    },
    ['recipient', 'credentials'],
  ),
  NodeProgress: obj({ id: str, type: str, satisfied: { type: 'boolean' }, progress: { type: 'number', minimum: 0, maximum: 1 }, state: str, completedAt: dateTime, locked: { type: 'boolean' }, missing: arr(str), warnings: arr(obj({ code: str, message: str }, ['code', 'message'])) }, ['id', 'type', 'satisfied', 'progress', 'state', 'missing', 'warnings']),
  Milestones: obj(
    {
      pathway: obj({ id: uri, version: str }, ['id', 'version']), asOf: dateTime, satisfied: { type: 'boolean' }, progress: { type: 'number' }, state: str, completedAt: dateTime,
      nodes: { type: 'object', additionalProperties: ref('NodeProgress'), description: 'Per node id, the same shape as evaluatePathway() in @citiesoflearning/core' }, nextSteps: arr(obj({ node: str, type: str, state: str, title: str, achievement: str, opportunity: { type: 'object' } }, ['node', 'type', 'state'])),
      awarded: arr({ allOf: [ref('Award'), obj({ node: str, achievement: uri, new: { type: 'boolean' } }, ['node', 'achievement', 'new'])] }),
      rejected: arr(obj({ index: { type: 'integer' }, code: str, message: str }, ['index', 'code', 'message'])),
    },
    ['pathway', 'asOf', 'satisfied', 'progress', 'state', 'nodes', 'nextSteps', 'awarded', 'rejected'],
  ),
  Opportunity: obj(
    { id: uri, key: str, title: str, description: str, provider: obj({ id: uri, key: str, name: str }, ['id', 'key', 'name']), achievement: uri, skills: arr(str), mode: { enum: ['in-person', 'online', 'blended'] }, areaCode: { type: 'string', pattern: '^[A-Z]\\d{8}$' }, location: obj({ latitude: { type: 'number' }, longitude: { type: 'number' } }, ['latitude', 'longitude']), startsAt: dateTime, endsAt: dateTime, bookingUrl: uri },
    ['id', 'key', 'title', 'provider', 'skills', 'mode'],
  ),
  OpportunityInput: obj({ key: str, provider: str, title: str, description: str, achievement: str, skills: arr(str), mode: { enum: ['in-person', 'online', 'blended'] }, areaCode: str, location: obj({ latitude: { type: 'number' }, longitude: { type: 'number' } }), startsAt: dateTime, endsAt: dateTime, bookingUrl: uri }, ['title']),
  OpportunityPage: obj({ opportunities: arr(ref('Opportunity')), total: { type: 'integer' }, limit: { type: 'integer' }, offset: { type: 'integer' } }, ['opportunities', 'total', 'limit', 'offset']),
  DidDocument: obj({ '@context': arr(str), id: { type: 'string', pattern: '^did:web:' }, verificationMethod: arr(obj({ id: str, type: str, controller: str, publicKeyMultibase: str }, ['id', 'type', 'controller', 'publicKeyMultibase'])), assertionMethod: arr(str), authentication: arr(str) }, ['id', 'verificationMethod', 'assertionMethod']),
  IssuerKey: obj({ id: { type: 'string', description: 'Verification method id: `<issuer DID>#<kid>` (over http: `<Profile URL>#<kid>`)' }, kid: { type: 'string', pattern: '^z6Mk' }, controller: str, publicKeyMultibase: { type: 'string', pattern: '^z6Mk' }, created: dateTime }, ['id', 'kid', 'controller', 'publicKeyMultibase', 'created'], { not: { required: ['privateJwk'] } }),
  Jwks: obj({ keys: arr(obj({ kty: { const: 'OKP' }, crv: { const: 'Ed25519' }, x: str, kid: str, alg: { const: 'EdDSA' }, use: { const: 'sig' } }, ['kty', 'crv', 'x', 'kid'], { not: { required: ['d'] } })) }, ['keys']),
  Ob3CredentialList: obj({ credential: arr(ref('OpenBadgeCredential')), compactJwsString: arr(str) }, ['credential']),
  PriorityAlignment: obj({ targetName: str, targetUrl: uri, targetCode: str, targetFramework: str }, ['targetName'], { additionalProperties: false, description: 'Matches achievement and pathway alignments: by `targetCode` (and framework, and URL when both are given), else by `targetUrl`.' }),
  PriorityTarget: obj({ value: { type: 'integer', minimum: 1 }, measure: { enum: ['credentials', 'pathwayCompletions'] }, by: { type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' } }, ['value', 'measure', 'by'], { additionalProperties: false }),
  Priority: obj(
    { key: str, name: str, description: str, alignments: arr(ref('PriorityAlignment')), area: { type: 'string', pattern: '^[A-Z]\\d{8}$', description: 'An ONS-style area code' }, target: ref('PriorityTarget') },
    ['key', 'name', 'alignments'],
    { additionalProperties: false },
  ),
  PriorityInput: obj(
    { key: str, name: str, description: { type: ['string', 'null'] }, alignments: { ...arr(ref('PriorityAlignment')), minItems: 1, maxItems: 50 }, area: { type: ['string', 'null'], pattern: '^[A-Z]\\d{8}$' }, target: { oneOf: [ref('PriorityTarget'), { type: 'null' }] } },
    [],
    { additionalProperties: false, description: 'POST needs `name` and `alignments`; PATCH replaces the fields sent, and `null` clears `description`, `area` or `target`.' },
  ),
  PriorityList: obj({ priorities: arr(ref('Priority')), next: { type: 'string', description: 'Cursor to the next page (only when paging was asked for and more remain)' } }, ['priorities']),
  InsightCell: { oneOf: [obj({ value: { type: 'integer', minimum: 0 } }, ['value'], { additionalProperties: false }), obj({ value: { type: 'null' }, suppressed: { const: true } }, ['value', 'suppressed'], { additionalProperties: false })], description: 'A count, or a withheld one (from 1 to threshold − 1, or withheld so that another cannot be worked out)' },
  InsightCells: obj(Object.fromEntries(['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'].map((m) => [m, ref('InsightCell')])), ['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'], { additionalProperties: false }),
  Insight: obj(
    {
      by: { enum: ['achievement', 'skill', 'priority', 'provider', 'area', 'month'] }, from: { type: 'string', pattern: '^\\d{4}-\\d{2}$' }, to: { type: 'string', pattern: '^\\d{4}-\\d{2}$' },
      scope: { enum: ['public', 'provider', 'place'] }, threshold: { type: 'integer', minimum: 10 }, measures: arr({ enum: ['issued', 'claimed', 'revoked', 'pathwayStarts', 'pathwayCompletions', 'opportunities'] }),
      rows: arr(obj({ key: str, label: str, cells: ref('InsightCells'), target: obj({ value: { type: 'integer' }, measure: { enum: ['credentials', 'pathwayCompletions'] }, by: str, progress: ref('InsightCell') }, ['value', 'measure', 'by', 'progress'], { additionalProperties: false }) }, ['key', 'label', 'cells'], { additionalProperties: false })),
      totals: ref('InsightCells'),
    },
    ['by', 'from', 'to', 'scope', 'threshold', 'measures', 'rows', 'totals'],
    { additionalProperties: false },
  ),
  SkillsSummary: obj(
    {
      '@context': { type: 'array', items: str, prefixItems: [{ const: 'https://www.w3.org/ns/credentials/v2' }] },
      type: { type: 'array', items: str, description: 'Includes VerifiablePresentation and ColSkillsSummary' },
      verifiableCredential: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'object', required: ['@context', 'type'], description: 'An OB 3.0 credential or OB 2.0 assertion as JSON, or {"@context", "type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,<compact JWS>"}' } },
    },
    ['@context', 'type', 'verifiableCredential'],
    { additionalProperties: false, description: "An unsigned W3C Verifiable Presentation of a learner's credentials (`skills.json`)" },
  ),
  ShareCreated: obj({ id: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' }, url: uri, expiresAt: dateTime, deleteToken: str }, ['id', 'url', 'expiresAt', 'deleteToken'], { additionalProperties: false }),
  ImsxStatusInfo: obj({ imsx_codeMajor: { enum: ['failure', 'processing', 'success', 'unsupported'] }, imsx_severity: { enum: ['error', 'status', 'warning'] }, imsx_description: str, imsx_codeMinor: { type: 'object' } }, ['imsx_codeMajor', 'imsx_severity']),
};

const paging = {
  'X-Total-Count': { description: 'Total number of items', schema: { type: 'integer' } },
  Link: { description: 'first, last, next, prev page links (RFC 8288)', schema: str },
};

/** limit/offset as every paged route validates them (one helper, `readPaging`): out of range is a 400. */
const pagingParams = [
  query('limit', 'Page size: a whole number from 1 to 100 (default 20)', { type: 'integer', minimum: 1, maximum: 100 }),
  query('offset', 'Items to skip: a whole number from 0', { type: 'integer', minimum: 0, maximum: 1_000_000_000 }),
];

/** limit/cursor of the lists that page only when asked (`readListPaging`): without either, the whole list. */
const listPagingParams = [
  query('limit', 'Page size: a whole number from 1 to 100 (default 20 once paging is asked for); without limit and cursor, the whole list', { type: 'integer', minimum: 1, maximum: 100 }),
  query('cursor', 'The `next` of the previous page'),
];
const nextCursor = { type: 'string', description: 'Cursor to the next page (only when paging was asked for and more remain)' };

/** The path table: every route the server answers. */
function paths(): Record<string, Record<string, unknown>> {
  const cred = keyParam('key', 'Credential key (last segment of the credential id).');
  return {
    '/': { get: { operationId: 'getIndex', summary: 'Links to everything', tags: ['meta'], responses: { '200': json(obj({ name: str, openapi: uri, ob3Discovery: uri, did: str, jwks: uri, issuers: uri, achievements: uri, pathways: uri, opportunities: uri, examples: uri }, ['name', 'openapi', 'ob3Discovery', 'did', 'jwks']), 'Index') } } },
    '/api/v1/openapi.json': { get: { operationId: 'getOpenApi', summary: 'This document', tags: ['meta'], responses: { '200': json({ type: 'object', required: ['openapi', 'paths'] }, 'OpenAPI 3.1 document') } } },
    '/api/v1/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Health for load balancers: 200 when up; on PostgreSQL, 503 (database-unavailable, with Retry-After) when this instance cannot reach its database',
        tags: ['meta'],
        responses: { '200': json(obj({ status: { const: 'ok' } }, ['status']), 'Up, database answering'), '503': json(ref('Error'), 'The database cannot be reached: take this instance out of rotation for now', { 'Retry-After': { description: 'Seconds to wait', schema: { type: 'integer' } } }) },
      },
    },
    '/.well-known/did.json': { get: { operationId: 'getDidDocument', summary: "The server's did:web document", tags: ['keys'], responses: { '200': { description: 'DID document', content: { 'application/did+json': { schema: ref('DidDocument') } } } } } },
    '/.well-known/jwks.json': { get: { operationId: 'getJwks', summary: "The server's public signing keys", tags: ['keys'], responses: { '200': { description: 'JWKS', content: { 'application/jwk-set+json': { schema: ref('Jwks') } } } } } },
    '/api/v1/issuers': {
      get: { operationId: 'listIssuers', summary: 'All issuers, by name', tags: ['issuers'], parameters: listPagingParams, responses: { '200': json(obj({ issuers: arr(ref('Profile')), next: nextCursor }, ['issuers']), 'Issuers'), '400': error('limit or cursor out of range (invalid-paging)') } },
      post: { operationId: 'createIssuer', summary: 'Create an issuer (admin)', tags: ['issuers'], security: admin, requestBody: body(ref('IssuerInput')), responses: { '201': json(ref('Profile'), 'Created'), '409': error('Key taken'), ...auth, ...common } },
    },
    '/api/v1/issuers/{key}': { get: { operationId: 'getIssuer', summary: 'OB 3.0 issuer Profile, also a controller document for the keys it lists (`Accept: application/ld+json`: the pure JSON-LD document, without the API-only `key`)', tags: ['issuers'], parameters: [keyParam()], responses: { '200': { description: 'Profile', content: { 'application/json': { schema: ref('Profile') }, 'application/ld+json': { schema: ref('Profile') } } }, '404': error('No such issuer') } },
      patch: { operationId: 'updateIssuer', summary: "Set an issuer's area (admin)", tags: ['issuers'], security: admin, parameters: [keyParam()], requestBody: body(obj({ area: { type: ['string', 'null'], pattern: '^[A-Z]\\d{8}$' } }, [], { additionalProperties: false })), responses: { '200': json(ref('Profile'), 'Profile'), '404': error('No such issuer'), ...auth, ...common } },
    },
    '/api/v1/issuers/{key}/ob2': { get: { operationId: 'getIssuerOb2', summary: 'OB 2.0 Issuer', tags: ['issuers'], parameters: [keyParam()], responses: { '200': json(ref('Ob2Issuer'), 'Issuer'), '404': error('No such issuer') } } },
    '/api/v1/issuers/{key}/status/{purpose}': {
      get: {
        operationId: 'getStatusList', summary: 'Signed BitstringStatusListCredential', tags: ['credentials'],
        parameters: [keyParam(), { name: 'purpose', in: 'path', required: true, schema: { enum: ['revocation', 'suspension'] } }],
        responses: { '200': json(ref('StatusListCredential'), 'Status list'), '404': error('No such list') },
      },
    },
    '/api/v1/issuers/{key}/did/status/{purpose}': {
      get: {
        operationId: 'getDidStatusList', summary: "Signed BitstringStatusListCredential whose issuer is the issuer's did:web (what credentials issued over https point to)", tags: ['credentials'],
        parameters: [keyParam(), { name: 'purpose', in: 'path', required: true, schema: { enum: ['revocation', 'suspension'] } }],
        responses: { '200': json(ref('StatusListCredential'), 'Status list'), '404': error('No such list') },
      },
    },
    '/api/v1/issuers/{key}/did.json': { get: { operationId: 'getIssuerDidDocument', summary: "The issuer's did:web DID document (`did:web:<host>:api:v1:issuers:<key>`): its published keys", tags: ['keys'], parameters: [keyParam()], responses: { '200': { description: 'DID document', content: { 'application/did+json': { schema: ref('DidDocument') } } }, '404': error('No such issuer') } } },
    '/api/v1/issuers/{key}/keys': { post: { operationId: 'rotateIssuerKey', summary: "Rotate the issuer's signing key (admin): a new Ed25519 key joins its DID document and signs new credentials; older keys stay listed until removed", tags: ['keys'], security: admin, parameters: [keyParam()], responses: { '201': json(ref('IssuerKey'), 'Key added'), '404': error('No such issuer'), ...auth } } },
    '/api/v1/issuers/{key}/keys/{kid}': { delete: { operationId: 'removeIssuerKey', summary: 'Stop publishing an older key (admin): credentials it signed stop verifying. The current key cannot be removed.', tags: ['keys'], security: admin, parameters: [keyParam(), { name: 'kid', in: 'path', required: true, schema: { type: 'string', pattern: '^z6Mk[1-9A-HJ-NP-Za-km-z]+$' }, description: 'The key id (its publicKeyMultibase)' }], responses: { '200': json(obj({ keys: arr(ref('IssuerKey')) }, ['keys']), 'Keys still published'), '404': error('No such issuer or key'), '409': error('The current signing key'), ...auth } } },
    '/api/v1/issuers/{key}/api-keys': { post: { operationId: 'createProviderKey', summary: 'Mint a provider API key scoped to this issuer (admin)', tags: ['issuers'], security: admin, parameters: [keyParam()], requestBody: body(obj({ label: str }), false), responses: { '201': json(ref('ProviderKey'), 'Created'), '404': error('No such issuer'), ...auth, ...common } } },
    '/api/v1/issuers/{key}/ticket-keys': { post: { operationId: 'registerTicketKey', summary: "Register a provider backend's public key for signing claim tickets", tags: ['issuers'], security: admin, parameters: [keyParam()], requestBody: body(ref('TicketKeyInput')), responses: { '201': json(ref('TicketKey'), 'Registered'), '404': error('No such issuer'), '409': error('kid taken'), ...auth, ...common } } },
    '/api/v1/achievements': {
      get: { operationId: 'listAchievements', summary: 'All achievements, optionally filtered', tags: ['achievements'], parameters: [query('issuer', 'Only this issuer key'), query('skill', "An alignment's targetName or targetCode (case-insensitive)"), query('tag', 'One of the tags (case-insensitive)'), query('q', 'Text in the name or description (case-insensitive)'), ...listPagingParams], responses: { '200': json(obj({ achievements: arr(ref('Achievement')), next: nextCursor }, ['achievements']), 'Achievements'), '400': error('limit or cursor out of range (invalid-paging)') } },
      post: { operationId: 'createAchievement', summary: 'Create an achievement (admin or the issuer\'s provider key)', tags: ['achievements'], security: admin, requestBody: body(ref('AchievementInput')), responses: { '201': json(ref('Achievement'), 'Created'), '404': error('No such issuer'), '409': error('Key taken'), ...auth, ...common } },
    },
    '/api/v1/achievements/{key}': { get: { operationId: 'getAchievement', summary: 'OB 3.0 Achievement', tags: ['achievements'], parameters: [keyParam()], responses: { '200': json(ref('Achievement'), 'Achievement'), '404': error('No such achievement') } } },
    '/api/v1/achievements/{key}/ob2': { get: { operationId: 'getAchievementOb2', summary: 'OB 2.0 BadgeClass', tags: ['achievements'], parameters: [keyParam()], responses: { '200': json(ref('Ob2BadgeClass'), 'BadgeClass'), '404': error('No such achievement') } } },
    '/api/v1/achievements/{key}/image': { get: { operationId: 'getAchievementImage', summary: 'Badge image', tags: ['achievements'], parameters: [keyParam()], responses: { '200': { description: 'Image', content: { 'image/svg+xml': { schema: str }, 'image/png': { schema: { type: 'string', contentEncoding: 'binary' } } } }, '404': error('No such achievement') } } },
    '/api/v1/achievements/{key}/claim-codes': { post: { operationId: 'createClaimCodes', summary: 'Create claim codes', tags: ['achievements'], security: admin, parameters: [keyParam()], requestBody: body(ref('ClaimCodesInput')), responses: { '201': json(ref('ClaimCodes'), 'Created'), '404': error('No such achievement'), ...auth, ...common } } },
    '/api/v1/claims': {
      post: {
        operationId: 'claim', summary: 'Redeem a claim code or ticket for a signed credential', tags: ['claims'],
        description: 'Public (CORS open), rate-limited per client address. With an Idempotency-Key header the same key and body always return the same 201 and never issue twice. With neither code nor ticket, a bearer admin key or the issuer\'s provider key awards directly (integrations).',
        security: [{}, { bearerKey: [] }],
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
        requestBody: body(ref('ClaimInput')),
        responses: {
          '201': json(ref('Award'), 'Issued'), '401': error('Ticket invalid'), '403': error("Ticket for another badge, learner or provider; or narrative, evidence or recipient.name without the issuer's key"), '404': error('No such achievement or code'),
          '409': error('Code used up or expired, ticket used or expired, or same Idempotency-Key in flight'), '422': error('Idempotency-Key reused with a different body'), '429': error('Rate limited'), ...common,
        },
      },
    },
    '/api/v1/awards': {
      post: {
        operationId: 'createAwards', summary: 'Bulk awards for LMS and CRM syncs (admin or the issuer\'s provider key)', tags: ['claims'],
        description: 'Up to 1,000 rows, each checked and issued on its own; the answer lists one result per row, in order. A row\'s externalId makes it idempotent for good (per issuer and achievement): sending it again reports `duplicate` with the original credential. Rows count against the key\'s own award limit (awardsPerMinute, default 10,000), not the per-address claim limit. With an Idempotency-Key header the same key and body return the first answer for 24 hours.',
        security: admin,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
        requestBody: body(ref('AwardsInput')),
        responses: {
          '200': json(ref('AwardsResult'), 'One result per row'), '404': error('No such achievement'), '409': error('Same Idempotency-Key in flight'),
          '422': error('Idempotency-Key reused with a different body'), '429': error('The key\'s award limit for this minute is used up'), ...auth, ...common,
        },
      },
    },
    '/api/v1/credentials/search': {
      post: {
        operationId: 'searchCredentials', summary: 'Issued credentials with their status, oldest change first (admin or provider key)', tags: ['credentials'],
        description: 'A POST so that the recipient email never appears in a URL. `since` includes status changes, so an incremental sync sees revocations.',
        security: admin, requestBody: body(ref('CredentialSearch'), false),
        responses: { '200': json(ref('CredentialPage'), 'A page'), ...auth, ...common },
      },
    },
    '/api/v1/credentials/{key}': {
      get: {
        operationId: 'getCredential', summary: 'The credential (OB 3.0 JSON with proof; Accept: application/vc+jwt for the JWT)', tags: ['credentials'], parameters: [cred],
        responses: { '200': { description: 'Credential', content: { 'application/vc+ld+json': { schema: ref('OpenBadgeCredential') }, 'application/vc+jwt': { schema: str } } }, '404': error('No such credential') },
      },
    },
    '/api/v1/credentials/{key}/jwt': { get: { operationId: 'getCredentialJwt', summary: 'The same award as a VC-JWT', tags: ['credentials'], parameters: [cred], responses: { '200': { description: 'VC-JWT', content: { 'application/vc+jwt': { schema: str } } }, '404': error('No such credential') } } },
    '/api/v1/credentials/{key}/png': { get: { operationId: 'getCredentialPng', summary: 'Baked PNG (OB 3.0 iTXt openbadgecredential)', tags: ['credentials'], parameters: [cred], responses: { '200': { description: 'PNG', content: { 'image/png': { schema: { type: 'string', contentEncoding: 'binary' } } } }, '404': error('No such credential') } } },
    '/api/v1/credentials/{key}/svg': { get: { operationId: 'getCredentialSvg', summary: 'Baked SVG (<openbadges:credential>)', tags: ['credentials'], parameters: [cred], responses: { '200': { description: 'SVG', content: { 'image/svg+xml': { schema: str } } }, '404': error('No such credential') } } },
    '/api/v1/credentials/{key}/ob2': { get: { operationId: 'getCredentialOb2', summary: 'OB 2.0 hosted assertion view (410 when revoked)', tags: ['credentials'], parameters: [cred], responses: { '200': json(ref('Ob2Assertion'), 'Assertion'), '410': json(ref('Ob2Assertion'), 'Revoked assertion'), '404': error('No such credential') } } },
    '/api/v1/credentials/{key}/status': { get: { operationId: 'getCredentialStatus', summary: 'Revocation and suspension status', tags: ['credentials'], parameters: [cred], responses: { '200': json(ref('CredentialStatus'), 'Status'), '404': error('No such credential') } } },
    '/api/v1/credentials/{key}/links': { get: { operationId: 'getCredentialLinks', summary: 'Links to every form of the credential', tags: ['credentials'], parameters: [cred], responses: { '200': json(obj({ id: uri, links: ref('Links') }, ['id', 'links']), 'Links'), '404': error('No such credential') } } },
    '/api/v1/credentials/{key}/revoke': { post: { operationId: 'revokeCredential', summary: 'Revoke (permanent); re-signs the revocation list', tags: ['credentials'], security: admin, parameters: [cred], requestBody: body(obj({ reason: str }, ['reason'])), responses: { '200': json(ref('CredentialStatus'), 'Revoked'), '404': error('No such credential'), '409': error('Already revoked'), ...auth, ...common } } },
    '/api/v1/credentials/{key}/suspend': { post: { operationId: 'suspendCredential', summary: 'Suspend; re-signs the suspension list', tags: ['credentials'], security: admin, parameters: [cred], requestBody: body(obj({ reason: str }, ['reason'])), responses: { '200': json(ref('CredentialStatus'), 'Suspended'), '404': error('No such credential'), '409': error('Revoked'), ...auth, ...common } } },
    '/api/v1/credentials/{key}/unsuspend': { post: { operationId: 'unsuspendCredential', summary: 'Lift a suspension', tags: ['credentials'], security: admin, parameters: [cred], requestBody: body(ref('ReasonInput'), false), responses: { '200': json(ref('CredentialStatus'), 'Unsuspended'), '404': error('No such credential'), '409': error('Not suspended'), ...auth, ...common } } },
    '/api/v1/pathways': {
      get: { operationId: 'listPathways', summary: 'Published pathways (latest versions), by key', tags: ['pathways'], parameters: listPagingParams, responses: { '200': json(obj({ pathways: arr(ref('Pathway')), next: nextCursor }, ['pathways']), 'Pathways'), '400': error('limit or cursor out of range (invalid-paging)') } },
      post: { operationId: 'createPathway', summary: 'Create a pathway (version 1, draft)', tags: ['pathways'], security: admin, requestBody: body(ref('PathwayInput')), responses: { '201': json(ref('Pathway'), 'Created'), '409': error('Key taken'), ...auth, ...common } },
    },
    '/api/v1/pathways/{key}': { get: { operationId: 'getPathway', summary: 'Latest published version (or ?version=n); drafts only with the owner\'s key', tags: ['pathways'], parameters: [keyParam(), query('version', 'Version number', { type: 'integer', minimum: 1 })], responses: { '200': json(ref('Pathway'), 'Pathway'), '404': error('No such published pathway') } } },
    '/api/v1/pathways/{key}/versions': { post: { operationId: 'createPathwayVersion', summary: 'Store a new draft version', tags: ['pathways'], security: admin, parameters: [keyParam()], requestBody: body(ref('PathwayInput')), responses: { '201': json(ref('Pathway'), 'Created'), '404': error('No such pathway'), ...auth, ...common } } },
    '/api/v1/pathways/{key}/publish': { post: { operationId: 'publishPathway', summary: 'Publish a version (default: latest)', tags: ['pathways'], security: admin, parameters: [keyParam()], requestBody: body(obj({ version: { type: 'integer', minimum: 1 } }), false), responses: { '200': json(ref('Pathway'), 'Published'), '404': error('No such pathway'), ...auth, ...common } } },
    '/api/v1/pathways/{key}/milestones': {
      post: {
        operationId: 'claimMilestones', summary: 'Present credentials; get progress and every milestone badge earned (idempotent, no account)', tags: ['pathways'],
        description: 'Milestones already held count, and are returned, only when the caller proves they are the learner: a presented credential that verifies for the email and was issued by this server for a badge the pathway takes, or the pathway\'s provider\'s claim ticket naming them. Otherwise the answer is the one an unknown email gets (other credentials still count towards progress and earn milestones not yet held). Foreign credentials that cannot be confirmed with their issuer, for whatever reason, are all rejected as credential-unverifiable.',
        parameters: [keyParam()], requestBody: body(ref('MilestonesInput')),
        responses: {
          '200': json(ref('Milestones'), 'Progress and awards'), '401': error('Ticket invalid'), '403': error('Ticket for another learner or from another provider'), '404': error('No such published pathway'),
          '409': error('Ticket expired'), '429': error('Rate limited'), ...common,
        },
      },
    },
    '/api/v1/opportunities': {
      get: {
        operationId: 'searchOpportunities', summary: 'Search opportunities', tags: ['opportunities'],
        parameters: [
          query('q', 'Text in title, description or skills'), query('skill', 'Exact skill tag'), query('area', 'ONS area code'), query('mode', 'Mode', { enum: ['in-person', 'online', 'blended'] }),
          query('from', 'Overlapping from this date', dateTime), query('to', 'Overlapping up to this date', dateTime), query('provider', 'Issuer key'), query('achievement', 'Achievement key or id'),
          ...pagingParams,
        ],
        responses: { '200': json(ref('OpportunityPage'), 'Results', { 'X-Total-Count': paging['X-Total-Count'] }), '400': error('Bad filter, or limit/offset out of range (invalid-paging)') },
      },
      post: { operationId: 'createOpportunity', summary: 'Create an opportunity', tags: ['opportunities'], security: admin, requestBody: body(ref('OpportunityInput')), responses: { '201': json(ref('Opportunity'), 'Created'), ...auth, ...common } },
    },
    '/api/v1/opportunities/{key}': { get: { operationId: 'getOpportunity', summary: 'One opportunity', tags: ['opportunities'], parameters: [keyParam()], responses: { '200': json(ref('Opportunity'), 'Opportunity'), '404': error('No such opportunity') } } },
    '/api/v1/priorities': {
      get: { operationId: 'listPriorities', summary: "The place's learning priorities, by name", tags: ['priorities'], parameters: listPagingParams, responses: { '200': json(ref('PriorityList'), 'Priorities'), '400': error('limit or cursor out of range (invalid-paging)') } },
      post: { operationId: 'createPriority', summary: 'Create a priority (admin)', tags: ['priorities'], security: admin, requestBody: body(ref('PriorityInput')), responses: { '201': json(ref('Priority'), 'Created', { Location: { description: 'The new priority', schema: uri } }), '409': error('Key taken'), ...auth, ...common } },
    },
    '/api/v1/priorities/{key}': {
      get: { operationId: 'getPriority', summary: 'One priority', tags: ['priorities'], parameters: [keyParam()], responses: { '200': json(ref('Priority'), 'Priority'), '404': error('No such priority') } },
      patch: { operationId: 'updatePriority', summary: 'Change a priority (admin)', tags: ['priorities'], security: admin, parameters: [keyParam()], requestBody: body(ref('PriorityInput')), responses: { '200': json(ref('Priority'), 'Updated'), '404': error('No such priority'), ...auth, ...common } },
      delete: { operationId: 'deletePriority', summary: 'Delete a priority (admin)', tags: ['priorities'], security: admin, parameters: [keyParam()], responses: { '204': { description: 'Deleted' }, '404': error('No such priority'), ...auth } },
    },
    '/api/v1/insight': {
      get: {
        operationId: 'getInsight', summary: 'Aggregate counts, small numbers withheld (admin: the place; provider key: its own figures; anyone: when the place publishes insight)', tags: ['insight'],
        parameters: [
          query('by', 'Breakdown (default achievement)', { enum: ['achievement', 'skill', 'priority', 'provider', 'area', 'month'] }), query('from', 'First month, YYYY-MM (default: 11 months before `to`)', { type: 'string', pattern: '^\\d{4}-\\d{2}$' }),
          query('to', 'Last month, YYYY-MM (default: this month)', { type: 'string', pattern: '^\\d{4}-\\d{2}$' }), query('issuer', 'Only this issuer'), query('area', 'Only this area (ONS code)'), query('priority', 'Only what counts towards this priority'),
          query('threshold', "Withhold counts below this (at least the server's, default 10)", { type: 'integer', minimum: 10 }), query('format', 'json (default) or csv; or send Accept: text/csv', { enum: ['json', 'csv'] }),
        ],
        responses: {
          '200': { description: 'The table', content: { 'application/json': { schema: ref('Insight') }, 'text/csv': { schema: { type: 'string', description: 'RFC 4180; a withheld count is an empty field, named in the last column, `suppressed`' } } } },
          '400': error('Bad parameter (see `field`)'), '401': error('The place does not publish insight, or an unknown key'), '403': error('A provider key asked for another issuer'), '404': error('No such priority (the `priority` filter)'),
        },
      },
    },
    '/api/v1/shares': {
      post: { operationId: 'createShare', summary: 'Share a skills summary as a link for 30 days (anyone; rate-limited; ≤ 256 KB, ≤ 50 credentials)', tags: ['shares'], requestBody: body(ref('SkillsSummary')), responses: { '201': json(ref('ShareCreated'), 'Stored', { Location: { description: 'The link', schema: uri } }), '429': error('Rate limited'), ...common } },
    },
    '/api/v1/shares/{id}': {
      get: { operationId: 'getShare', summary: 'A shared skills summary', tags: ['shares'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': json(ref('SkillsSummary'), 'The summary'), '404': error('No such summary, or expired') } },
      delete: { operationId: 'deleteShare', summary: 'Remove a shared summary (Authorization: Bearer <deleteToken>)', tags: ['shares'], parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '204': { description: 'Removed' }, '401': error('No delete token'), '404': error('No such summary, or a wrong token') } },
    },
    '/ims/ob/v3p0/discovery': { get: { operationId: 'ob3Discovery', summary: 'OB 3.0 API service description', tags: ['ob3'], responses: { '200': json({ type: 'object', required: ['openapi', 'info', 'paths', 'components'] }, 'Service description') } } },
    '/ims/ob/v3p0/credentials': {
      get: {
        operationId: 'ob3GetCredentials', summary: 'Issued credentials in the OB 3.0 list shape (bearer admin or provider key)', tags: ['ob3'], security: admin,
        parameters: [...pagingParams, query('since', 'Issued at or after', dateTime)],
        responses: { '200': json(ref('Ob3CredentialList'), 'Page', paging), '400': json(ref('ImsxStatusInfo'), 'limit/offset out of range, or bad since'), '401': json(ref('ImsxStatusInfo'), 'Unauthorized') },
      },
    },
    '/ims/ob/v3p0/profile': { get: { operationId: 'ob3GetProfile', summary: "The provider key's issuer Profile", tags: ['ob3'], security: admin, responses: { '200': json(ref('Profile'), 'Profile'), '401': json(ref('ImsxStatusInfo'), 'Unauthorized'), '404': json(ref('ImsxStatusInfo'), 'Admin has no profile') } } },
  };
}

/**
 * The OpenAPI 3.1 document for the server at `baseUrl` (served at `/api/v1/openapi.json`).
 *
 * @example
 * ```ts
 * const doc = openApiDocument('http://127.0.0.1:8080');
 * Object.keys(doc.paths).includes('/api/v1/claims'); // true
 * ```
 */
export function openApiDocument(baseUrl = 'http://127.0.0.1:8080'): Record<string, unknown> & { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> } } {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cities of Learning badge & pathway API',
      version: '1.0.0',
      description: 'Issue, claim, verify and revoke Open Badges 3.0 credentials; pathways with milestone badges; learning opportunities. Errors are JSON {code, message}.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
    servers: [{ url: baseUrl }],
    paths: paths(),
    components: {
      schemas,
      securitySchemes: { bearerKey: { type: 'http', scheme: 'bearer', description: 'The admin key (COL_ADMIN_KEY) or a provider key from POST /api/v1/issuers/{key}/api-keys' } },
    },
  };
}
