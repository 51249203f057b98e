// Every error code the server can send is listed (SERVER_ERROR_CODES → the OpenAPI enum → the
// client's generated ServerErrorCode union): a code thrown in the sources but missing from the
// list fails here, naming it.
import { describe, it, expect } from '@col/harness';
import { SERVER_ERROR_CODES, openApiDocument } from '@citiesoflearning/server';
import { codeLines, readSources } from './support/sources.js';

describe('server error codes', () => {
  it('every code the sources can answer with is listed, and the OpenAPI document enumerates exactly the list', async () => {
    const thrown = new Set<string>();
    const patterns = [/(?:Api|Http)Error\(\s*\d{3},\s*'([a-z0-9-]+)'/g, /(?:badRequest|invalidField)\([^;]*?,\s*'([a-z0-9-]+)'\)/g, /\bcode: '([a-z0-9-]+)'/g];
    for (const { name, text } of await readSources()) {
      if (name === 'error-codes.ts') continue;
      for (const pattern of patterns) for (const match of text.matchAll(pattern)) thrown.add(match[1]!);
    }
    expect(thrown.size).to.be.greaterThan(20); // the scan really found the codes
    const listed = Object.keys(SERVER_ERROR_CODES);
    expect([...thrown].filter((code) => !listed.includes(code)), 'thrown but not in SERVER_ERROR_CODES').to.deep.equal([]);
    const schema = openApiDocument().components.schemas.Error as { properties: { code: { enum: string[] } } };
    expect(schema.properties.code.enum).to.deep.equal(listed);
  });

  it('nothing in the sources throws a plain Error: every failure has a code (a ColError or HttpError)', async () => {
    const offenders: string[] = [];
    for (const { name, text } of await readSources()) {
      codeLines(text).forEach((line, i) => {
        if (/\bnew Error\(|\bthrow Error\(/.test(line)) offenders.push(`${name}:${i + 1}`);
      });
    }
    expect(offenders, 'plain Errors').to.deep.equal([]);
  });
});
