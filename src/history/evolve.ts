import { Immer, type Draft } from 'immer';
import type { Mailbox } from '../address/types.js';
import { emptyTicket } from '../ticket/empty.js';
import { KEPT_REFUSALS, KEPT_RESOLVED_NOTICES, type HeldBack, type RecipientField, type RememberedAddress, type Ticket } from '../ticket/types.js';
import { withMessageId } from '../ticket/message-ids.js';
import type { TicketEvent } from '../ticket/events.js';

// Our own instance: the host's global immer switches never affect us, and we never touch theirs.
const immer = /* @__PURE__ */ new Immer({ autoFreeze: true });

type ListField = 'ccs' | 'bccs' | 'followers' | 'memory' | 'notices' | 'recentMessageIds' | 'resolvedNotices' | 'refused' | 'heldBack' | 'internalComments';

const FIELD_LIST: Readonly<Record<RecipientField, 'ccs' | 'bccs' | 'followers'>> = { cc: 'ccs', bcc: 'bccs', follower: 'followers' };

/**
 * The ticket's lists while a batch of events is applied. They are read from the base
 * ticket, not through the immer draft (which would make a proxy for every element it
 * touches), copied at most once per batch on first change, and written back frozen at
 * the end (frozen, so immer does not walk them again when it finalizes).
 */
class Lists {
  private readonly changed = new Map<ListField, unknown[]>();
  // Key look-ups for long batches (a fold, a thousand rules firing): a scan per event would
  // make a batch quadratic. Short batches scan, which costs less than building the index.
  private readonly keys = new Map<ListField, Map<string, number>>();
  constructor(
    private readonly base: Ticket,
    private readonly indexed: boolean,
  ) {}

  /** Where the entry with this key is in a list of participants or remembered addresses, or -1. */
  indexOf(field: 'ccs' | 'bccs' | 'followers' | 'memory', key: string): number {
    if (!this.indexed) return indexOfKey(this.read(field), key);
    let index = this.keys.get(field);
    if (index === undefined) {
      index = new Map();
      this.read(field).forEach((m, i) => index?.set(m.key, i));
      this.keys.set(field, index);
    }
    return index.get(key) ?? -1;
  }

  /** Appends an entry to a list of participants or remembered addresses. */
  push<K extends 'ccs' | 'bccs' | 'followers' | 'memory'>(field: K, entry: Writable<Ticket[K]>[number]): void {
    const list = this.change(field);
    this.keys.get(field)?.set(entry.key, list.length);
    list.push(entry as never);
  }

  /** Removes the entry at `index` (from `indexOf`). */
  removeAt(field: 'ccs' | 'bccs' | 'followers', index: number): void {
    this.change(field).splice(index, 1);
    this.keys.delete(field); // positions after it moved: rebuilt on the next look-up
  }

  read<K extends ListField>(field: K): Ticket[K] {
    return (this.changed.get(field) ?? this.base[field]) as Ticket[K];
  }

  /** A copy of the list that this batch may change in place. */
  change<K extends ListField>(field: K): Writable<Ticket[K]> {
    let list = this.changed.get(field);
    if (list === undefined) {
      list = [...(this.base[field] as readonly unknown[])];
      this.changed.set(field, list);
    }
    return list as Writable<Ticket[K]>;
  }

  replace<K extends ListField>(field: K, list: Writable<Ticket[K]>): void {
    this.changed.set(field, list);
    this.keys.delete(field);
  }

  writeTo(draft: Draft<Ticket>): void {
    for (const [field, list] of this.changed) (draft as unknown as Record<ListField, unknown>)[field] = freezeDeep(list);
  }
}

/**
 * Freezes a value and what it holds, as immer would: the entries a batch adds come from
 * events. A frozen value is taken as frozen through: every list entry went through here or
 * through immer. Deeply frozen parts let the schema check remember them (`Walk.memo`).
 */
