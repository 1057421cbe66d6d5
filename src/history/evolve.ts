import { Immer, type Draft } from 'immer';
import type { Mailbox } from '../address/types.js';
import { emptyTicket } from '../ticket/empty.js';
import type { RecipientField, RememberedAddress, Ticket } from '../ticket/types.js';
import { withMessageId } from '../ticket/message-ids.js';
import type { TicketEvent } from '../ticket/events.js';

// Our own instance: the host's global immer switches never affect us, and we never touch theirs.
const immer = /* @__PURE__ */ new Immer({ autoFreeze: true });

type ListField = 'ccs' | 'bccs' | 'followers' | 'memory' | 'notices' | 'recentMessageIds';

const FIELD_LIST: Readonly<Record<RecipientField, 'ccs' | 'bccs' | 'followers'>> = { cc: 'ccs', bcc: 'bccs', follower: 'followers' };

/**
 * The ticket's lists while a batch of events is applied. They are read from the base
 * ticket, not through the immer draft (which would make a proxy for every element it
 * touches), copied at most once per batch on first change, and written back frozen at
 * the end (frozen, so immer does not walk them again when it finalizes).
 */
class Lists {
  private readonly changed = new Map<ListField, unknown[]>();
  constructor(private readonly base: Ticket) {}

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
  }

  writeTo(draft: Draft<Ticket>): void {
    for (const [field, list] of this.changed) (draft as unknown as Record<ListField, unknown>)[field] = Object.freeze(list);
  }
}

type Writable<T> = T extends readonly (infer U)[] ? U[] : never;

const indexOfKey = (list: readonly { readonly key: string }[], key: string): number => {
  for (let i = 0; i < list.length; i++) if ((list[i] as { key: string }).key === key) return i;
  return -1;
};

function remember(lists: Lists, mailbox: Mailbox, revision: number): void {
  const entry: RememberedAddress = { ...mailbox, lastUsed: revision };
  const index = indexOfKey(lists.read('memory'), mailbox.key);
  const memory = lists.change('memory');
  if (index >= 0) memory[index] = entry;
  else memory.push(entry);
}

function apply(draft: Draft<Ticket>, lists: Lists, event: TicketEvent): void {
  draft.revision += 1;
  switch (event.type) {
    case 'ticket-opened':
      draft.id = event.ticketId;
      return;
    case 'requester-changed':
      draft.requester = event.to as Draft<Mailbox>;
      remember(lists, event.to, draft.revision);
      return;
    case 'added': {
      const field = FIELD_LIST[event.field];
      if (indexOfKey(lists.read(field), event.mailbox.key) < 0) lists.change(field).push(event.mailbox);
      if (event.field !== 'follower') remember(lists, event.mailbox, draft.revision);
      return;
    }
    case 'removed': {
      const field = FIELD_LIST[event.field];
      const index = indexOfKey(lists.read(field), event.mailbox.key);
      if (index >= 0) lists.change(field).splice(index, 1);
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
    case 'comment-visibility-changed':
      return;
    case 'notice-raised':
      lists.change('notices').push(event.notice);
      return;
    case 'notice-resolved': {
      const index = lists.read('notices').findIndex((n) => n.id === event.noticeId);
      const notices = lists.change('notices');
      const notice = notices[index];
      if (notice) notices[index] = { ...notice, resolved: { resolution: event.resolution, at: event.at, by: event.by } };
      return;
    }
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
    const lists = new Lists(ticket);
    for (const event of events) apply(draft, lists, event);
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
