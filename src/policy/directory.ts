import { parseAddress } from '../address/parse-list.js';
import type { AddressKey, IdentityOptions } from '../address/types.js';

export type StaffKind = 'agent' | 'light-agent' | 'admin';

/** A person the help desk knows: its staff (agents, light agents, admins) and, for suggestions, known end users. */
export interface DirectoryEntry {
  readonly address: string;
  readonly kind: StaffKind | 'end-user';
  /** The help desk's id for the person; staff actors are referred to by it. */
  readonly id?: string;
  readonly name?: string;
}

/** A directory ready for look-ups by address identity and by id. Build it once with `createDirectory`. */
export interface Directory {
  readonly entries: readonly DirectoryEntry[];
  byKey(key: AddressKey): DirectoryEntry | undefined;
  byId(id: string): DirectoryEntry | undefined;
}

/**
 * Indexes the caller's people by normalised address. Entries that are not objects, or have an
 * invalid address, are left out of the address index.
 *
 * @example
 * const directory = createDirectory([{ address: 'ann@desk.example', kind: 'agent', id: 'ann' }]);
 */
export function createDirectory(entries: readonly DirectoryEntry[], identity: IdentityOptions = {}): Directory {
  const keys = new Map<string, DirectoryEntry>();
  const ids = new Map<string, DirectoryEntry>();
  for (const entry of Array.isArray(entries) ? entries : []) {
    if (typeof entry !== 'object' || entry === null) continue;
    const parsed = parseAddress(entry.address, identity);
    if (parsed.ok && !keys.has(parsed.value.key)) keys.set(parsed.value.key, entry);
    if (entry.id !== undefined && !ids.has(entry.id)) ids.set(entry.id, entry);
  }
  return {
    entries,
    byKey: (key) => keys.get(key),
    byId: (id) => ids.get(id),
  };
}

export const emptyDirectory: Directory = /* @__PURE__ */ createDirectory([]);

export const isStaff = (entry: DirectoryEntry | undefined): entry is DirectoryEntry & { kind: StaffKind } =>
  entry !== undefined && entry.kind !== 'end-user';
