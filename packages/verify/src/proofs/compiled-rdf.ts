/// <reference path="./jsonld-internals.d.ts" />
// The fast path to RDF for credentials that use only pinned JSON-LD contexts.
//
// jsonld.js re-processes (and deep-clones) every context — including the type-scoped contexts
// of OB 3.0 — on every call; that was most of the time `verify()` spent on an eddsa-rdfc-2022
// credential. The pinned contexts never change, so each context *transition* (active context +
// local context → new active context) is computed once, by jsonld's own context processor so
// term definitions are exactly jsonld's, and memoized for the life of the process. The document
// is then walked once, straight to RDF quads, following jsonld's expansion algorithm (type-scoped
// contexts, property-scoped contexts, reverting non-propagated contexts, value coercion) for the
// plain subset credentials use. Anything outside that subset — an inline context, a keyword
// other than @id/@type, a value object, a container other than @set/@list, a relative IRI, a
// blank-node id, a language default — makes the fast path decline (`undefined`), and the caller
// uses jsonld's general path, which then gives jsonld's answer or error. The test suite checks
// that both paths give the same canonical N-Quads on every fixture, the W3C vectors and
// generated credentials.
import contextApi from 'jsonld/lib/context.js';
import ContextResolver from 'jsonld/lib/ContextResolver.js';
import { isPinnedContext, pinnedDocumentLoader } from '../contexts/pinned.js';
import { isRecord } from '../internal/guards.js';

const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';
const XSD = 'http://www.w3.org/2001/XMLSchema#';
const RDF_TYPE = `${RDF}type`;
const RDF_FIRST = `${RDF}first`;
const RDF_REST = `${RDF}rest`;
const RDF_NIL = `${RDF}nil`;
const XSD_BOOLEAN = `${XSD}boolean`;
const XSD_DOUBLE = `${XSD}double`;
const XSD_INTEGER = `${XSD}integer`;
const XSD_STRING = `${XSD}string`;

