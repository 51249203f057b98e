// Typings for the parts of jsonld.js's internals the compiled-context fast path reuses (its
// context processor and IRI expansion, so term definitions are exactly jsonld's), and for
// rdf-canonize. Both are CommonJS without typings.

/** A jsonld.js active context: treated as read-only by the fast path. */
interface JsonLdActiveContext {
  mappings: Map<string, Record<string, unknown>>;
  previousContext?: JsonLdActiveContext;
  '@language'?: unknown;
  '@direction'?: unknown;
}

declare module 'jsonld/lib/context.js' {
  const api: {
    process(args: {
      activeCtx: JsonLdActiveContext;
      localCtx: unknown;
      options: Record<string, unknown>;
      propagate?: boolean;
      overrideProtected?: boolean;
    }): Promise<JsonLdActiveContext>;
    expandIri(activeCtx: JsonLdActiveContext, value: string, relativeTo: { vocab?: boolean; base?: boolean }, options: Record<string, unknown>): string | null;
    getInitialContext(options: Record<string, unknown>): JsonLdActiveContext;
    getContextValue(ctx: JsonLdActiveContext, key: string | null, type: string): unknown;
  };
  export default api;
}

declare module 'jsonld/lib/ContextResolver.js' {
  class ContextResolver {
    constructor(args: { sharedCache: { get(key: string): unknown; set(key: string, value: unknown): void } });
  }
  export default ContextResolver;
}

declare module 'rdf-canonize' {
  const api: { canonize(dataset: unknown[], options: Record<string, unknown>): Promise<string> };
  export default api;
}
