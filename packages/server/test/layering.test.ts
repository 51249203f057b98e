// The server's layers stay apart: SQL lives in src/store/ only (and the backends that run it in
// src/sql/), so a query is written once, for both engines; a
// route reads as HTTP and uses the store and services, never another route file; only app.ts
// mounts routes (business rules live in services the demo seeding shares); and no module imports
// itself back through others (an import circle makes load order matter and hides which layer
// owns what). A breach fails here, naming the files.
import { describe, it, expect } from '@col/harness';
import { codeLines, localImports, readSources, type SourceFile } from './support/sources.js';

/** Each circle in the import graph once, as the list of files around it (first file repeated last). */
function importCircles(files: SourceFile[]): string[][] {
  const graph = new Map(files.map((f) => [f.name, localImports(f)]));
  const circles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): void => {
    const at = path.indexOf(name);
    if (at !== -1) return void circles.push([...path.slice(at), name]);
    if (done.has(name)) return;
    path.push(name);
    for (const next of graph.get(name) ?? []) visit(next);
    path.pop();
    done.add(name);
  };
  for (const name of graph.keys()) visit(name);
  return circles;
}

/** A statement sent through the Sql seam: `.get(`, `.all(` or `.run(` with SQL text. */
const SQL_CALL = /\.(?:get|all|run)(?:<[^>]*>)?\(\s*['"`]\s*(?:SELECT|INSERT|UPDATE|DELETE|WITH|CREATE|DROP|ALTER|PRAGMA|BEGIN|COMMIT)\b/;

describe('server layering', () => {
  it('no file outside src/store/ runs SQL (only the backends in src/sql/ prepare it)', async () => {
    const offenders: string[] = [];
    const scanned = (await readSources()).filter((f) => !f.name.startsWith('store/') && !f.name.startsWith('sql/'));
    for (const { name, text } of scanned) {
      // Doc comments may show a query in an example; code may not run one.
      codeLines(text).forEach((line, i) => {
        if (line.includes('.prepare(') || SQL_CALL.test(line)) offenders.push(`${name}:${i + 1}`);
      });
    }
    expect(scanned.length).to.be.greaterThan(20); // the scan really read the sources
    expect(offenders, 'SQL outside src/store/').to.deep.equal([]);
  });

  it('no route file imports another route file', async () => {
    const routes = (await readSources()).filter((f) => /^routes\/[^/]+\.ts$/.test(f.name));
    expect(routes.length).to.be.greaterThan(8);
    const offenders = routes.flatMap((f) => localImports(f).filter((target) => target.startsWith('routes/')).map((target) => `${f.name} imports ${target}`));
    expect(offenders, 'route files importing route files').to.deep.equal([]);
  });

  it('only app.ts mounts route files: services, the store and the demo never import one', async () => {
    const others = (await readSources()).filter((f) => !f.name.startsWith('routes/') && f.name !== 'app.ts');
    const offenders = others.flatMap((f) => localImports(f).filter((target) => target.startsWith('routes/')).map((target) => `${f.name} imports ${target}`));
    expect(others.length).to.be.greaterThan(20);
    expect(offenders, 'route files imported outside app.ts').to.deep.equal([]);
  });

  it('the import graph has no circle', async () => {
    const files = await readSources();
    const circles = importCircles(files).map((c) => c.join(' → '));
    expect(files.flatMap(localImports).length).to.be.greaterThan(100); // the scan really found imports
    expect(circles, 'import circles').to.deep.equal([]);
  });

  it('the checks catch what they are for', () => {
    expect(SQL_CALL.test("await ctx.sql.get<{ n: number }>('SELECT count(*) AS n FROM issuers')")).to.equal(true);
    expect(SQL_CALL.test('await tx.run(`UPDATE credentials SET state = ?`, s)')).to.equal(true);
    expect(SQL_CALL.test("c.req.query('issuer'); map.get('select')")).to.equal(false);
    // A scan that matched nothing would pass everything: hold the parser and the walk to a known circle.
    const files = [
      { name: 'a.ts', text: "import { b } from './routes/b.js';" },
      { name: 'routes/b.ts', text: "export { c } from '../c.js';\nimport type { X } from './d.js';" },
      { name: 'routes/d.ts', text: 'export type X = 1;' },
      { name: 'c.ts', text: "const a = await import('./a.js');" },
    ];
    expect(localImports(files[1]!)).to.deep.equal(['c.ts', 'routes/d.ts']);
    expect(importCircles(files)).to.deep.equal([['a.ts', 'routes/b.ts', 'c.ts', 'a.ts']]);
  });
});
