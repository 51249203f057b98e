// The store writes `?` placeholders, which SQLite takes as they are; PostgreSQL numbers them
// (`$1`, `$2`, …). Only a `?` where SQL expects a value is a placeholder: one inside a string
// literal, a quoted identifier, a comment or a dollar-quoted body is text, so the scan follows
// PostgreSQL's lexical rules for those.

const cache = new Map<string, { text: string; count: number }>();
// The store's statements are a fixed set (plus a few built from a caller's filters), so a small
// cache saves rescanning the same text on every call without growing without bound.
const MAX_CACHED = 512;

/**
 * `text` with each `?` placeholder numbered for PostgreSQL (`$1` … `$n`), and how many there are.
 * A `?` inside `'…'`, `E'…'`, `"…"`, `$tag$…$tag$`, `-- …` or `/* … *\/` is left alone. (So
 * PostgreSQL's `?` jsonb operators cannot be written in a portable statement: use
 * `jsonb_exists(…)`, which a store function would need a `// dialect:` branch for anyway.)
 *
 * @example
 * ```ts
 * numberPlaceholders("SELECT * FROM codes WHERE code = ? AND note <> '?'");
 * // { text: "SELECT * FROM codes WHERE code = $1 AND note <> '?'", count: 1 }
 * ```
 */
export function numberPlaceholders(text: string): { text: string; count: number } {
  const cached = cache.get(text);
  if (cached) return cached;
  const converted = scan(text);
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(text, converted);
  return converted;
}

function scan(text: string): { text: string; count: number } {
  let out = '';
  let count = 0;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    const next = text[i + 1];
    let end: number;
    if (ch === '?') {
      out += `$${++count}`;
      i += 1;
      continue;
    } else if (ch === "'") {
      // E'…' allows backslash escapes; the E is already copied, so look back for it.
      const escapes = /[eE]$/.test(out) && !/[A-Za-z0-9_$][eE]$/.test(out);
      end = closeQuoted(text, i, "'", escapes);
    } else if (ch === '"') {
      end = closeQuoted(text, i, '"', false);
    } else if (ch === '-' && next === '-') {
      const newline = text.indexOf('\n', i);
      end = newline === -1 ? text.length : newline + 1;
    } else if (ch === '/' && next === '*') {
      end = closeBlockComment(text, i);
    } else if (ch === '$' && !/[A-Za-z0-9_]$/.test(out)) {
      // `$tag$` (or `$$`) opens a dollar-quoted string; `$1` or a `$` inside a name does not.
      const tag = /^\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/.exec(text.slice(i))?.[0];
      if (tag === undefined) end = i + 1;
      else {
        const close = text.indexOf(tag, i + tag.length);
        end = close === -1 ? text.length : close + tag.length;
      }
    } else {
      end = i + 1;
    }
    out += text.slice(i, end);
    i = end;
  }
  return { text: out, count };
}

/** The index just past the quote closing the one at `start` (a doubled quote is one character). */
function closeQuoted(text: string, start: number, quote: string, backslashEscapes: boolean): number {
  let i = start + 1;
  while (i < text.length) {
    const ch = text[i]!;
    if (backslashEscapes && ch === '\\') i += 2;
    else if (ch === quote && text[i + 1] === quote) i += 2;
    else if (ch === quote) return i + 1;
    else i += 1;
  }
  return text.length;
}

/** The index just past the comment opened at `start`; PostgreSQL's block comments nest. */
function closeBlockComment(text: string, start: number): number {
  let depth = 0;
  let i = start;
  while (i < text.length) {
    if (text.startsWith('/*', i)) {
      depth += 1;
      i += 2;
    } else if (text.startsWith('*/', i)) {
      depth -= 1;
      i += 2;
      if (depth === 0) return i;
    } else i += 1;
  }
  return text.length;
}
