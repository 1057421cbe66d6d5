import { parseAddress } from '../address/parse-list.js';
import type { AddressKey, IdentityOptions, Mailbox } from '../address/types.js';
import { issue, type Issue } from '../issue/issue.js';

export type StaffKind = 'agent' | 'light-agent' | 'admin';

/** A person the help desk knows: its staff (agents, light agents, admins) and, for suggestions, known end users. */
export interface DirectoryEntry {
  /** The person's main address: the one the ticket keeps for them (their identity, H5). */
  readonly address: string;
  readonly kind: StaffKind | 'end-user';
  /** The help desk's id for the person; staff actors are referred to by it. */
  readonly id?: string;
  readonly name?: string;
  /**
   * H5: the person's other addresses (a customer's home address, an agent's second mailbox).
   * Mail from any of them is theirs, they hold one role whichever is named, and a plan sends
   * them one copy, to the address they last wrote from.
   */
  readonly addresses?: readonly string[];
  /** H5: the address plans send to whichever one the person last wrote from; one of `address` and `addresses`. */
  readonly preferred?: string;
}

/** Why the directory's H5 fields could not be used as given; the entry's other addresses still count. */
export type DirectoryIssue = Issue<'wrong-type' | 'invalid-value' | 'address-shared' | 'preferred-not-listed'>;

/** A directory ready for look-ups by address identity and by id. Build it once with `createDirectory`. */
export interface Directory {
  readonly entries: readonly DirectoryEntry[];
  /** The person any of whose addresses has this identity. */
  byKey(key: AddressKey): DirectoryEntry | undefined;
  byId(id: string): DirectoryEntry | undefined;
  /**
   * H5: the identity of the person an address belongs to: the key of their main address for
   * any of their addresses, the key itself for an address the directory does not list twice.
   */
  personKey(key: AddressKey): AddressKey;
  /** H5: the address plans send to for this person, when the directory names a preferred one. */
  preferredAddress(key: AddressKey): string | undefined;
  /** Whether some person has more than one address (when not, `personKey` changes nothing). */
  readonly hasAliases: boolean;
  /** Problems with `addresses` and `preferred`: a decision with this directory refuses to go on (as with settings). */
  readonly issues: readonly DirectoryIssue[];
}

/**
 * Indexes the caller's people by normalised address. Entries that are not objects, or have an
 * invalid address, are left out of the address index. A person's further `addresses` (H5) map
 * to the same entry; an address two people list is reported in `issues` and kept by the first.
 *
 * @example
 * const directory = createDirectory([{ address: 'ann@desk.example', kind: 'agent', id: 'ann' }]);
 * const people = createDirectory([{ address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' }]);
 */
export function createDirectory(entries: readonly DirectoryEntry[], identity: IdentityOptions = {}): Directory {
  const keys = new Map<string, DirectoryEntry>();
  const ids = new Map<string, DirectoryEntry>();
  const persons = new Map<string, AddressKey>();
  const preferred = new Map<string, string>();
  const issues: DirectoryIssue[] = [];
  const list = Array.isArray(entries) ? entries : [];
  list.forEach((entry: unknown, i) => {
    if (typeof entry !== 'object' || entry === null) return;
    const e = entry as DirectoryEntry;
    const parsed = parseAddress(e.address, identity);
    if (parsed.ok && !keys.has(parsed.value.key)) keys.set(parsed.value.key, e);
    if (e.id !== undefined && !ids.has(e.id)) ids.set(e.id, e);
    const plain = e.addresses === undefined && e.preferred === undefined;
    if (!parsed.ok) return;
    const main = parsed.value.key;
    const holder = keys.get(main);
    // H5: an address someone lists as another of theirs, that is also someone else's own, belongs to two people.
    if (holder !== e && (!plain || persons.has(main))) issues.push(issue('address-shared', `${parsed.value.address} belongs to two people in the directory; it stays with the first.`, e.address, [i, 'address']));
    if (plain) return;
    const own = new Set<string>([main]);
    const more: unknown = e.addresses;
    if (more !== undefined && !Array.isArray(more)) issues.push(issue('wrong-type', `addresses of ${parsed.value.address} must be an array of email addresses.`, more, [i, 'addresses']));
    (Array.isArray(more) ? more : []).forEach((text: unknown, j) => {
      const alias = parseAddress(text, identity);
      if (!alias.ok || typeof text !== 'string') {
        issues.push(issue('invalid-value', `${JSON.stringify(text)} is not an email address.`, text, [i, 'addresses', j]));
        return;
      }
      const key = alias.value.key;
      const holder = keys.get(key);
      if (holder !== undefined && holder !== e) {
        issues.push(issue('address-shared', `${alias.value.address} is listed for two people in the directory; it stays with the first.`, text, [i, 'addresses', j]));
        return;
      }
      own.add(key);
      keys.set(key, e);
      if (key !== main) persons.set(key, main);
    });
    if (e.preferred !== undefined) {
      const choice = parseAddress(e.preferred, identity);
      if (!choice.ok || typeof e.preferred !== 'string') issues.push(issue('invalid-value', `${JSON.stringify(e.preferred)} is not an email address.`, e.preferred, [i, 'preferred']));
      else if (!own.has(choice.value.key)) issues.push(issue('preferred-not-listed', `The preferred address ${choice.value.address} is not one of ${parsed.value.address}'s addresses.`, e.preferred, [i, 'preferred']));
      else preferred.set(main, choice.value.address);
    }
  });
  return {
    entries,
    byKey: (key) => keys.get(key),
    byId: (id) => ids.get(id),
    personKey: (key) => persons.get(key) ?? key,
    preferredAddress: (key) => preferred.get(persons.get(key) ?? key),
    hasAliases: persons.size > 0,
    issues,
  };
}

