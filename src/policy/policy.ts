import { compilePattern, matchesAny, type AddressPattern } from '../address/pattern.js';
import type { AddressKey, IdentityOptions } from '../address/types.js';
import type { Settings } from './settings.js';

/** Settings with their address patterns compiled once, for the hot paths. */
export interface Policy {
  readonly settings: Settings;
  readonly identity: IdentityOptions;
  readonly denylist: readonly AddressPattern[];
  readonly support: readonly AddressPattern[];
}

// Patterns ignore `caseSensitiveLocalPart`: it concerns customers' mailboxes, never the
// help desk's own addresses or the denylist (A5, D2), which match in any case.
function compileAll(entries: readonly string[]): AddressPattern[] {
  const compiled: AddressPattern[] = [];
  // Settings that skipped `parseSettings` may hold anything: what is not a pattern matches nothing.
  const list: readonly unknown[] = Array.isArray(entries) ? entries : typeof entries === 'string' ? (entries as string).split(/[\s,]+/) : [];
  for (const entry of list) {
    if (typeof entry !== 'string') continue;
    const pattern = compilePattern(entry);
    if (pattern !== null) compiled.push(pattern);
  }
  return compiled;
}

export function compilePolicy(settings: Settings): Policy {
  const identity = { caseSensitiveLocalPart: settings.caseSensitiveLocalPart };
  return {
    settings,
    identity,
    denylist: compileAll(settings.denylist),
    support: compileAll(settings.supportAddresses),
  };
}

/** One of the help desk's own addresses (A5): never a participant, ignored on inbound mail. */
export const isSupportAddress = (policy: Policy, key: AddressKey): boolean => matchesAny(policy.support, key);

/** Denylisted (D2): may be a requester, never a CC, BCC or follower. */
export const isDenylisted = (policy: Policy, key: AddressKey): boolean => matchesAny(policy.denylist, key);
