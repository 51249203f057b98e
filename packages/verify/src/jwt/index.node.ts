// `@citiesoflearning/verify/jwt` for Node (the `node` export condition): the same JOSE
// functions, with signatures made and checked by node:crypto on the calling thread, as the
// package's main Node entry does.
export * from './index.js';
import { installSignatureBackend } from '../internal/signature-backend.js';
import { nodeCryptoBackend } from '../internal/node-crypto.js';

installSignatureBackend(nodeCryptoBackend);
