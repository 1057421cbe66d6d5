import type { Reason } from '../explain/reason.js';
import { parseAddress } from '../address/parse-list.js';
import { personFinder } from '../policy/directory.js';
import { issue, type Issue } from '../issue/issue.js';
import type { Actor } from '../policy/actor.js';
import { literal, object, string, unknown, type Schema } from '../schema/schema.js';
import type { DeliveryStatus, UnstampedEvent } from '../ticket/events.js';
import type { Env } from '../ticket/recipient-set.js';
import { actor } from '../ticket/schema.js';
import type { Mailbox, Ticket } from '../ticket/types.js';

/**
 * A delivery outcome the caller's mail server reported (H1): `failing` (temporary),
 * `undeliverable` (permanent: left out of every envelope until restored), or `ok` (an
 * agent restores them, or mail reached them again).
 */
export interface ReportDelivery {
  readonly type: 'report-delivery';
  readonly address: unknown;
  readonly status: DeliveryStatus;
  readonly reason?: string;
  readonly by: Actor;
  readonly at: string;
}

export const reportDeliverySchema: Schema<ReportDelivery> = /* @__PURE__ */ object(
  { type: /* @__PURE__ */ literal('report-delivery'), address: unknown, status: /* @__PURE__ */ literal('ok', 'failing', 'undeliverable'), reason: /* @__PURE__ */ string({ header: true }), by: actor, at: /* @__PURE__ */ string() },
  ['reason'],
);

/** Whether a mailbox holds a role on the ticket (deliverability is tracked for participants only). */
export const isParticipant = (ticket: Ticket, m: Mailbox): boolean =>
  ticket.requester?.key === m.key || [ticket.ccs, ticket.bccs, ticket.followers].some((list) => list.some((x) => x.key === m.key));

/** The current status of a participant's mail. */
export const deliveryOf = (ticket: Ticket, m: Mailbox): DeliveryStatus =>
  (ticket.heldBack.find((h) => h.mailbox.key === m.key && h.reason !== 'muted')?.reason as DeliveryStatus | undefined) ?? 'ok';

/** One `delivery-changed` event, when the status changes. */
export function deliveryChange(ticket: Ticket, m: Mailbox, status: DeliveryStatus, reason: string, base: { at: string; by: Actor; cause: 'delivery' | 'inbound-email' | 'agent-edit'; reasons?: readonly Reason[] }): UnstampedEvent[] {
  if (!isParticipant(ticket, m) || deliveryOf(ticket, m) === status) return [];
  return [{ ...base, type: 'delivery-changed', mailbox: m, status, reason }];
}

export function decideDelivery(ticket: Ticket, command: ReportDelivery, env: Env): { events: UnstampedEvent[] } | { refused: readonly Issue[] } {
  const read = parseAddress(command.address, env.policy.identity);
  if (!read.ok) return { refused: [{ ...read.error, path: ['address'] }] };
  const parsed = { value: personFinder(env.directory, ticket, env.policy.identity)(read.value) };
  if (!isParticipant(ticket, parsed.value)) return { refused: [issue('invalid-command', `${parsed.value.address} is not on the ticket.`, command.address, ['address'])] };
  if (command.status === 'ok' && command.by.kind !== 'agent' && command.by.kind !== 'admin' && command.by.kind !== 'system') {
    return { refused: [issue('not-permitted', 'Only agents restore delivery to a participant.', command.by, ['by'])] };
  }
  const cause = command.by.kind === 'system' ? 'delivery' : 'agent-edit';
  return { events: deliveryChange(ticket, parsed.value, command.status, command.reason ?? '', { at: command.at, by: command.by, cause }) };
}
