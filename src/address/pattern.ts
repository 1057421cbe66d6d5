import { domainToAscii, splitAddrSpec } from './normalize.js';
import type { AddressKey, IdentityOptions } from './types.js';

/**
 * A compiled address pattern (denylist or support address entry, D2 and A5):
 * - `bot@example.com`: that address;
 * - `example.com` or `@example.com`: every address of that domain, not its subdomains;
 * - `*.example.com`: every address of its subdomains;
 * - `*` in the local part or the domain: any run of characters (`no-reply*@*`, `reply+*@in.desk.example`).
 * Patterns match the address only, never a display name.
 */
export interface AddressPattern {
  readonly source: string;
  /** Literal pieces between `*`s, for the local part and the domain. */
  readonly local: readonly string[] | null;
  readonly domain: readonly string[];
}

/** The longest pattern entry: an address is at most 254 characters (RFC 5321), and a pattern is one with stars. */
export const MAX_PATTERN_LENGTH = 320;

/**
 * Compiles one pattern entry, or returns `null` when it is not a pattern at all (or is
 * longer than `MAX_PATTERN_LENGTH`). Linear in the entry: no regular expression that could backtrack.
 * Patterns always match case-insensitively: `caseSensitiveLocalPart` is about customers'
 * mailboxes, and a help desk's own addresses or a denylist entry are the same in any case.
 * The `options` parameter is kept for compatibility and ignored.
 */
export function compilePattern(source: string, _options?: IdentityOptions): AddressPattern | null {
  if (typeof source !== 'string' || source.length > MAX_PATTERN_LENGTH) return null;
  const text = source.trim();
  const at = text.indexOf('@');
  // One `@` at most, nothing after it missing, no white space anywhere.
  if (at !== text.lastIndexOf('@') || /\s/.test(text)) return null;
  const localText = at <= 0 ? null : text.slice(0, at);
  const domainText = text.slice(at + 1);
  if (domainText === '' || domainText.includes('..')) return null;
  const domain = domainText
    .split('*')
    .map((piece) => (piece === '' ? '' : domainToAscii(piece)));
  const local = localText === null ? null : lowerLocal(localText).split('*');
  return { source: text, local, domain };
}

const lowerLocal = (local: string): string => local.normalize('NFC').toLowerCase();

/**
 * Glob match where `pieces` are the literals between `*`s. Greedy leftmost matching of
 * the middle pieces is exact for a `*`-only glob, and never backtracks: time is linear
 * in the text for a given pattern, whatever the pattern (`*a*a*a*b` included).
 */
export function globMatch(pieces: readonly string[], text: string): boolean {
  if (pieces.length === 1) return pieces[0] === text;
  const first = pieces[0] as string;
  const last = pieces[pieces.length - 1] as string;
  if (first.length + last.length > text.length) return false;
  if (!text.startsWith(first) || !text.endsWith(last)) return false;
  let at = first.length;
  const end = text.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i] as string;
    if (piece === '') continue;
    const found = text.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}

function matchesParts(pattern: AddressPattern, local: string, domain: string): boolean {
  if (!Array.isArray(pattern?.domain)) return false;
  return globMatch(pattern.domain, domain) && (pattern.local === null || globMatch(pattern.local, local));
}

/**
 * Whether an address identity matches a compiled pattern.
 *
 * @example
 * const pattern = compilePattern('no-reply*@*');
 * const key = normalizeAddress('no-reply-42@shop.example');
 * pattern && key.ok && matchesPattern(pattern, key.value); // true
 */
export function matchesPattern(pattern: AddressPattern, key: AddressKey): boolean {
  if (typeof key !== 'string' || typeof pattern !== 'object' || pattern === null) return false;
  const { local, domain } = splitAddrSpec(key);
  return matchesParts(pattern, lowerLocal(local), domain);
}

/**
 * Whether an address identity matches any of the patterns.
 *
 * @example
 * const patterns = ['spam.example', 'no-reply*@*'].map((p) => compilePattern(p)!);
 * const key = normalizeAddress('no-reply@shop.example');
 * key.ok && matchesAny(patterns, key.value); // true
 */
export function matchesAny(patterns: readonly AddressPattern[], key: AddressKey): boolean {
  if (!Array.isArray(patterns) || patterns.length === 0 || typeof key !== 'string') return false;
  const { local, domain } = splitAddrSpec(key);
  const lower = lowerLocal(local);
  for (const pattern of patterns) if (matchesParts(pattern, lower, domain)) return true;
  return false;
}
