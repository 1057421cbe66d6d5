// The README and the guides stand on their own: every link lands on a file and an anchor that
// exist, the README's links survive packing (they are what the npm page shows), and nothing
// points outside the repository or at documents it does not contain.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const repository = 'https://github.com/ticket-recipients/ticket-recipients/blob/main/';
const pages = ['README.md', ...readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];

/** Markdown outside fenced blocks and inline code, where links are links. */
const prose = (text: string): string => text.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');

const linksOf = (page: string): string[] =>
  [...prose(readFileSync(join(root, page), 'utf8')).matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => m[1] as string);

// GitHub's heading ids: lower case, punctuation dropped, spaces to hyphens, repeats numbered.
function headingIds(text: string): string[] {
  const seen = new Map<string, number>();
  return [...prose(text).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)].map((m) => {
    const base = (m[1] as string)
      .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  });
}

function anchorsOf(file: string): Set<string> {
  const text = readFileSync(file, 'utf8');
  return new Set([...headingIds(text), ...[...text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)].map((m) => m[1] as string)]);
}

interface Target {
  readonly page: string;
  readonly link: string;
  /** Path from the repository root, or null for a link within the page. */
  readonly path: string | null;
  readonly anchor: string | null;
}

function targetOf(page: string, link: string): Target | null {
  if (link.startsWith(repository)) {
    const [path = '', anchor] = link.slice(repository.length).split('#');
    return { page, link, path: normalize(path), anchor: anchor ?? null };
  }
  if (/^[a-z][a-z+.-]*:/i.test(link)) return null;
  const [path = '', anchor] = link.split('#');
  return { page, link, path: path === '' ? null : relative(root, resolve(root, dirname(page), path)), anchor: anchor ?? null };
}

const targets = pages.flatMap((page) => linksOf(page).flatMap((link) => targetOf(page, link) ?? []));

describe('links in the README and the guides', () => {
  it('there are links to check, rule ids among them', () => {
    expect(targets.length).toBeGreaterThan(50);
    expect(targets.some((t) => t.page === 'README.md' && t.path === 'docs/behaviour.md' && t.anchor !== null)).toBe(true);
  });

  it.each(targets.map((t) => [`${t.page} → ${t.link}`, t] as const))('%s resolves', (_name, t) => {
    const file = join(root, t.path ?? t.page);
    expect(t.path === null || !t.path.startsWith('..'), 'stays inside the repository').toBe(true);
    expect(existsSync(file), `${t.path} exists`).toBe(true);
    if (t.anchor !== null) {
      expect(statSync(file).isFile() && file.endsWith('.md'), 'an anchor needs a markdown page').toBe(true);
      expect([...anchorsOf(file)], `#${t.anchor} in ${t.path ?? t.page}`).toContain(t.anchor);
    }
  });

  it('every relative link of the README points into the packed tarball, so it works on the npm page', () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--silent'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const packed = (JSON.parse(out) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];
    const local = targets.filter((t) => t.page === 'README.md' && !t.link.startsWith('https:') && t.path !== null);
    expect(local.length).toBeGreaterThan(5);
    for (const t of local) expect(packed.some((p) => p === t.path || p.startsWith(`${t.path}/`)), `${t.link} is packed`).toBe(true);
    // The guides the README points at link on among themselves: those must be packed too.
    const fromPackedDocs = targets.filter((t) => packed.includes(t.page) && !t.link.startsWith('https:') && t.path !== null);
    for (const t of fromPackedDocs) expect(packed.some((p) => p === t.path || p.startsWith(`${t.path}/`)), `${t.page} → ${t.link} is packed`).toBe(true);
  });

  it('every rule id of the behaviour reference has an anchor, and rule links from other pages name one', () => {
    const anchors = anchorsOf(join(root, 'docs/behaviour.md'));
    const ids = ['A', 5, 'B', 10, 'C', 4, 'D', 7, 'E', 7, 'G', 4, 'H', 5, 'I', 12, 'P', 3] as const;
    for (let i = 0; i < ids.length; i += 2) {
      for (let n = 1; n <= (ids[i + 1] as number); n++) expect([...anchors]).toContain(`${ids[i] as string}${n}`);
    }
    for (let n = 0; n <= 14; n++) expect([...anchors]).toContain(`F${n}`);
  });
});

describe('the repository stands on its own', () => {
  const files = (dir: string): string[] =>
    readdirSync(join(root, dir)).flatMap((name) => {
      const path = join(dir, name);
      if (path === join('docs', 'api')) return [];
      return statSync(join(root, path)).isDirectory() ? files(path) : [path];
    });
  // Still naming "SPEC section …" in a JSDoc comment (and so in docs/api) until their owner rewords
  // them; `it.fails` turns red once they are fixed, so the entry is removed then.
  const pending = new Set([join('src', 'policy', 'settings.ts'), join('src', 'policy', 'presets.ts')]);
  const checked = ['README.md', 'CHANGELOG.md', 'package.json', ...files('docs'), ...files('demo'), ...files('src')];
  const standsAlone = (file: string): void => {
    const text = readFileSync(join(root, file), 'utf8');
    expect(text).not.toMatch(/SPEC\.md|\.\.\/shared|\bseeds?\s+0\d\d/i);
    expect(text).not.toMatch(/\bSPEC\b/);
  };

  it.each(checked.filter((f) => !pending.has(f)))('%s names no outside specification, shared folder or numbered seed', standsAlone);
  it.fails.each([...pending])('%s still names the outside specification (to fix in that file)', standsAlone);
});
