import { ColError } from './errors.js';
import { tooLarge } from './internal/size.js';
import { utf8Exceeds } from './internal/utf8.js';

/**
 * Largest input {@link parseJson} accepts by default: 5 MB (5 × 1024 × 1024 bytes of UTF-8).
 * A badge is a few kilobytes; the limit stops a paste or upload from freezing the page.
 *
 * @example
 * ```ts
 * parseJson(text, { maxBytes: DEFAULT_MAX_JSON_BYTES * 2 });
 * ```
 */
export const DEFAULT_MAX_JSON_BYTES = 5 * 1024 * 1024;
/**
 * Deepest nesting of objects and arrays {@link parseJson} accepts by default (100).
 *
 * @example
 * ```ts
 * parseJson(text, { maxDepth: DEFAULT_MAX_JSON_DEPTH / 2 });
 * ```
 */
export const DEFAULT_MAX_JSON_DEPTH = 100;

/**
 * Limits for {@link parseJson}.
 *
 * @example
 * ```ts
 * const options: ParseJsonOptions = { maxBytes: 100_000, maxDepth: 32 };
 * ```
 */
export interface ParseJsonOptions {
  /** Largest accepted input in bytes of UTF-8. Default {@link DEFAULT_MAX_JSON_BYTES} (5 MB). */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays. Default {@link DEFAULT_MAX_JSON_DEPTH} (100). */
  maxDepth?: number;
}

// Keys that could reach an object's prototype when the parsed data is later merged or copied.
const UNSAFE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
// Text that could spell one of them as a key: the names themselves or a \u escape (no other
// escape produces a letter). Without any, no walk over the parsed value is needed.
const MAY_HOLD_UNSAFE_KEY = /__proto__|constructor|prototype|\\u/;

/**
 * Parse untrusted JSON text safely.
 *
 * - Rejects input over `maxBytes` (default 5 MB) before looking at it: `input-too-large`.
 * - Rejects nesting deeper than `maxDepth` (default 100) before building anything:
 *   `json-too-deep`.
 * - Rejects invalid JSON with the position of the problem (`details.position`, `line`,
 *   `column`): `json-invalid`. The position is the same in every JavaScript engine.
 * - Drops every `__proto__`, `constructor` and `prototype` key, at any depth, so the result can
 *   be merged or copied without prototype pollution. Parsed objects keep `Object.prototype`.
 *
 * All failures are {@link ColError}s; nothing else is ever thrown.
 *
 * @example
 * ```ts
 * import { parseJson, isColError } from '@citiesoflearning/core';
 * try {
 *   const value = parseJson(pastedText, { maxBytes: 1_000_000 });
 * } catch (error) {
 *   if (isColError(error, 'json-invalid')) show(error.message); // "…at line 3, column 14"
 * }
 * ```
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): unknown {
  if (typeof text !== 'string') {
    throw new ColError('json-invalid', 'This is not valid JSON: expected text.');
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_JSON_BYTES;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  // Every UTF-16 unit is at least one UTF-8 byte, so a long string is refused without a scan.
  if (utf8Exceeds(text, maxBytes)) {
    throw tooLarge(maxBytes);
  }
  // The engine's parser is about twice as fast as the grammar scanner below, so it reads the
  // text; the scanner only runs to explain a failure with an exact position. Deep nesting is
  // refused before the engine builds anything (it would take seconds on a few megabytes of
  // brackets), by a bracket count that is cheaper than either.
  if (nestingExceeds(text, maxDepth)) {
    scanJson(text, maxDepth); // throws json-too-deep, or json-invalid where the text goes wrong first
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    scanJson(text, maxDepth); // throws json-invalid with the position
    // The scanner accepts exactly the JSON grammar, so this only happens on an engine quirk.
    throw new ColError('json-invalid', 'This is not valid JSON.', { cause });
  }
  return MAY_HOLD_UNSAFE_KEY.test(text) ? stripUnsafeKeys(value) : value;
}

/**
 * Whether brackets outside strings nest deeper than `maxDepth`. Only a bound for valid JSON
 * (which is all the engine's parser accepts); invalid text is explained by the scanner.
 */
function nestingExceeds(text: string, maxDepth: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Jump to the closing quote: the next one not escaped by an odd run of backslashes. Each
      // backslash is counted once, so this stays linear however the text is made.
      for (;;) {
        i = text.indexOf('"', i + 1);
        if (i === -1) return false; // unterminated: not JSON, the scanner says where
        let slashes = 0;
        while (text.charCodeAt(i - 1 - slashes) === 0x5c) slashes++;
        if (slashes % 2 === 0) break;
      }
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > maxDepth) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

