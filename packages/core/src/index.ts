/**
 * `@citiesoflearning/core` — the badge data layer: Open Badges 2.0/3.0 and pathway types,
 * detection and normalization of any badge input, baking, recipient hashing and pathway
 * evaluation. No dependencies, no DOM, no network.
 *
 * @packageDocumentation
 */
export * from './errors.js';
export * from './types/index.js';
export * from './json.js';
export * from './detect.js';
export * from './jws.js';
export * from './normalize.js';
export * from './recipient.js';
export * from './api-contract.js';
export * from './baking/index.js';
export * from './pathways/index.js';

// The Web Crypto JSON Web Key shape, declared exactly as TypeScript's DOM library does, so that
// this SDK's published types (which use `JsonWebKey` for keys) compile in a Node project with
// `lib: ["ES2022"]`, no DOM and `skipLibCheck: false`. Identical declarations merge with the DOM
// library's when a project does include it.
declare global {
  interface JsonWebKey {
    alg?: string;
    crv?: string;
    d?: string;
    dp?: string;
    dq?: string;
    e?: string;
    ext?: boolean;
    k?: string;
    key_ops?: string[];
    kty?: string;
    n?: string;
    oth?: RsaOtherPrimesInfo[];
    p?: string;
    q?: string;
    qi?: string;
    use?: string;
    x?: string;
    y?: string;
  }
  interface RsaOtherPrimesInfo {
    d?: string;
    r?: string;
    t?: string;
  }
}
