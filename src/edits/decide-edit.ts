import { parseAddress } from '../address/parse-list.js';
import { personFinder } from '../policy/directory.js';
import { issue, type Issue } from '../issue/issue.js';
import type { Mailbox } from '../address/types.js';
import { array, literal, object, string, tagged, unknown, type Schema } from '../schema/schema.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { RecipientSet, changeContext, withReason, type ChangeContext, type Env } from '../ticket/recipient-set.js';
import { actor } from '../ticket/schema.js';
import type { Actor, RecipientField, Ticket } from '../ticket/types.js';
import { err, ok, type Result } from '../result.js';
import { bySetting } from '../explain/reason.js';

/** One change an agent (or a rule, or the system) asks for. `address` is any address text or a mailbox. */
export type RecipientChange =
  | { readonly op: 'set-requester'; readonly address: unknown }
  | { readonly op: 'add'; readonly field: RecipientField; readonly address: unknown }
  | { readonly op: 'remove'; readonly field: RecipientField; readonly address: unknown }
  /** H2: a muted participant keeps their role and receives nothing from this ticket until unmuted. */
  | { readonly op: 'mute' | 'unmute'; readonly address: unknown };

/** Change a ticket's recipients from the help desk (C1): all the changes apply, or none. */
export interface EditRecipients {
  readonly type: 'edit-recipients';
  readonly changes: readonly RecipientChange[];
  readonly by: Actor;
  readonly at: string;
}

const field = /* @__PURE__ */ literal('cc', 'bcc', 'follower');
const change = /* @__PURE__ */ tagged('op', {
  'set-requester': /* @__PURE__ */ object({ op: /* @__PURE__ */ literal('set-requester'), address: unknown }),
  add: /* @__PURE__ */ object({ op: /* @__PURE__ */ literal('add'), field, address: unknown }),
  remove: /* @__PURE__ */ object({ op: /* @__PURE__ */ literal('remove'), field, address: unknown }),
  mute: /* @__PURE__ */ object({ op: /* @__PURE__ */ literal('mute'), address: unknown }),
  unmute: /* @__PURE__ */ object({ op: /* @__PURE__ */ literal('unmute'), address: unknown }),
});

export const editRecipientsSchema: Schema<EditRecipients> = /* @__PURE__ */ object({ type: /* @__PURE__ */ literal('edit-recipients'), changes: /* @__PURE__ */ array(change), by: actor, at: /* @__PURE__ */ string() });

/**
 * Removals first, then the requester, then CC additions before BCC and follower ones: the
 * verdict does not depend on the order asked (C1). Adding one address as CC and as BCC is a
 * role conflict whichever comes first.
 */
const rank = (c: RecipientChange): number => (c.op === 'remove' ? 0 : c.op === 'set-requester' ? 1 : c.op === 'add' ? (c.field === 'cc' ? 2 : 3) : 4);

/**
 * Decides an agent edit (C1, D1–D5): the events it produces, or every reason it is refused.
 * A refused edit changes nothing.
 */
export function decideEdit(ticket: Ticket, command: EditRecipients, env: Env): Result<UnstampedEvent[], readonly Issue[]> {
  const set = new RecipientSet(ticket);
  const ctx = changeContext(env, command.by, 'agent-edit', command.at, { rule: 'C1' });
  const issues: Issue[] = [];
  const muted: UnstampedEvent[] = [];
  const person = personFinder(env.directory, ticket, env.policy.identity); // H5: any of a person's addresses names them
  const ordered = command.changes.map((c, i) => [c, i] as const).sort(([a, i], [b, j]) => rank(a) - rank(b) || i - j);
  for (const [change, index] of ordered) {
    const path = ['changes', index, 'address'];
    const target = change.op === 'add' || change.op === 'remove' ? change.field : 'requester';
    const read = parseAddress(change.address, env.policy.identity);
    if (!read.ok) {
      issues.push({ ...read.error, path, field: target } as Issue);
      continue;
    }
    const parsed = { value: person(read.value) };
    let refused: Issue | null;
    if (change.op === 'add') refused = set.add(change.field, parsed.value, ctx);
    else if (change.op === 'remove') refused = set.remove(change.field, parsed.value, ctx);
    else if (change.op === 'mute' || change.op === 'unmute') refused = mute(ticket, set, parsed.value, change.op === 'mute', ctx, muted);
    else {
      const former = set.requester;
      refused = set.setRequester(parsed.value, ctx);
      // C1: the former requester stays on as a CC when the help desk asks for it.
      if (refused === null && former !== null && former.key !== parsed.value.key && env.policy.settings.formerRequesterBecomesCc) refused = set.add('cc', former, withReason(ctx, bySetting('C1', env.policy.settings, 'formerRequesterBecomesCc')));
    }
    if (refused !== null) issues.push({ ...refused, path });
  }
  return issues.length > 0 ? err(issues.sort((a, b) => Number(a.path[1]) - Number(b.path[1]))) : ok([...set.events, ...muted]);
}

/** H2: mute or unmute a participant (after this edit's role changes), as its own event. */
function mute(ticket: Ticket, set: RecipientSet, m: Mailbox, on: boolean, ctx: ChangeContext, into: UnstampedEvent[]): Issue | null {
  if (ctx.by.kind !== 'agent' && ctx.by.kind !== 'admin' && ctx.by.kind !== 'system') return issue('not-permitted', 'Only agents mute participants.', m.address, [], { field: 'cc' });
  const role = set.roleOf(m) ?? (set.has('follower', m) ? 'follower' : null);
  if (role === null) return issue('invalid-command', `${m.address} is not on the ticket.`, m.address);
  const now = ticket.heldBack.some((h) => h.mailbox.key === m.key && h.reason === 'muted') !== into.some((e) => e.type === 'mute-changed' && e.mailbox.key === m.key);
  if (now !== on) into.push({ at: ctx.at, by: ctx.by, cause: 'agent-edit', type: 'mute-changed', mailbox: m, muted: on, reasons: [{ rule: 'H2' }] });
  return null;
}
