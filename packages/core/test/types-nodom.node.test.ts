// Core must run in browsers and Node alike: its source has to type-check with the plain
// ECMAScript library only — no DOM lib, no @types/node. (The package tsconfig still includes
// lib DOM for now, so this is the check that proves it.)
import { describe, it, expect } from '@col/harness';
import ts from 'typescript';
import { fileURLToPath } from 'node:url';

describe('types: core needs no DOM and no Node typings', () => {
  it('type-checks src/index.ts with lib ES2022 only and no @types', () => {
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const program = ts.createProgram([entry], {
      target: ts.ScriptTarget.ES2022,
      lib: ['lib.es2022.d.ts'],
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      strict: true,
      noUncheckedIndexedAccess: true,
      isolatedModules: true,
      verbatimModuleSyntax: true,
      types: [],
      noEmit: true,
      skipLibCheck: true,
    });
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : '';
      return where + ts.flattenDiagnosticMessageText(d.messageText, '\n');
    });
    expect(problems).to.deep.equal([]);
    // The check really ran over core's modules, not an empty program.
    const checked = program.getSourceFiles().filter((f) => f.fileName.includes('/packages/core/src/'));
    expect(checked.length).to.be.greaterThan(10);
  });
});
