// The codes of the ColErrors this package throws — its own and every ApiError code — added to
// core's registry so that `isColError(error, code)` knows them (a typo does not compile).
import type {} from '@citiesoflearning/core';
import type { ApiErrorCode } from './errors/api-error.js';

type ApiErrorCodes = { [code in ApiErrorCode]: true };

declare module '@citiesoflearning/core' {
  interface ColErrorCodes extends ApiErrorCodes {
    'key-invalid': true;
    'private-key-sent': true;
    'server-side-only': true;
    'ticket-key-invalid': true;
    'ticket-lifetime-invalid': true;
  }
}
