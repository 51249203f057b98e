// The store's `?` placeholders become PostgreSQL's `$n` only where SQL expects a value: a `?`
// inside a literal, a quoted name, a comment or a dollar-quoted body is the user's text and
// must reach the database unchanged (a wrong guess would shift every later value).
import { describe, it, expect } from '@col/harness';
import { numberPlaceholders } from '../src/sql/placeholders.js';

describe('numberPlaceholders', () => {
  it('numbers each placeholder in order and counts them', () => {
    expect(numberPlaceholders('UPDATE claim_codes SET uses_left = ? WHERE code = ? AND expires_at > ?')).to.deep.equal({
      text: 'UPDATE claim_codes SET uses_left = $1 WHERE code = $2 AND expires_at > $3',
      count: 3,
    });
    expect(numberPlaceholders('SELECT 1')).to.deep.equal({ text: 'SELECT 1', count: 0 });
    expect(numberPlaceholders('VALUES (?,?)').text).to.equal('VALUES ($1,$2)');
  });

  it("leaves a ? inside a string literal alone, doubled quotes included", () => {
    expect(numberPlaceholders("SELECT ? WHERE note = 'why?' AND x = ?").text).to.equal("SELECT $1 WHERE note = 'why?' AND x = $2");
    expect(numberPlaceholders("SELECT 'it''s ?', ?").text).to.equal("SELECT 'it''s ?', $1");
  });

  it("reads E'…' strings with backslash escapes, and a plain string ending in a backslash", () => {
    expect(numberPlaceholders("SELECT E'a\\' ?', ?").text).to.equal("SELECT E'a\\' ?', $1");
    // Without the E a backslash is an ordinary character: the quote after it closes the string.
    expect(numberPlaceholders("SELECT 'a\\', ?").text).to.equal("SELECT 'a\\', $1");
    // A name ending in e is not an E prefix.
    expect(numberPlaceholders("SELECT note'x\\', ?").text).to.equal("SELECT note'x\\', $1");
  });

  it('leaves quoted identifiers, comments and dollar-quoted bodies alone', () => {
    expect(numberPlaceholders('SELECT "odd?name" FROM t WHERE a = ?').text).to.equal('SELECT "odd?name" FROM t WHERE a = $1');
    expect(numberPlaceholders('SELECT ? -- really?\n, ?').text).to.equal('SELECT $1 -- really?\n, $2');
    expect(numberPlaceholders('SELECT /* a /* nested? */ still? */ ?').text).to.equal('SELECT /* a /* nested? */ still? */ $1');
    expect(numberPlaceholders('SELECT $$ what? $$, $fn$ a ? $$ b? $fn$, ?').text).to.equal('SELECT $$ what? $$, $fn$ a ? $$ b? $fn$, $1');
  });

  it('does not take $1 or a $ inside a name for a dollar quote', () => {
    expect(numberPlaceholders('SELECT a$b, ?, ?').text).to.equal('SELECT a$b, $1, $2');
    expect(numberPlaceholders('SELECT $1, ?').text).to.equal('SELECT $1, $1');
  });

  it('an unterminated literal swallows the rest (PostgreSQL then reports the syntax error)', () => {
    expect(numberPlaceholders("SELECT 'open ?").text).to.equal("SELECT 'open ?");
    expect(numberPlaceholders('SELECT /* open ?').text).to.equal('SELECT /* open ?');
    expect(numberPlaceholders('SELECT $x$ open ?').count).to.equal(0);
  });

  it('gives the same answer for the same text again (from its cache)', () => {
    const first = numberPlaceholders('SELECT ? AS cached');
    expect(numberPlaceholders('SELECT ? AS cached')).to.deep.equal(first);
  });
});