export const emptyDirectory: Directory = /* @__PURE__ */ createDirectory([]);

export const isStaff = (entry: DirectoryEntry | undefined): entry is DirectoryEntry & { kind: StaffKind } =>
  entry !== undefined && entry.kind !== 'end-user';

/** A directory made by hand (tests, older callers) lacks the H5 look-ups: it gets ones that change nothing. */
export function completeDirectory(directory: Directory): Directory {
  if (typeof directory.personKey === 'function' && typeof directory.preferredAddress === 'function') return directory;
  return { ...directory, byKey: directory.byKey, byId: directory.byId, personKey: (key) => key, preferredAddress: () => undefined, hasAliases: false, issues: [] };
}

/** H5: a mailbox with the identity of the person it belongs to (the address stays the one written). */
export function asPerson<M extends { readonly key: AddressKey }>(directory: Directory, mailbox: M): M {
  if (!directory.hasAliases) return mailbox;
  const key = directory.personKey(mailbox.key);
  return key === mailbox.key ? mailbox : { ...mailbox, key };
}

/** A ticket's people by role (a ticket, or the working set of one decision). */
export type Participants = { readonly requester: Mailbox | null; readonly ccs: readonly Mailbox[]; readonly bccs: readonly Mailbox[]; readonly followers: readonly Mailbox[] };

/** Everyone with a role: the requester, the CCs, the BCCs, the followers. */
export const everyone = (p: Participants): readonly Mailbox[] => [...(p.requester === null ? [] : [p.requester]), ...p.ccs, ...p.bccs, ...p.followers];

/**
 * H5: the identity of a mailbox's address as written, when it is not the mailbox's own key
 * (the key is the person's, the address another of theirs); `null` when they are the same.
 */
export function writtenKey(mailbox: Mailbox, identity: IdentityOptions = {}): AddressKey | null {
  if (typeof mailbox.address !== 'string' || mailbox.address.toLowerCase() === mailbox.key) return null;
  const parsed = parseAddress(mailbox.address, identity);
  return parsed.ok && parsed.value.key !== mailbox.key ? parsed.value.key : null;
}

/**
 * H5: the identity each address of a message stands for. An address of a person the directory
 * lists with several addresses takes the identity that person already has on the ticket (kept
 * from before the directory named all their addresses), or else the key of their main address.
 * The address itself stays as written: it is where they wrote from.
 */
export function personFinder(directory: Directory, ticket: Participants | null, identity: IdentityOptions = {}): (m: Mailbox) => Mailbox {
  const all = ticket === null ? [] : everyone(ticket);
  // The address the ticket reaches someone at is theirs, even once the directory no longer lists it for them.
  const heldAt = new Map<string, Mailbox['key']>();
  for (const p of all) {
    const written = writtenKey(p, identity);
    if (written !== null && !heldAt.has(written)) heldAt.set(written, p.key);
  }
  if (!directory.hasAliases && heldAt.size === 0) return same;
  const onTicket = new Map<string, Mailbox['key']>();
  for (const p of all) {
    const person = directory.personKey(p.key);
    if (!onTicket.has(person)) onTicket.set(person, p.key);
  }
  return (m) => {
    const person = directory.personKey(m.key);
    const key = onTicket.get(person) ?? (person === m.key ? heldAt.get(m.key) : undefined) ?? person;
    return key === m.key ? m : { ...m, key };
  };
}

/** The finder that changes nobody. */
export const same = <M>(m: M): M => m;
