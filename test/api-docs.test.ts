// docs/api is generated from the sources' JSDoc (`npm run docs:api`); this keeps it from going stale.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const out = mkdtempSync(join(tmpdir(), 'ticket-recipients-api-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
const snapshot = (dir: string) => Object.fromEntries(files(dir).map((f) => [relative(dir, f), readFileSync(f, 'utf8')]));

describe('the API reference', () => {
  it('docs/api matches what typedoc generates from the sources now (run `npm run docs:api` after changing exports)', () => {
    execFileSync('npx', ['typedoc', '--out', out, '--logLevel', 'Error'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    const generated = snapshot(out);
    expect(Object.keys(generated).length).toBeGreaterThan(2);
    expect(snapshot(join(root, 'docs/api'))).toEqual(generated);
    // typedoc type-checks the whole project: over a minute on two busy cores.
  }, 180_000);
});