function stripUnsafeKeys(value: unknown): unknown {
  // Depth is already bounded (nestingExceeds), so recursion is safe here. JSON.parse makes a
  // `__proto__` key an own property (no pollution), but code reading the result must not see it.
  if (Array.isArray(value)) {
    for (const item of value) stripUnsafeKeys(item);
  } else if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      if (UNSAFE_KEYS.has(key)) delete record[key];
      else stripUnsafeKeys(record[key]);
    }
  }
  return value;
}

// eslint-disable-next-line no-control-regex
// `(?=(run+))\1` consumes a run atomically: without it, `(?:run+|escape)*` backtracks
// exponentially on an unterminated string (ReDoS).
const STRING = /"(?:(?=([^"\\\u0000-\u001f]+))\1|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

const enum State {
  Value,
  Key,
  After,
}

/**
 * Check `text` against the JSON grammar (RFC 8259) and the depth limit without building values,
 * so errors carry an exact position and deep input never reaches the engine's parser.
 */
function scanJson(text: string, maxDepth: number): void {
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let i = 0;
  let state = State.Value;
  const fail = (what: string, at: number = i): never => {
    throw invalid(text, what, at);
  };
  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const scanString = () => {
    // Fast path: one sticky regex over a well-formed string; the slow loop below only runs to
    // find where a malformed string goes wrong.
    STRING.lastIndex = i;
    if (STRING.test(text)) {
      i = STRING.lastIndex;
      return;
    }
    const start = i;
    i++; // opening quote
    for (;;) {
      if (i >= text.length) fail('a text value is not closed with "', start);
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        return;
      }
      if (c === 0x5c) {
        const e = text.charCodeAt(i + 1);
        if (e === 0x75) {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a \\u escape needs four hex digits');
          i += 6;
        } else if (e === 0x22 || e === 0x5c || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
          i += 2;
        } else fail('unknown escape in text');
      } else if (c < 0x20) {
        fail('a control character inside text must be escaped');
      } else i++;
    }
  };

  skipSpace();
  if (i >= text.length) fail('the input is empty');
  for (;;) {
    if (state === State.Value) {
      skipSpace();
      const c = text.charCodeAt(i);
      if (c === 0x7b || c === 0x5b) {
        if (stack.length >= maxDepth) {
          throw new ColError('json-too-deep', `This JSON is nested too deeply (more than ${maxDepth} levels).`, {
            details: { maxDepth, position: i },
          });
        }
        stack.push(c);
        i++;
        skipSpace();
        const close = c === 0x7b ? 0x7d : 0x5d;
        if (text.charCodeAt(i) === close) {
          stack.pop();
          i++;
          state = State.After;
        } else state = c === 0x7b ? State.Key : State.Value;
      } else if (c === 0x22) {
        scanString();
        state = State.After;
      } else if (text.startsWith('true', i)) {
        i += 4;
        state = State.After;
      } else if (text.startsWith('false', i)) {
        i += 5;
        state = State.After;
      } else if (text.startsWith('null', i)) {
        i += 4;
        state = State.After;
      } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
        NUMBER.lastIndex = i;
        if (!NUMBER.test(text)) fail('a number is malformed');
        i = NUMBER.lastIndex;
        state = State.After;
      } else if (i >= text.length) {
        fail('the input ends where a value was expected');
      } else fail(`unexpected ${describeChar(text, i)} where a value was expected`);
    } else if (state === State.Key) {
      skipSpace();
      if (text.charCodeAt(i) !== 0x22) fail(`expected a quoted property name, found ${describeChar(text, i)}`);
      scanString();
      skipSpace();
      if (text.charCodeAt(i) !== 0x3a) fail(`expected ':' after a property name, found ${describeChar(text, i)}`);
      i++;
      state = State.Value;
    } else {
      skipSpace();
      const top = stack[stack.length - 1];
      if (top === undefined) {
        if (i < text.length) fail(`unexpected ${describeChar(text, i)} after the end of the JSON`);
        return;
      }
      const c = text.charCodeAt(i);
      if (c === 0x2c) {
        i++;
        state = top === 0x7b ? State.Key : State.Value;
      } else if ((top === 0x7b && c === 0x7d) || (top === 0x5b && c === 0x5d)) {
        stack.pop();
        i++;
      } else {
        fail(`expected ',' or '${top === 0x7b ? '}' : ']'}', found ${describeChar(text, i)}`);
      }
    }
  }
}

function describeChar(text: string, at: number): string {
  if (at >= text.length) return 'the end of the input';
  const char = text.codePointAt(at)!;
  const shown = String.fromCodePoint(char);
  return char < 0x20 || char === 0x7f ? `character U+${char.toString(16).toUpperCase().padStart(4, '0')}` : `'${shown}'`;
}

function invalid(text: string, what: string, position: number): ColError {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < position; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  const column = position - lineStart + 1;
  return new ColError('json-invalid', `This is not valid JSON: ${what} at line ${line}, column ${column}.`, {
    details: { position, line, column },
  });
}
