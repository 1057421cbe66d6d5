import { issue, type Issue } from '../issue/issue.js';
import type { Actor } from '../policy/actor.js';
import { literal, object, string, unknown, type Schema } from '../schema/schema.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { RecipientSet, changeContext, withReason, type Env } from '../ticket/recipient-set.js';
import { bySetting } from '../explain/reason.js';
import { actor } from '../ticket/schema.js';
import type { Ticket } from '../ticket/types.js';

/** Merge ticket `source` into the ticket the command is handled on (H4). */
export interface MergeTickets {
  readonly type: 'merge-tickets';
  /** The ticket merged away (S): its current state, folded from its log. */
  readonly source: Ticket;
  readonly by: Actor;
  readonly at: string;
}

export const mergeTicketsSchema: Schema<MergeTickets> = /* @__PURE__ */ object({ type: /* @__PURE__ */ literal('merge-tickets'), source: unknown, by: actor, at: /* @__PURE__ */ string() });

export interface MergeDecision {
  readonly events: readonly UnstampedEvent[];
  /** The source ticket's events: it is closed as merged and points to the target. */
  readonly source: { readonly ticketId: string; readonly events: readonly UnstampedEvent[] };
  readonly issues: readonly Issue[];
}

/**
 * H4: the target gains the source's CCs, BCCs (never promoted: a BCC stays hidden),
 * followers, and the source's requester as a CC (`mergeRequesterAs`), each through the
 * working set, so the limit, the denylist and the settings apply; what does not fit is
 * reported (and recorded, E5). Nobody sees an address they could not see before.
 */
export function decideMerge(target: Ticket, command: MergeTickets, env: Env): MergeDecision | { readonly refused: readonly Issue[] } {
  const source = command.source;
  if (source.id === target.id) return { refused: [issue('invalid-command', 'A ticket cannot be merged into itself.', source.id, ['source', 'id'])] };
  if (source.mergedInto !== null) return { refused: [issue('merged-ticket', `Ticket ${source.id} was already merged into ${source.mergedInto}.`, source.id, ['source'], { mergedInto: source.mergedInto })] };
  if (command.by.kind !== 'agent' && command.by.kind !== 'admin' && command.by.kind !== 'system') {
    return { refused: [issue('not-permitted', 'Only agents and admins merge tickets.', command.by, ['by'])] };
  }
  const ctx = changeContext(env, command.by, 'merge', command.at, { rule: 'H4' });
  const set = new RecipientSet(target);
  const issues: Issue[] = [];
  const add = (field: 'cc' | 'bcc' | 'follower', list: readonly Ticket['ccs'][number][], why = ctx) => {
    for (const m of list) {
      const role = set.roleOf(m);
      // A BCC of either ticket stays hidden: a source BCC visible on the target stays visible, a
      // target BCC named on the source stays a BCC (adding it as CC would promote it, A4).
      if ((field === 'bcc' && role !== null) || (field === 'cc' && role === 'bcc')) continue;
      const refused = set.add(field, m, why);
      if (refused !== null) issues.push(refused);
    }
  };
  if (source.requester !== null && env.policy.settings.mergeRequesterAs === 'cc') add('cc', [source.requester], withReason(ctx, bySetting('H4', env.policy.settings, 'mergeRequesterAs')));
  add('cc', source.ccs);
  add('bcc', source.bccs);
  add('follower', source.followers);
  return {
    events: [...set.events, ...deliveryCarried(target, source, set.events, command)],
    source: { ticketId: source.id, events: [{ at: command.at, by: command.by, cause: 'merge', type: 'ticket-merged', into: target.id }] },
    issues,
  };
}

/**
 * H1 across a merge: a participant the source could not reach is not reachable on the target
 * either, so their failing or undeliverable status comes along for those the target gained.
 * Mute stays behind: it was an agent's choice about the source conversation (H2).
 */
function deliveryCarried(target: Ticket, source: Ticket, events: readonly UnstampedEvent[], command: MergeTickets): UnstampedEvent[] {
  const gained = new Set(events.flatMap((e) => (e.type === 'added' ? [e.mailbox.key] : [])));
  const known = new Set(target.heldBack.filter((h) => h.reason !== 'muted').map((h) => h.mailbox.key));
  return source.heldBack.flatMap((h): UnstampedEvent[] =>
    h.reason === 'muted' || !gained.has(h.mailbox.key) || known.has(h.mailbox.key)
      ? []
      : [{ at: command.at, by: command.by, cause: 'merge', type: 'delivery-changed', mailbox: h.mailbox, status: h.reason, reason: h.detail, reasons: [{ rule: 'H4' }] }],
  );
}
