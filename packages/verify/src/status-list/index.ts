export {
  encodeStatusList,
  decodeStatusList,
  getStatusBit,
  getStatusValue,
  setStatusBit,
  DEFAULT_MAX_STATUS_LIST_BYTES,
  MIN_STATUS_LIST_BITS,
} from './bitstring.js';
export { createStatusListCredential } from './credential.js';
export type { StatusListCredentialOptions } from './credential.js';
