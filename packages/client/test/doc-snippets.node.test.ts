// Every ```ts and ```js block in the READMEs and docs type-checks as a reader would paste it:
// strict, exactOptionalPropertyTypes, noUncheckedIndexedAccess, against the packages' own types.
// A ```js block is checked as TypeScript too, so it must be plain JavaScript that a strict
// TypeScript project would also take (a null check where the DOM may answer null). What a block
// takes as given (a learner's `email`, a client `col` made earlier …) is declared once in
// test/data/snippet-globals.d.ts; the elements' tag and event types come from
// test/data/snippet-elements.ts, as a page that loads them gets them.
import { describe, it, expect } from '@col/harness';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../../', import.meta.url));

// Folders that hold no Markdown a reader is given: dependencies, build output, the generated site.
const NOT_DOCS = new Set(['node_modules', '.git', 'dist', 'site', 'vendor', '.test-results', '.col-data', '.changeset']);

/** Every Markdown file a reader may copy code from (READMEs anywhere, docs/ and its guides), but changelogs. */
function markdownFiles(dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return NOT_DOCS.has(entry.name) ? [] : markdownFiles(path);
    return entry.name.endsWith('.md') && entry.name !== 'CHANGELOG.md' ? [relative(root, path).split(sep).join('/')] : [];
  });
}

/** The ```ts and ```js blocks of a markdown file, with the line each starts on. */
export function tsBlocks(markdown: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```(ts|typescript|js|javascript|mjs)\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    blocks.push({ line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return blocks;
}

describe('README and docs code blocks', () => {
  it('reads the guides and every README, not only the top of docs/', () => {
    const files = markdownFiles();
    for (const file of ['README.md', 'docs/DESIGN.md', 'docs/guides/insight.md', 'docs/guides/start-integrator.md', 'packages/client/README.md', 'examples/README.md']) expect(files, file).to.include(file);
    expect(files.some((f) => f.includes('node_modules') || f.endsWith('CHANGELOG.md'))).to.equal(false);
  });

  it('finds the blocks', () => {
    expect(tsBlocks('a\n```ts\nconst x = 1;\n```\n```sh\nls\n```\n```js\nlet y;\n```\n```html\n<p>\n```\n')).to.deep.equal([{ line: 3, code: 'const x = 1;' }, { line: 9, code: 'let y;' }]);
  });

  it('every ```ts and ```js block type-checks under strict and exactOptionalPropertyTypes', () => {
    // Package types resolve to dist/*.d.ts (the "types" condition comes first): build them.
    const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
    const build = spawnSync(process.execPath, [tsc, '-b', 'packages/core', 'packages/verify', 'packages/client', 'packages/server', 'packages/components'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).to.equal(0);
    const virtual = new Map<string, { source: string; line: number }>();
    for (const file of markdownFiles()) {
      tsBlocks(readFileSync(join(root, file), 'utf8')).forEach((block, n) => {
        // Inside the repository, so the workspace packages resolve; a module, so top-level await works.
        const name = join(root, 'packages/client/test/__snippets__', `${file.replace(/[/.]/g, '_')}_${n}.ts`);
        virtual.set(name, { source: `${block.code}\nexport {};\n`, line: block.line });
      });
    }
    expect(virtual.size).to.be.greaterThan(15);
    const options: ts.CompilerOptions = {
      target: ts.ScriptTarget.ES2022, lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'], module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'], strict: true, exactOptionalPropertyTypes: true, noUncheckedIndexedAccess: true,
      skipLibCheck: true, noEmit: true, allowImportingTsExtensions: false,
    };
    const host = ts.createCompilerHost(options);
    const readFile = host.readFile.bind(host);
    const getSourceFile = host.getSourceFile.bind(host);
    host.fileExists = ((exists) => (f: string) => virtual.has(f) || exists(f))(host.fileExists.bind(host));
    host.readFile = (f) => virtual.get(f)?.source ?? readFile(f);
    host.getSourceFile = (f, language, onError, create) =>
      virtual.has(f) ? ts.createSourceFile(f, virtual.get(f)!.source, language, true, ts.ScriptKind.TS) : getSourceFile(f, language, onError, create);
    const globals = fileURLToPath(new URL('./data/snippet-globals.d.ts', import.meta.url));
    const elements = fileURLToPath(new URL('./data/snippet-elements.ts', import.meta.url));
    const program = ts.createProgram([globals, elements, ...virtual.keys()], options, host);
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const snippet = d.file && virtual.get(d.file.fileName);
      const at = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : 0;
      const where = snippet ? `${d.file!.fileName.replace(/.*__snippets__\//, '').replace(/_(\d+)\.ts$/, ' block $1')} (markdown line ${snippet.line + at})` : (d.file?.fileName.replace(root, '') ?? '');
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
    });
    expect(problems, problems.join('\n')).to.deep.equal([]);
  });
});
