// Ground rules (docs/behaviour.md): src/ is pure (no I/O, clock, randomness, Node built-ins, global immer switches).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = resolve(import.meta.dirname, '../src');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });

const FORBIDDEN: readonly [RegExp, string][] = [
  [/from ['"]node:|require\(|from ['"](fs|path|os|crypto|util|buffer|process)['"]/, 'a Node built-in'],
  [/Date\.now|new Date\(/, 'the clock'],
  [/Math\.random|crypto\.getRandomValues|randomUUID/, 'randomness'],
  [/\b(setAutoFreeze|setUseStrictShallowCopy|enableMapSet|enablePatches)\(/, "immer's global switches"],
  [/\bprocess\.|\bconsole\./, 'process or console'],
  [/\bfetch\(|XMLHttpRequest|localStorage/, 'I/O'],
];

describe('the library is pure', () => {
  it.each(files(src).map((f) => [f.slice(src.length + 1), f]))('%s uses no I/O, clock, randomness or global switches', (_name, file) => {
    // Comments may mention anything (docs examples); only code counts.
    const code = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const [pattern, what] of FORBIDDEN) expect(code, `uses ${what}`).not.toMatch(pattern);
  });

  it('only src/testing imports fast-check', () => {
    for (const file of files(src).filter((f) => !f.includes('/testing/'))) expect(readFileSync(file, 'utf8')).not.toMatch(/fast-check/);
  });
});
