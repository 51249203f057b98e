// Runtime checks for the badge & pathway API's responses: only the fields a caller relies on.
// `test/openapi-drift.test.ts` holds each of these against the server's OpenAPI document.
import { array, boolean, either, integer, matching, nullable, number, object, oneOf, record, string, unknown, url } from '../validate/schema.js';

const compactJws = matching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/, 'a compact JWS (three base64url parts)');

export const image = object({ id: url() }, { type: string(), caption: string() });

/** The issuer embedded in achievements and credentials. */
export const shortProfile = object(
  { id: url(), name: string() },
  { type: unknown(), url: url(), email: string(), description: string(), image: image },
);

export const issuer = object(
  { id: url(), name: string() },
  { type: unknown(), url: url(), email: string(), description: string(), image: image, key: string(), area: string() },
);

export const alignment = object({ targetName: string(), targetUrl: url() }, {
  targetFramework: string(), targetCode: string(), targetDescription: string(),
});

export const achievement = object(
  { id: url(), key: string(), name: string() },
  {
    type: unknown(), description: string(), criteria: object({}, { narrative: string(), id: url() }),
    image, achievementType: string(), creator: shortProfile, alignment: array(alignment), tag: array(string()),
    inLanguage: string(), provider: string(), validForDays: integer(), place: object({}, { areaCode: string(), name: string() }),
  },
);

/** The signed credential: enough to know it is one, the verifier checks the rest. */
export const credential = object(
  { '@context': unknown(), id: string(), type: either(string(), array(string())), issuer: either(string(), object({ id: string() })), credentialSubject: unknown(), proof: unknown() },
  { name: string(), validFrom: string(), validUntil: string(), credentialStatus: unknown() },
);

export const awardLinks = object({ json: url(), jwt: url(), png: url(), svg: url() }, { ob2: url() });

export const award = object({ id: url(), credential, jwt: compactJws, links: awardLinks });

export const claimCodes = object({ codes: array(string()) }, { expiresAt: nullable(string()), uses: integer() });

export const jwtText = compactJws;

const credentialState = oneOf('active', 'revoked', 'suspended', 'expired');
export const credentialEntry = object(
  { id: url(), achievement: url(), issuer: url(), status: credentialState, issuedOn: string(), updatedAt: string(), links: awardLinks, credential },
  { validUntil: string(), revokedAt: string(), revocationReason: string(), suspendedAt: string(), suspensionReason: string() },
);
export const credentialPage = object({ credentials: array(credentialEntry) }, { next: string() });

export const awardRowResult = object(
  { status: oneOf('issued', 'duplicate', 'invalid', 'failed') },
  { id: url(), externalId: string(), credential, links: awardLinks, error: object({ code: string(), message: string() }, { field: string() }) },
);
const count = integer();
export const awardsResult = object({
  achievement: url(),
  summary: object({ issued: count, duplicate: count, invalid: count, failed: count }),
  results: array(awardRowResult),
});



export const credentialStatus = object(
  { id: url(), issuedOn: string(), revoked: boolean(), suspended: boolean() },
  { revokedAt: string(), revocationReason: string(), suspendedAt: string(), suspensionReason: string() },
);

export const opportunity = object(
  { id: url(), key: string(), title: string(), provider: object({ id: url(), key: string(), name: string() }), skills: array(string()), mode: oneOf('in-person', 'online', 'blended') },
  {
    description: string(), achievement: url(), areaCode: string(),
    location: object({ latitude: number(), longitude: number() }), startsAt: string(), endsAt: string(), bookingUrl: url(),
  },
);

export const opportunityPage = object({ opportunities: array(opportunity) }, { total: integer(), limit: integer(), offset: integer() });
export const achievementList = object({ achievements: array(achievement) });
export const issuerList = object({ issuers: array(issuer) });
export const apiKey = object({ id: string(), issuer: string(), key: string() });
export const issuerKey = object({ id: string(), kid: string(), controller: string(), publicKeyMultibase: string(), created: string() });
export const issuerKeyList = object({ keys: array(issuerKey) });
export const ticketKey = object({ kid: string(), issuer: string(), alg: string(), audience: url() });

export const pathwayVersion = object(
  { id: url(), key: string(), version: string(), name: string(), status: oneOf('draft', 'published'), root: object({ id: string(), type: string() }) },
  { createdAt: string(), publishedAt: string(), description: string(), owner: object({ id: string() }, { name: string() }) },
);
export const pathwayList = object({ pathways: array(pathwayVersion) });

export const milestoneResult = object({
  pathway: object({ id: string(), version: string() }),
  asOf: string(),
  satisfied: boolean(),
  progress: number(),
  state: string(),
  nodes: record(object({ id: string(), satisfied: boolean(), progress: number(), state: string() })),
  nextSteps: array(object({ node: string() })),
  awarded: array(object({ id: url(), credential, jwt: compactJws, links: awardLinks, node: string(), achievement: string(), new: boolean() })),
  rejected: array(object({ index: integer(), code: string(), message: string() })),
}, { completedAt: string() });