// An absolute IRI jsonld would keep, with none of the characters N-Quads must escape (those, and
// blank-node ids, go to the general path).
const ABSOLUTE_IRI = /^[A-Za-z][A-Za-z0-9+.-]*:[^\u0000-\u0020<>"{}|^`\\]*$/;

/** An RDF term in the shape jsonld.js gives rdf-canonize. */
interface Term {
  termType: 'NamedNode' | 'BlankNode' | 'Literal' | 'DefaultGraph';
  value: string;
  datatype?: { termType: 'NamedNode'; value: string };
  language?: string;
}
/** An RDF quad in the shape jsonld.js gives rdf-canonize. */
export interface Quad {
  subject: Term;
  predicate: Term;
  object: Term;
  graph: Term;
}

/** Thrown inside the walk when the fast path must decline; never escapes this module. */
class Decline extends Error {}
/** Thrown inside the walk when a context transition is not compiled yet. */
class Missing {
  constructor(
    readonly from: JsonLdActiveContext,
    readonly local: unknown,
    readonly mode: Mode,
  ) {}
}

type Mode = 'document' | 'property' | 'type';
const MODE_FLAGS: Record<Mode, { propagate: boolean; overrideProtected: boolean }> = {
  document: { propagate: true, overrideProtected: false },
  property: { propagate: true, overrideProtected: true },
  type: { propagate: false, overrideProtected: false },
};

// A safe-mode event (a dropped term, a relative IRI…) during compilation means jsonld would
// fail or drop something: decline and let the general path say so.
const failOnEvent = ({ event }: { event: { code?: string } }) => {
  throw new Decline(String(event.code));
};
const options: Record<string, unknown> = {
  base: '',
  processingMode: 'json-ld-1.1',
  documentLoader: pinnedDocumentLoader,
  eventHandler: failOnEvent,
  // Only pinned URLs and scoped contexts found inside them ever reach this resolver, so its
  // cache is bounded by the pinned set.
  contextResolver: new ContextResolver({ sharedCache: new Map<string, unknown>() }),
};
const initial = contextApi.getInitialContext(options);

// Transitions compiled so far: from-context → local context (a pinned URL list, by its JSON
// text, or a scoped-context object from a pinned context, by identity) → mode → result.
const transitions = new WeakMap<JsonLdActiveContext, Map<unknown, Partial<Record<Mode, JsonLdActiveContext>>>>();
// Every compiled transition makes a new active context; the pinned set makes the reachable
// number finite, but nested types can multiply it, so stop compiling (and decline) past this.
const MAX_TRANSITIONS = 4096;
let compiled = 0;

function transition(from: JsonLdActiveContext, local: unknown, mode: Mode): JsonLdActiveContext {
  const hit = transitions.get(from)?.get(local)?.[mode];
  if (hit) return hit;
  throw new Missing(from, local, mode);
}

async function compile(missing: Missing): Promise<void> {
  if (compiled >= MAX_TRANSITIONS) throw new Decline('too many contexts');
  const localCtx = typeof missing.local === 'string' ? JSON.parse(missing.local) : missing.local;
  const result = await contextApi.process({ activeCtx: missing.from, localCtx, options, ...MODE_FLAGS[missing.mode] });
  let byLocal = transitions.get(missing.from);
  if (!byLocal) transitions.set(missing.from, (byLocal = new Map()));
  byLocal.set(missing.local, { ...byLocal.get(missing.local), [missing.mode]: result });
  compiled++;
}


function expandIri(ctx: JsonLdActiveContext, value: string, vocab: boolean): string | null {
  return contextApi.expandIri(ctx, value, vocab ? { vocab: true, base: true } : { base: true }, options);
}
function expandKey(ctx: JsonLdActiveContext, key: string): string | null {
  return contextApi.expandIri(ctx, key, { vocab: true }, options);
}
function absolute(iri: string | null): string {
  if (iri === null || !ABSOLUTE_IRI.test(iri)) throw new Decline('not an absolute IRI');
  return iri;
}
const named = (value: string): Term => ({ termType: 'NamedNode', value });
const literal = (value: string, datatype: string, language?: string): Term =>
  language === undefined
    ? { termType: 'Literal', value, datatype: named(datatype) as Term['datatype'] }
    : { termType: 'Literal', value, datatype: named(datatype) as Term['datatype'], language };

/** One walk of a document to quads; `blank()` numbers blank nodes like jsonld's issuer would. */
class Walk {
  readonly quads: Quad[] = [];
  private readonly seen = new Set<string>();
  private next = 0;
  private readonly graph: Term = { termType: 'DefaultGraph', value: '' };

  blank(): Term {
    return { termType: 'BlankNode', value: `_:b${this.next++}` };
  }

  emit(subject: Term, predicate: string, object: Term): void {
    // jsonld's node map merges equal values of a property: emit each quad once.
    const key = `${subject.value}\u0000${predicate}\u0000${object.termType}\u0000${object.value}\u0000${object.datatype?.value ?? ''}\u0000${object.language ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.quads.push({ subject, predicate: named(predicate), object, graph: this.graph });
  }

  /** A node object (jsonld `expand` on an object, then its node-map entry), returning its subject. */
  node(element: Record<string, unknown>, activeCtxIn: JsonLdActiveContext, activeProperty: string | null): Term {
    let activeCtx = activeCtxIn;
    if ('@context' in element) throw new Decline('inline context');
    const keys = Object.keys(element).sort();
    // Revert a non-propagated (type-scoped) context, except for a bare subject reference.
    const typeScopedIn = activeCtx.previousContext ? activeCtx : null;
    let mustRevert = true;
    if (typeScopedIn && keys.length <= 2) {
      for (const key of keys) {
        const expanded = expandKey(typeScopedIn, key);
        if (expanded === '@value') throw new Decline('value object');
        if (expanded === '@id' && keys.length === 1) {
          mustRevert = false;
          break;
        }
      }
    }
    if (mustRevert && activeCtx.previousContext) activeCtx = activeCtx.previousContext;
    const propertyScoped = contextApi.getContextValue(activeCtxIn, activeProperty, '@context');
    if (propertyScoped !== undefined) activeCtx = transition(activeCtx, propertyScoped, 'property');
    const typeScopedContext = activeCtx;

    const types: string[] = [];
    for (const key of keys) {
      if (expandKey(activeCtx, key) !== '@type') continue;
      const value = element[key];
      const list = Array.isArray(value) ? value : [value];
      if (!list.every((t): t is string => typeof t === 'string')) throw new Decline('@type not a string');
      types.push(...list);
      const sorted = list.length > 1 ? [...list].sort() : list;
      for (const type of sorted) {
        const scoped = contextApi.getContextValue(typeScopedContext, type, '@context');
        if (scoped !== undefined) activeCtx = transition(activeCtx, scoped, 'type');
      }
    }

    let subject: Term | undefined;
    const properties: [string, string][] = [];
    for (const key of keys) {
      const expanded = expandKey(activeCtx, key);
      if (expanded === '@type') continue;
      if (expanded === '@id') {
        const id = element[key];
        if (typeof id !== 'string' || subject) throw new Decline('@id');
        subject = named(absolute(expandIri(activeCtx, id, false)));
        continue;
      }
      if (expanded === null || expanded.startsWith('@') || expanded.startsWith('_:')) throw new Decline(`key ${key}`);
      properties.push([key, absolute(expanded)]);
    }
    subject ??= this.blank();
    for (const type of types) this.emit(subject, RDF_TYPE, named(absolute(expandIri(typeScopedContext, type, true))));

    for (const [key, predicate] of properties) {
      const value = element[key];
      if (value === null) continue;
      const definition = activeCtx.mappings.get(key);
      if (definition?.reverse || definition?.['@type'] === '@json') throw new Decline('reverse or @json term');
      const scoped = contextApi.getContextValue(activeCtx, key, '@context');
      const termCtx = scoped === undefined ? activeCtx : transition(activeCtx, scoped, 'property');
      const container = (contextApi.getContextValue(activeCtx, key, '@container') as string[] | null) ?? [];
      if (container.some((c) => c !== '@set' && c !== '@list')) throw new Decline('container');
      if (container.includes('@list')) {
        const items = Array.isArray(value) ? value : [value];
        const objects: Term[] = [];
        for (const item of items) {
          if (item === null) continue;
          if (Array.isArray(item)) throw new Decline('list of lists');
          objects.push(this.value(item, termCtx, key));
        }
        this.emit(subject, predicate, this.list(objects));
      } else {
        for (const item of flatten(value)) this.emit(subject, predicate, this.value(item, termCtx, key));
      }
    }
    return subject;
  }

  /** One value of a property: a nested node object or a scalar (jsonld `_expandValue` + toRDF). */
  value(item: unknown, termCtx: JsonLdActiveContext, key: string): Term {
    if (isRecord(item)) return this.node(item, termCtx, key);
    const type = contextApi.getContextValue(termCtx, key, '@type') as string | null;
    if (typeof item === 'string' && (type === '@id' || type === '@vocab')) {
      return named(absolute(expandIri(termCtx, item, type === '@vocab')));
    }
    if (type === '@id' || type === '@vocab' || type === '@none' || type === null) {
      if (typeof item === 'string' && (contextApi.getContextValue(termCtx, key, '@language') !== null || contextApi.getContextValue(termCtx, key, '@direction') !== null)) {
        throw new Decline('language or direction');
      }
      return scalar(item, null);
    }
    return scalar(item, absolute(type));
  }

  /** An RDF collection (jsonld `_listToRDF`). */
  list(items: Term[]): Term {
    if (items.length === 0) return named(RDF_NIL);
    const head = this.blank();
    let node = head;
    items.forEach((item, i) => {
      this.emit(node, RDF_FIRST, item);
      const rest = i === items.length - 1 ? named(RDF_NIL) : this.blank();
      this.emit(node, RDF_REST, rest);
      node = rest;
    });
    return head;
  }
}

function* flatten(value: unknown): Generator<unknown> {
  if (!Array.isArray(value)) {
    if (value !== null) yield value;
    return;
  }
  for (const item of value) yield* flatten(item);
}

const isDouble = (v: number) => String(v).includes('.') || Math.abs(v) >= 1e21;

/** A JSON scalar as an RDF literal, as jsonld's `_objectToRDF` makes it. */
function scalar(value: unknown, datatype: string | null): Term {
  if (typeof value === 'boolean') return literal(String(value), datatype ?? XSD_BOOLEAN);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Decline('non-finite number');
    if (isDouble(value) || datatype === XSD_DOUBLE) return literal(value.toExponential(15).replace(/(\d)0*e\+?/, '$1E'), datatype ?? XSD_DOUBLE);
    return literal(value.toFixed(0), datatype ?? XSD_INTEGER);
  }
  if (typeof value === 'string') {
    if (datatype === XSD_DOUBLE) throw new Decline('string typed as double');
    return literal(value, datatype ?? XSD_STRING);
  }
  throw new Decline('not a JSON scalar');
}

/**
 * The RDF quads of a JSON-LD document whose `@context` is only pinned context URLs, computed
 * with compiled contexts; `undefined` when the document is outside the plain subset this path
 * handles (the caller then uses jsonld.js). The quads are what jsonld.js `toRDF` gives, up to
 * blank-node labels.
 *
 * @example
 * ```ts
 * const quads = await compiledToRdf(credential);
 * if (quads) nquads = await rdfCanonize.canonize(quads, { algorithm: 'RDFC-1.0' });
 * ```
 */
export async function compiledToRdf(document: Record<string, unknown>): Promise<Quad[] | undefined> {
  const context = document['@context'];
  const urls = Array.isArray(context) ? context : [context];
  if (urls.length === 0 || !urls.every((url) => typeof url === 'string' && isPinnedContext(url))) return undefined;
  const key = JSON.stringify(urls);
  const { '@context': _, ...body } = document;
  // Each missing transition is compiled once and the walk restarted; a document needs at most
  // a handful, so the bound only stops a pathological one.
  for (let attempt = 0; attempt < 64; attempt++) {
    try {
      const walk = new Walk();
      walk.node(body, transition(initial, key, 'document'), null);
      return walk.quads;
    } catch (error) {
      if (error instanceof Missing) {
        try {
          await compile(error);
        } catch (cause) {
          if (cause instanceof Decline) return undefined;
          // A context jsonld itself rejects: let the general path report it.
          return undefined;
        }
        continue;
      }
      if (error instanceof Decline) return undefined;
      throw error;
    }
  }
  return undefined;
}
