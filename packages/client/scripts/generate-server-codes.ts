// Writes src/errors/server-codes.ts from the reference server's OpenAPI document (the enum of
// `Error.code` and its descriptions). Run after the server gains an error code:
//   node --import tsx --conditions=@citiesoflearning/source packages/client/scripts/generate-server-codes.ts
// test/server-codes.node.test.ts fails while the file is out of date.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openApiDocument } from '@citiesoflearning/server';

/** The generated module's text for the document's error codes. */
export function serverCodesModule(doc: ReturnType<typeof openApiDocument>): string {
  const code = (doc.components.schemas.Error as { properties: { code: { enum: string[]; description: string } } }).properties.code;
  const meaning = new Map(code.description.split('\n').map((line) => {
    const match = /^`([a-z0-9-]+)`: (.*)$/.exec(line);
    return [match?.[1] ?? '', match?.[2] ?? ''] as const;
  }));
  const entries = code.enum.map((c) => `  /** ${meaning.get(c) ?? ''} */\n  '${c}',`).join('\n');
  return `// GENERATED from the reference server's OpenAPI document by scripts/generate-server-codes.ts.
// Do not edit: run the script (test/server-codes.node.test.ts fails while this is out of date).

/**
 * Every error code the Cities of Learning reference server sends (\`ApiError.serverCode\`).
 *
 * @example
 * \`\`\`ts
 * SERVER_ERROR_CODES.includes('code-used-up'); // true
 * \`\`\`
 */
export const SERVER_ERROR_CODES = [
${entries}
] as const;

/**
 * One of the reference server's error codes (finer than \`ApiErrorCode\`): switch on it for
 * what the server refused, e.g. \`code-used-up\` versus \`code-expired\`.
 *
 * @example
 * \`\`\`ts
 * if (isApiError(error) && error.serverCode === 'code-used-up') showMessage('This code has been used.');
 * \`\`\`
 */
export type ServerErrorCode = (typeof SERVER_ERROR_CODES)[number];
`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const target = fileURLToPath(new URL('../src/errors/server-codes.ts', import.meta.url));
  writeFileSync(target, serverCodesModule(openApiDocument()));
  console.log(`wrote ${target}`);
}
