// The published declaration files compile in a strict Node project with no DOM: lib ES2022 only,
// @types/node, skipLibCheck false, strict and exactOptionalPropertyTypes. The packages are built
// first (tsc -b), then test/data/consumer/index.ts — an integrator's code — is type-checked
// against their dist/*.d.ts, not the sources.
import { describe, it, expect } from '@col/harness';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('../../../', import.meta.url));

describe('published types in a Node-only strict project', () => {
  it('compile without the DOM library and without skipLibCheck', () => {
    const tsc = fileURLToPath(new URL('../../../node_modules/typescript/bin/tsc', import.meta.url));
    const build = spawnSync(process.execPath, [tsc, '-b', 'packages/core', 'packages/verify', 'packages/client', 'packages/server', 'packages/cli'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).to.equal(0);

    const entry = fileURLToPath(new URL('./data/consumer/index.ts', import.meta.url));
    const program = ts.createProgram([entry], {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      types: ['node'],
      strict: true,
      exactOptionalPropertyTypes: true,
      noUncheckedIndexedAccess: true,
      skipLibCheck: false,
      noEmit: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName.replace(root, '')}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, ' ');
    });
    expect(problems).to.deep.equal([]);
    // It really checked the built declarations of every package, and no DOM library.
    const files = program.getSourceFiles().map((f) => f.fileName);
    for (const pkg of ['core', 'verify', 'client', 'server', 'cli']) expect(files, pkg).to.include(`${root}packages/${pkg}/dist/index.d.ts`);
    expect(files.some((f) => /lib\.dom\.d\.ts$/.test(f))).to.equal(false);
  });
});
