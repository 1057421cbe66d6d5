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

  it('serves the composer from both module systems, as its own entry', () => {
    const check = `const c = composer.createComposer({ v: 2, id: 'T-1', requester: null, ccs: [], bccs: [], followers: [], memory: [], notices: [], resolvedNotices: [], refused: [], heldBack: [], internalComments: [], mergedInto: null, commentCount: 0, recentMessageIds: [], revision: 0 }, { settings: { supportAddresses: ['support@desk.example'] } });
const s = c.reduce(c.reduce(c.initial, { type: 'show', field: 'cc' }), { type: 'paste', field: 'cc', text: 'Bob <bob@acme.example>, ' });
console.log(JSON.stringify({ cc: s.fields.cc.chips.map((m) => m.key), send: typeof composer.composerToCommands, handle: typeof composer.handle }));`;
    writeFileSync(join(consumer, 'composer.mjs'), `import * as composer from 'ticket-recipients/composer';\n${check}`);
    writeFileSync(join(consumer, 'composer.cjs'), `const composer = require('ticket-recipients/composer');\n${check}`);
    const expectedComposer = { cc: ['bob@acme.example'], send: 'function', handle: 'undefined' };
    expect(JSON.parse(run('node', ['composer.mjs'], consumer))).toEqual(expectedComposer);
    expect(JSON.parse(run('node', ['composer.cjs'], consumer))).toEqual(expectedComposer);
  });

  it('ships only what users need', () => {
    const files = run('npm', ['pack', '--dry-run', '--json', '--silent'], root);
    const paths = (JSON.parse(files) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path).sort();
    expect(paths?.filter((p) => !p.startsWith('dist/') && !p.startsWith('docs/'))).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    // The guides the README links to ship with it; the generated API reference stays in the repository.
    const guides = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`).sort();
    expect(paths?.filter((p) => p.startsWith('docs/'))).toEqual(guides);
    expect(guides).toContain('docs/behaviour.md');
    expect(paths).toEqual(expect.arrayContaining(['dist/index.js', 'dist/index.cjs', 'dist/index.d.ts', 'dist/index.d.cts', 'dist/testing.js', 'dist/testing.cjs', 'dist/testing.d.ts', 'dist/testing.d.cts', 'dist/composer.js', 'dist/composer.cjs', 'dist/composer.d.ts', 'dist/composer.d.cts']));
    expect(paths?.every((p) => !/\.(test|map)\.|^src\/|^test\//.test(p))).toBe(true);
  });

  it('gives one set of types to a TypeScript program that imports it from both CommonJS (.cts) and ESM (.mts)', () => {
    // Values made through `require` must type-check where the `import` build's types are expected,
    // and back: a brand declared as a `unique symbol` in each of .d.ts and .d.cts makes two unrelated types.
    const dir = join(consumer, 'dual-types');
    run('mkdir', ['-p', dir], consumer);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext', target: 'es2022', lib: ['es2022'], types: [], strict: true, noEmit: true, skipLibCheck: false }, files: ['from-require.cts', 'from-import.mts'] }),
    );
    writeFileSync(
      join(dir, 'from-require.cts'),
      `import { handle, normalizeAddress, prepareContext, type AddressKey, type PreparedContext, type Ticket } from 'ticket-recipients';
import { given } from 'ticket-recipients/testing';

const context = { settings: { supportAddresses: ['support@desk.example'] } };
export function openTicket(): Ticket {
  const r = handle(null, { type: 'receive-email', messageId: '<1@x>', newTicketId: 'T-1', at: 't', from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }, context);
  if (!r.ok || r.value.ticket === null) throw new Error('expected a ticket');
  return r.value.ticket;
}
export function keyOf(address: string): AddressKey {
  const r = normalizeAddress(address);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}
export const ccKeys = (ticket: Ticket): readonly AddressKey[] => ticket.ccs.map((m) => m.key);
export const prepared: PreparedContext = prepareContext(context);
export const sameTicket = (ticket: Ticket): Ticket => ticket;
export const kit = given;
`,
    );
    writeFileSync(
      join(dir, 'from-import.mts'),
      `import { defaultSettings, planDelivery, suggest, type AddressKey, type PreparedContext, type Ticket } from 'ticket-recipients';
import { assertTicketInvariants } from 'ticket-recipients/testing';
import { ccKeys, keyOf, openTicket, prepared, sameTicket } from './from-require.cjs';

// A Ticket from the CommonJS build into functions and types of the ESM build, and back.
const ticket: Ticket = openTicket();
const plan = planDelivery(openTicket(), { id: 'c', visibility: 'public' }, { settings: { supportAddresses: ['support@desk.example'] } });
suggest(openTicket(), 'b');
assertTicketInvariants(ticket, [], defaultSettings);
const back: Ticket = sameTicket(ticket);

// AddressKey both ways.
const key: AddressKey = keyOf('Bob@acme.example');
const keys: readonly AddressKey[] = ccKeys(ticket);
const again: readonly AddressKey[] = ccKeys(back);

// A PreparedContext from require, passed where the ESM build takes a context.
planDelivery(ticket, { id: 'c', visibility: 'internal' }, prepared);
// Its compiled form rides on a string key, not a unique symbol: both builds describe one type.
const context: PreparedContext = prepared;

export const used = [plan, key, keys, again, context];
`,
    );
    const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    try {
      run('node', [tsc, '-p', 'tsconfig.json', '--pretty', 'false'], dir);
    } catch (error) {
      output = String((error as { stdout?: unknown }).stdout ?? error);
    }
    expect(output).toBe('');
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
