import { parseAddress } from '../address/parse-list.js';
import type { IdentityOptions, Mailbox } from '../address/types.js';
import type { Directory } from '../policy/directory.js';
import { ticketShapeIssues } from './check-ticket.js';
import type { Ticket } from './types.js';

/**
 * Pass the help desk's `caseSensitiveLocalPart` (as in its settings): the ticket's keys were
 * made with it, and directory people must be compared the same way to be recognised.
 */
export interface SuggestOptions extends IdentityOptions {
  /** The field being filled: its current holders are not offered again. Default `cc`. */
  readonly field?: 'requester' | 'cc' | 'bcc' | 'follower';
  /** Most suggestions to return. Default 10. */
  readonly limit?: number;
}

export interface Suggestion extends Pick<Mailbox, 'address' | 'name' | 'key'> {
  readonly source: 'ticket' | 'directory';
}

function matches(prefix: string, address: string, name: string | null | undefined): boolean {
  if (address.toLowerCase().startsWith(prefix)) return true;
  if (!name) return false;
  const lower = name.toLowerCase();
  return lower.startsWith(prefix) || lower.split(/\s+/).some((word) => word.startsWith(prefix));
}

/**
 * Addresses to offer while an agent types into a recipient field (C2): the ticket's
 * remembered addresses, most recently used first, then the directory's people, whose
 * address, name or a word of the name starts with `prefix` (case-insensitive).
 *
 * @example
 * suggest(ticket, 'ann', directory, { field: 'cc', caseSensitiveLocalPart: settings.caseSensitiveLocalPart }); // [{ address: 'ann@acme.example', name: 'Ann', source: 'ticket', … }]
 */
export function suggest(ticket: Ticket, prefix: unknown, directory?: Directory, options: SuggestOptions = {}): Suggestion[] {
  if (typeof prefix !== 'string' || ticketShapeIssues(ticket).length > 0) return [];
  options ??= {};
  const wanted = prefix.trim().toLowerCase();
  const field = options.field ?? 'cc';
  const limit = options.limit ?? 10;
  const identity: IdentityOptions = options.caseSensitiveLocalPart === true ? { caseSensitiveLocalPart: true } : {};
  const current =
    field === 'requester' ? (ticket.requester ? [ticket.requester] : []) : field === 'cc' ? ticket.ccs : field === 'bcc' ? ticket.bccs : ticket.followers;
  const taken = new Set<string>(current.map((m) => m.key));
  const out: Suggestion[] = [];
  const offer = (s: Suggestion): void => {
    if (out.length < limit && !taken.has(s.key)) {
      taken.add(s.key);
      out.push(s);
    }
  };
  const remembered = [...ticket.memory].sort((a, b) => b.lastUsed - a.lastUsed);
  for (const m of remembered) if (matches(wanted, m.address, m.name)) offer({ address: m.address, name: m.name, key: m.key, source: 'ticket' });
  for (const entry of Array.isArray(directory?.entries) ? directory.entries : []) {
    if (!matches(wanted, entry.address, entry.name)) continue;
    const parsed = parseAddress(entry.address, identity);
    if (parsed.ok) offer({ address: parsed.value.address, name: entry.name ?? parsed.value.name, key: parsed.value.key, source: 'directory' });
  }
  return out;
}
