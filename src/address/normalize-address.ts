import { parseAddress } from './parse-list.js';
import type { AddressIssue, AddressKey, IdentityOptions } from './types.js';
import { ok, type Result } from '../result.js';

/**
 * The identity of an address (A3), from any address text a user may type or a header may hold.
 *
 * @example
 * const r = normalizeAddress('Kunde <KUNDE@Bücher.Example>');
 * r.ok && r.value; // 'kunde@xn--bcher-kva.example'
 */
export function normalizeAddress(input: unknown, options: IdentityOptions = {}): Result<AddressKey, AddressIssue> {
  options ??= {};
  const parsed = parseAddress(input, options);
  return parsed.ok ? ok(parsed.value.key) : parsed;
}

/**
 * Whether two address texts are the same participant (A3). Invalid addresses are never the same.
 *
 * @example
 * sameAddress('Ann <ANN@Acme.example>', 'ann@acme.example'); // true
 */
export function sameAddress(a: unknown, b: unknown, options: IdentityOptions = {}): boolean {
  const x = normalizeAddress(a, options);
  const y = normalizeAddress(b, options);
  return x.ok && y.ok && x.value === y.value;
}
