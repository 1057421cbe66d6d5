import type { Mailbox } from '../address/types.js';
import type { RecipientChange } from '../edits/decide-edit.js';
import type { RecipientField, Ticket } from '../ticket/types.js';

/** The recipient fields of a ticket. */
export type Recipients = Pick<Ticket, 'requester' | 'ccs' | 'bccs' | 'followers'>;

const isRecipients = (r: unknown): r is Recipients =>
  typeof r === 'object' && r !== null && Array.isArray((r as Recipients).ccs) && Array.isArray((r as Recipients).bccs) && Array.isArray((r as Recipients).followers);

/**
 * The changes that turn one state's recipients into another's, as an agent edit would ask
 * for them: run them through `handle` as an `edit-recipients` command, so policy (D) applies
 * and history records them like every other change. The composer sends its fields this way.
 *
 * @example
 * const changes = recipientChanges({ requester: null, ccs: [], bccs: [], followers: [] }, { requester: null, ccs: [{ address: 'ann@acme.example', name: null, key: normalizeAddress('ann@acme.example') }], bccs: [], followers: [] });
 * changes; // [{ op: 'add', field: 'cc', address: { address: 'ann@acme.example', … } }]
 */
export function recipientChanges(from: Recipients, to: Recipients): RecipientChange[] {
  if (!isRecipients(from) || !isRecipients(to)) return [];
  const changes: RecipientChange[] = [];
  const fields: readonly [RecipientField, readonly Mailbox[], readonly Mailbox[]][] = [
    ['cc', from.ccs, to.ccs],
    ['bcc', from.bccs, to.bccs],
    ['follower', from.followers, to.followers],
  ];
  for (const [field, before, after] of fields) {
    const keep = new Set(after.map((m) => m.key));
    for (const m of before) if (!keep.has(m.key)) changes.push({ op: 'remove', field, address: m });
  }
  if (to.requester !== null && to.requester.key !== from.requester?.key) changes.push({ op: 'set-requester', address: to.requester });
  for (const [field, before, after] of fields) {
    const had = new Set(before.map((m) => m.key));
    for (const m of after) if (!had.has(m.key)) changes.push({ op: 'add', field, address: m });
  }
  return changes;
}
