// The package as users get it: built, packed, installed from the tarball, imported from ESM and CommonJS.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, npm_config_update_notifier: 'false' } });

let work: string;
let consumer: string;

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'ticket-recipients-artifact-'));
  run('npx', ['tsup', '--silent'], root);
  run('npm', ['pack', '--pack-destination', work, '--silent'], root);
  const tarball = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error('npm pack wrote no tarball');
  consumer = join(work, 'consumer');
  run('mkdir', ['-p', consumer], work);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const fastCheck = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies['fast-check'];
  run('npm', ['install', '--no-audit', '--no-fund', '--silent', join(work, tarball), `fast-check@${fastCheck}`], consumer);
});

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const script = `
const { parseAddressList, handle, presets } = lib;
const parsed = parseAddressList('"Smith, John" <John@Example.COM>, bad@@x');
const opened = handle(null, { type: 'receive-email', messageId: '<1@x>', at: 't', from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }, { settings: { ...presets.omnidesk, supportAddresses: ['support@desk.example'] } });
console.log(JSON.stringify({ keys: parsed.mailboxes.map((m) => m.key), invalid: parsed.invalid.length, ccs: opened.ok ? opened.value.ticket.ccs.map((m) => m.key) : null }));
`;
const expected = { keys: ['john@example.com'], invalid: 1, ccs: ['bob@acme.example'] };

describe('the packed artifact', () => {
  it('works from ESM import', () => {
    writeFileSync(join(consumer, 'esm.mjs'), `import * as lib from 'ticket-recipients';\n${script}`);
    expect(JSON.parse(run('node', ['esm.mjs'], consumer))).toEqual(expected);
  });

  it('works from CommonJS require', () => {
    writeFileSync(join(consumer, 'cjs.cjs'), `const lib = require('ticket-recipients');\n${script}`);
    expect(JSON.parse(run('node', ['cjs.cjs'], consumer))).toEqual(expected);
  });

  it('serves the testing kit from both module systems, with fast-check as a peer', () => {
    const check = `const ok = typeof kit.assertTicketInvariants === 'function' && typeof kit.address === 'function' && kit.arbitraries !== undefined; console.log(ok);`;
    writeFileSync(join(consumer, 'kit.mjs'), `import * as kit from 'ticket-recipients/testing';\n${check}`);
    writeFileSync(join(consumer, 'kit.cjs'), `const kit = require('ticket-recipients/testing');\n${check}`);
    expect(run('node', ['kit.mjs'], consumer).trim()).toBe('true');
    expect(run('node', ['kit.cjs'], consumer).trim()).toBe('true');
  });

  it('ships only what users need', () => {
    const files = run('npm', ['pack', '--dry-run', '--json', '--silent'], root);
    const paths = (JSON.parse(files) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path).sort();
    expect(paths?.filter((p) => !p.startsWith('dist/'))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/testing.js', 'dist/testing.cjs', 'dist/testing.d.ts', 'dist/testing.d.cts']));
    expect(paths?.every((p) => !/\.(test|map)\.|^src\/|^test\//.test(p))).toBe(true);
  });

  it('passes publint', () => {
    expect(run('npx', ['publint', '--strict'], root)).toMatch(/All good/);
  });

  it('passes arethetypeswrong', () => {
    // Exits non-zero on any problem.
    expect(() => run('npx', ['attw', '--pack', '.', '--format', 'ascii'], root)).not.toThrow();
  });

  it('tree-shakes: a consumer of address functions alone bundles no immer', async () => {
    const entry = join(consumer, 'address-only.mjs');
    writeFileSync(entry, `import { parseAddressList } from 'ticket-recipients';\nconsole.log(parseAddressList('a@b.example').mailboxes.length);\n`);
    const result = await build({ entryPoints: [entry], bundle: true, minify: true, write: false, format: 'esm', platform: 'neutral', mainFields: ['module', 'main'], absWorkingDir: consumer });
    const code = result.outputFiles[0]?.text ?? '';
    expect(code).toContain('parseOneAddress');
    expect(code).not.toMatch(/immer|produce|Immer/);
    expect(code).not.toMatch(/fast-check|fast_check/);
    expect(gzipSync(code).length).toBeGreaterThan(0);
  });
});
