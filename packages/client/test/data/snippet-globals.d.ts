// What the README and docs code blocks take as given (a learner's email, a client made earlier,
// a credential in hand …), declared once so each block type-checks as written. Used only by
// test/doc-snippets.node.test.ts.
declare const input: string | Uint8Array | object;
declare const pngOrSvgBytes: Uint8Array;
declare const bytes: Uint8Array;
declare const credential: import('@citiesoflearning/core').OpenBadgeCredential;
declare const other: string;
declare const badge: import('@citiesoflearning/core').Badge;
declare const json: unknown;
declare const records: import('@citiesoflearning/core').EarnedRecord[];
declare const opaqueId: string;
declare function askForTheFileAgain(): void;
declare const email: string;
declare const baseUrl: string;
declare const apiKey: string;
declare const token: string;
declare const signal: AbortSignal;
declare const col: import('@citiesoflearning/client').Client;
declare const admin: import('@citiesoflearning/client').Client;
declare const provider: import('@citiesoflearning/client').Client;
declare const publicJwk: JsonWebKey;
declare const privateJwk: JsonWebKey;
declare const learner: { email: string };
declare const award: import('@citiesoflearning/client').Award;
declare const otherAward: import('@citiesoflearning/client').Award;
declare const accessToken: string;
declare const claim: import('@citiesoflearning/client').ClaimInput;
declare function show(message: string): void;
declare function retryIn(seconds: number): void;
declare const presented: Array<string | object>;
declare const pathway: import('@citiesoflearning/core').Pathway;
declare const credentialFromClaim: import('@citiesoflearning/core').OpenBadgeCredential;
declare const jwtFromTheirWallet: string;
declare function markCandidateChecked(badgeName: string | undefined): void;
