// Every ```ts block in docs/ and the README runs, and its assertions hold.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const out = join(root, 'test', '.docs-run');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
afterAll(() => rmSync(out, { recursive: true, force: true }));

const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const blocks = pages.flatMap((page) =>
  [...readFileSync(join(root, page), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)].map((m, i) => ({ page, index: i + 1, code: m[1] as string })),
);

describe('docs examples run', () => {
  it('there are examples to run', () => {
    expect(blocks.length).toBeGreaterThan(5);
  });

  it.each(blocks.map((b) => [`${b.page} example ${b.index}`, b] as const))('%s', async (_name, block) => {
    const file = join(out, `${block.page.replace(/[/.]/g, '_')}_${block.index}.ts`);
    writeFileSync(file, block.code);
    await import(pathToFileURL(file).href);
  });
});