function freezeDeep<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // Lists walked by index: `Object.values` would copy every list a batch changed.
  if (Array.isArray(value)) for (let i = 0; i < value.length; i++) freezeDeep(value[i]);
  else for (const k of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[k]);
  return value;
}

/** Past this many events, a batch indexes the participants by key rather than scanning for each event. */
const LONG_BATCH = 16;

type Writable<T> = T extends readonly (infer U)[] ? U[] : never;

const indexOfKey = (list: readonly { readonly key: string }[], key: string): number => {
  for (let i = 0; i < list.length; i++) if ((list[i] as { key: string }).key === key) return i;
  return -1;
};

function remember(lists: Lists, mailbox: Mailbox, revision: number): void {
  const entry: RememberedAddress = { address: mailbox.address, name: mailbox.name, key: mailbox.key, lastUsed: revision };
  const index = lists.indexOf('memory', mailbox.key);
  if (index >= 0) lists.change('memory')[index] = entry;
  else lists.push('memory', entry);
}

/** Keeps the latest `max` entries: the state holds what decisions need, the log the rest. */
function pushBounded<T>(list: T[], item: T, max: number): void {
  list.push(item);
  if (list.length > max) list.splice(0, list.length - max);
}

/** An address that now holds a role is no longer "refused" (E5): the agent has dealt with it. */
function clearRefusal(lists: Lists, key: string): void {
  const refused = lists.read('refused');
  if (refused.some((r) => r.mailbox?.key === key)) lists.replace('refused', refused.filter((r) => r.mailbox?.key !== key));
}

function setHeldBack(lists: Lists, mailbox: Mailbox, reason: HeldBack['reason'] | null, detail: string, clears: readonly HeldBack['reason'][]): void {
  const kept = lists.read('heldBack').filter((h) => !(h.mailbox.key === mailbox.key && clears.includes(h.reason)));
  if (reason !== null) kept.push({ mailbox, reason, detail });
  lists.replace('heldBack', kept);
}

