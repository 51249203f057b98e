export {
  loadContext,
  isPinnedContext,
  pinnedContextUrls,
  createDocumentLoader,
  pinnedDocumentLoader,
} from './pinned.js';
export type { DocumentLoader, RemoteDocument } from './pinned.js';
