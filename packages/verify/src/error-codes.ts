// The codes of the ColErrors this package throws, added to core's registry so that
// `isColError(error, code)` knows them (a typo does not compile).
import type {} from '@citiesoflearning/core';

declare module '@citiesoflearning/core' {
  interface ColErrorCodes {
    'alg-forbidden': true;
    'budget-exceeded': true;
    'cache-options-invalid': true;
    'canonicalization-failed': true;
    'context-unknown': true;
    'crypto-unsupported': true;
    'did-key-invalid': true;
    'did-web-invalid': true;
    'document-invalid': true;
    'fetch-aborted': true;
    'fetch-failed': true;
    'fetch-timeout': true;
    'http-error': true;
    'jwk-private': true;
    'jws-too-large': true;
    'key-invalid': true;
    'key-multibase-invalid': true;
    'key-unsupported': true;
    'media-type-refused': true;
    'offline': true;
    'proof-exists': true;
    'proof-malformed': true;
    'proof-unsupported': true;
    'redirect-loop': true;
    'response-too-large': true;
    'sign-options-invalid': true;
    'signature-invalid': true;
    'status-index-out-of-range': true;
    'status-list-invalid': true;
    'status-list-too-large': true;
    'too-many-documents': true;
    'too-many-redirects': true;
    'url-invalid': true;
  }
}
