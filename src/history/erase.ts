import { parseAddress } from '../address/parse-list.js';
import type { AddressKey, IdentityOptions, Mailbox } from '../address/types.js';
import { isRecord } from '../json.js';
import { issue, under, type Issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import { check } from '../schema/schema.js';
import { checksum } from '../ticket/checksum.js';
import { EVENT_VERSION, type TicketEvent } from '../ticket/events.js';
import { actor } from '../ticket/schema.js';
import type { Actor } from '../ticket/types.js';
import { readEvents } from './read-events.js';

export interface EraseOptions {
  /** The address that takes the erased one's place. Default: `erased-<checksum of its identity>@erased.invalid`. */
  readonly pseudonym?: string;
  /** When the erasure happened, as for any event. */
  readonly at: string;
  /** Who asked for it: recorded on the `address-erased` event. */
  readonly by: Actor;
  /** How identities were compared when the log was written (A3). */
  readonly identity?: IdentityOptions;
}

export interface Erased {
  /** The whole log, rewritten, with the `address-erased` event last: it replaces the stored log. */
  readonly events: TicketEvent[];
  readonly pseudonym: string;
}

// Ticket ids are the store's keys, not text about a person: rewriting one would move the log.
const STRUCTURAL = new Set(['v', 'seq', 'sum', 'type', 'cause', 'ticketId', 'toTicketId', 'into']);
// Anything shaped like local@domain inside free text (names, refused inputs, messages, ids).
const ADDRESS_LIKE = /[^\s<>()[\]{},;:"'`]+@[^\s<>()[\]{},;:"'`]+/gu;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const isMailbox = (v: Record<string, unknown>): v is Record<string, unknown> & Mailbox =>
  typeof v.address === 'string' && typeof v.key === 'string' && (v.name === null || typeof v.name === 'string');

/** Every spelling of the address found in the log, so free text is searched for each (A3: case and IDN forms). */
function spellingsOf(log: readonly unknown[], key: AddressKey, given: string, identity: IdentityOptions): string[] {
  const found = new Set<string>([given, key]);
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (isRecord(v)) {
      // H5: a participant's other address, recorded under their identity, is theirs too.
      if (isMailbox(v) && (v.key === key || identityKey(v.address, identity) === key)) found.add(v.address);
      Object.values(v).forEach(visit);
    }
  };
  visit(log);
  // Longest first, so a spelling is replaced whole before any shorter one inside it.
  return [...found].filter((s) => s !== '').sort((a, b) => b.length - a.length);
}

function identityKey(text: string, identity: IdentityOptions): string | null {
  const parsed = parseAddress(text, identity);
  return parsed.ok ? parsed.value.key : null;
}

/**
 * E7: the log with one address replaced by a pseudonym everywhere it can be — participants,
 * comments' author, To and Cc, notices, refused recipients, delivery and mute records, the
 * end user an event was by, and any free text (display names, refused input, messages) that
 * contains it in any case or IDN form. The erased mailbox's display name is dropped. Every
 * event gets a new checksum and an `address-erased` event is appended, so the result reads
 * with `readEvents` and folds like the original with the pseudonym in the address's place.
 *
 * The default pseudonym is derived from the address, so erasing it again (or on another
 * ticket) gives the same one; whoever knows the address can recompute it. Pass a random
 * `pseudonym` when the erased person must not be linkable across tickets.
 *
 * The log is read with `readEvents` first: a damaged log is reported, never re-stamped into
 * one that looks sound.
 *
 * @example
 * const r = eraseAddress(storedLog, 'ann@acme.example', { at: '2026-02-01T00:00:00Z', by: { kind: 'admin', id: 'mia' } });
 * if (r.ok) replaceStoredLog(r.value.events);
 */
export function eraseAddress(log: readonly TicketEvent[], address: string, options: EraseOptions): Result<Erased, Issue[]> {
  const identity = options?.identity ?? {};
  const issues: Issue[] = [];
  const target = parseAddress(address, identity);
  if (!target.ok) issues.push(issue(target.error.code, target.error.message, address, ['address']));
  const key = target.ok ? target.value.key : ('' as AddressKey);
  const pseudonym = options?.pseudonym ?? `erased-${checksum(key)}${checksum(`${key}#2`)}@erased.invalid`;
  const replacement = parseAddress(pseudonym, identity);
  if (!replacement.ok) issues.push(issue(replacement.error.code, `The pseudonym is not an address: ${replacement.error.message}`, pseudonym, ['options', 'pseudonym']));
  issues.push(...check(actor, options?.by, ['options', 'by']));
  if (typeof options?.at !== 'string') issues.push(issue('wrong-type', 'options.at must be a string.', options?.at, ['options', 'at']));
  const read = readEvents(log);
  if (!read.ok) issues.push(...read.error.map(under(['log'])));
  if (issues.length > 0 || !target.ok || !replacement.ok || !read.ok) return err(issues);

  const events = read.value;
  const pseudo: Mailbox = { address: replacement.value.address, name: null, key: replacement.value.key };
  const spellings = spellingsOf(events, key, target.value.address, identity);
  const matchesTarget = (text: string) => identityKey(text, identity) === key;

  // A pseudonym that already names someone else would merge two people into one participant.
  const lower = pseudo.address.toLowerCase();
  if (pseudo.key !== key && ((mentions(events, key) && mentions(events, pseudo.key)) || spellings.some((s) => lower.includes(s.toLowerCase())))) {
    return err([issue('invalid-value', `The pseudonym ${pseudonym} already names someone on this ticket.`, pseudonym, ['options', 'pseudonym'])]);
  }

  const patterns = spellings.map((s) => new RegExp(escapeRegExp(s), 'giu'));
  const scrub = (text: string): string => {
    let out = text.replace(ADDRESS_LIKE, (token) => {
      const bare = token.replace(/\.+$/, '');
      return matchesTarget(bare) ? pseudo.address + token.slice(bare.length) : token;
    });
    for (const p of patterns) out = out.replace(p, pseudo.address);
    return out;
  };

  const fields = (value: Record<string, unknown>) => Object.fromEntries(Object.entries(value).map(([k, v]) => [k, rewrite(v, k)]));
  const rewrite = (value: unknown, name: string | null): unknown => {
    if (typeof value === 'string') return name !== null && STRUCTURAL.has(name) ? value : scrub(value);
    if (Array.isArray(value)) return value.map((v) => rewrite(v, null));
    if (!isRecord(value)) return value;
    if (isMailbox(value)) {
      if (value.key === key || matchesTarget(value.address)) return pseudo;
      return { ...value, name: value.name === null ? null : scrub(value.name) };
    }
    // A refused entry's input is what the message said: when it named the address, only the pseudonym is kept.
    if (typeof value.input === 'string' && 'mailbox' in value && 'code' in value) {
      const input = value.input;
      const named = (isRecord(value.mailbox) && isMailbox(value.mailbox) && value.mailbox.key === key) || scrub(input) !== input;
      return { ...fields(value), input: named ? pseudo.address : input };
    }
    return fields(value);
  };

  const last = events[events.length - 1];
  if (last === undefined) return ok({ events: [], pseudonym: pseudo.address });
  const rewritten = events.map((e) => restamp(rewrite(e, null) as Record<string, unknown>));
  const erased = restamp({ v: EVENT_VERSION, ticketId: last.ticketId, seq: last.seq + 1, type: 'address-erased', pseudonym: pseudo.address, at: options.at, by: rewrite(options.by, null), cause: 'erasure' });
  return ok({ events: [...rewritten, erased], pseudonym: pseudo.address });
}

function mentions(value: unknown, key: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, key));
  if (!isRecord(value)) return false;
  if (isMailbox(value) && value.key === key) return true;
  return Object.values(value).some((v) => mentions(v, key));
}

function restamp(event: Record<string, unknown>): TicketEvent {
  const { sum: _sum, ...content } = event;
  return { ...content, sum: checksum(content) } as unknown as TicketEvent;
}