// `revision` is the ticket's revision after this event, counted outside the draft: a read and a write
// through immer's proxy for every event cost more than the rest of most events.
function apply(draft: Draft<Ticket>, lists: Lists, event: TicketEvent, revision: number): void {
  switch (event.type) {
    case 'ticket-opened':
      draft.id = event.ticketId;
      return;
    case 'requester-changed':
      draft.requester = event.to as Draft<Mailbox>;
      remember(lists, event.to, revision);
      clearRefusal(lists, event.to.key);
      return;
    case 'added': {
      const field = FIELD_LIST[event.field];
      if (lists.indexOf(field, event.mailbox.key) < 0) lists.push(field, event.mailbox);
      if (event.field !== 'follower') remember(lists, event.mailbox, revision);
      clearRefusal(lists, event.mailbox.key);
      return;
    }
    case 'removed': {
      const field = FIELD_LIST[event.field];
      const index = lists.indexOf(field, event.mailbox.key);
      if (index >= 0) lists.removeAt(field, index);
      // Someone who leaves the ticket takes their mute and delivery status along: re-added later, they start afresh.
      const key = event.mailbox.key;
      const stays = draft.requester?.key === key || (['ccs', 'bccs', 'followers'] as const).some((f) => lists.indexOf(f, key) >= 0);
      if (!stays && lists.read('heldBack').some((h) => h.mailbox.key === key)) lists.replace('heldBack', lists.read('heldBack').filter((h) => h.mailbox.key !== key));
      return;
    }
    case 'comment-added': {
      draft.commentCount += 1;
      const messageId = event.comment.messageId;
      if (messageId !== null) {
        lists.replace('recentMessageIds', withMessageId(lists.read('recentMessageIds'), messageId));
      }
      return;
    }
    case 'comment-moved':
      draft.commentCount -= 1;
      return;
    case 'comment-visibility-changed': {
      // C4: a comment made internal after the fact must never ride along with a later message (B5).
      const internal = lists.read('internalComments');
      const has = internal.includes(event.commentId);
      if (event.visibility === 'internal' && !has) lists.change('internalComments').push(event.commentId);
      if (event.visibility === 'public' && has) lists.replace('internalComments', internal.filter((id) => id !== event.commentId));
      return;
    }
    case 'notice-raised':
      lists.change('notices').push(event.notice);
      return;
    case 'notice-resolved': {
      // A resolved notice leaves the state (the log keeps it): the ticket stays the size of what is open.
      const notices = lists.read('notices');
      if (notices.some((n) => n.id === event.noticeId)) lists.replace('notices', notices.filter((n) => n.id !== event.noticeId));
      pushBounded(lists.change('resolvedNotices'), event.noticeId, KEPT_RESOLVED_NOTICES);
      return;
    }
    case 'recipients-refused': {
      const refused = lists.change('refused');
      for (const r of event.refused) pushBounded(refused, r, KEPT_REFUSALS);
      return;
    }
    case 'ticket-imported': {
      const { requester, ccs, bccs, followers } = event.participants;
      draft.requester = requester as Draft<Mailbox> | null;
      lists.replace('ccs', [...ccs]);
      lists.replace('bccs', [...bccs]);
      lists.replace('followers', [...followers]);
      for (const m of [...(requester === null ? [] : [requester]), ...ccs, ...bccs]) remember(lists, m, revision);
      return;
    }
    case 'address-erased':
      return; // the log was rewritten before this event; the state it folds to has no trace left
    case 'delivery-changed':
      setHeldBack(lists, event.mailbox, event.status === 'ok' ? null : event.status, event.reason, ['failing', 'undeliverable']);
      return;
    case 'mute-changed':
      setHeldBack(lists, event.mailbox, event.muted ? 'muted' : null, '', ['muted']);
      return;
    case 'address-changed': {
      // H5: the same participant (same identity), reached from now on at the address they last wrote from.
      const m = event.mailbox;
      if (draft.requester?.key === m.key) draft.requester = m as Draft<Mailbox>;
      for (const field of ['ccs', 'bccs', 'followers'] as const) {
        const index = lists.indexOf(field, m.key);
        if (index >= 0) lists.change(field)[index] = m;
      }
      const kept = lists.indexOf('memory', m.key);
      if (kept >= 0) lists.change('memory')[kept] = { ...m, lastUsed: (lists.read('memory')[kept] as RememberedAddress).lastUsed };
      const held = lists.read('heldBack');
      if (held.some((h) => h.mailbox.key === m.key)) lists.replace('heldBack', held.map((h) => (h.mailbox.key === m.key ? { ...h, mailbox: m } : h)));
      return;
    }
    case 'ticket-merged':
      draft.mergedInto = event.into;
      return;
    default: {
      const unknown: never = event;
      throw new TypeError(`Unknown event ${JSON.stringify(unknown)}; check stored logs with readEvents`);
    }
  }
}

/**
 * Folds events into a ticket, in one immer `produce` for the whole batch. The input is
 * never mutated; unchanged parts are shared with the result.
 *
 * @example
 * const next = evolve(ticket, decision.events);
 */
export function evolve(ticket: Ticket, events: readonly TicketEvent[]): Ticket {
  if (events.length === 0) return ticket;
  return immer.produce(ticket, (draft) => {
    const lists = new Lists(ticket, events.length > LONG_BATCH);
    let revision = ticket.revision;
    for (const event of events) apply(draft, lists, event, ++revision);
    draft.revision = revision;
    lists.writeTo(draft);
  });
}

/**
 * The ticket a history describes (E2): its events folded over an empty ticket.
 *
 * @example
 * const ticket = fold(storedEvents);
 */
export function fold(events: readonly TicketEvent[], id = ''): Ticket {
  return evolve(emptyTicket(id), events);
}
