// Every `@example` in the sources runs, and where a line says what it gives (`expr; // value`), that holds.
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test', '.jsdoc-run');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
afterAll(() => rmSync(out, { recursive: true, force: true }));

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });

/** The example blocks of a source file: the comment lines after `@example`, up to the next tag or the end of the comment. */
function examples(file: string): { name: string; code: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/@example\n((?:\s*\*(?!\/)(?! @).*\n)+)/g)].map((m, i) => ({
    name: `${relative(root, file)} example ${i + 1}`,
    code: (m[1] as string)
      .split('\n')
      .map((line) => line.replace(/^\s*\* ?/, ''))
      .join('\n'),
  }));
}

/** `expr; // value` becomes an assertion when the value is a literal (no prose, no ellipsis). */
function withAssertions(code: string): string {
  return code
    .split('\n')
    .map((line) => {
      const m = /^(?!\s*(?:const|let|if|for|import)\b)(.+?);\s*\/\/\s*(.+)$/.exec(line);
      if (m === null) return line;
      const [, expr, expected] = m as unknown as [string, string, string];
      if (expected.includes('…') || !/^[[{'"\d-]|^(true|false|null)$/.test(expected.trim())) return line;
      return `assert.deepStrictEqual(${expr}, ${expected});`;
    })
    .join('\n');
}

const blocks = files(join(root, 'src')).flatMap(examples);
const prelude = `import assert from 'node:assert/strict';\nimport { expect } from 'vitest';\nimport * as lib from 'ticket-recipients';\nimport * as testing from 'ticket-recipients/testing';\nimport { settings, directory, context, at, ticket, decision, storedEvents, storedLog, stored, event, plan, inbox, ticketOf, unsubscribed, raw, replaceStoredLog } from '../support/jsdoc-prelude.js';\nconst { ${'NAMES'} } = lib;\nvoid assert; void testing; void expect;\nconst { given } = testing;\nvoid [settings, directory, context, at, ticket, decision, storedEvents, storedLog, stored, event, plan, inbox, ticketOf, unsubscribed, raw, replaceStoredLog];\n`;

describe('JSDoc examples run', () => {
  it('every exported function has examples to run', () => {
    expect(blocks.length).toBeGreaterThan(30);
  });

  it.each(blocks.map((b) => [b.name, b] as const))('%s', async (_name, block) => {
    const lib = (await import('ticket-recipients')) as Record<string, unknown>;
    const names = Object.keys(lib).filter((n) => !new RegExp(`\\b(const|let|function)\\s+${n}\\b`).test(block.code));
    const body = withAssertions(block.code);
    const imports = body.split('\n').filter((l) => l.startsWith('import '));
    const rest = body.split('\n').filter((l) => !l.startsWith('import '));
    const file = join(out, `${block.name.replace(/[^a-z0-9]+/gi, '_')}.ts`);
    writeFileSync(file, `${imports.join('\n')}\n${prelude.replace('NAMES', names.join(', '))}\nexport default (async () => {\n${rest.join('\n')}\n})();\n`);
    await (await import(pathToFileURL(file).href)).default;
  });
});
