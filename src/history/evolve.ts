import { Immer, isDraft, original, type Draft } from 'immer';
import type { Mailbox } from '../address/types.js';
import { emptyTicket } from '../ticket/empty.js';
import type { Notice, RecipientField, RememberedAddress, Ticket } from '../ticket/types.js';
import { withMessageId } from '../ticket/message-ids.js';
import type { TicketEvent } from './events.js';

// Our own instance: the host's global immer switches never affect us, and we never touch theirs.
const immer = /* @__PURE__ */ new Immer({ autoFreeze: true });

type ListField = 'ccs' | 'bccs' | 'followers' | 'memory' | 'notices' | 'recentMessageIds';
type Lists = Pick<Ticket, ListField>;

const FIELD_LIST: Readonly<Record<RecipientField, 'ccs' | 'bccs' | 'followers'>> = { cc: 'ccs', bcc: 'bccs', follower: 'followers' };

/**
 * The current value of one of the ticket's lists, without going through the draft.
 * Lists are only ever replaced, never changed in place, so a list that is still a
 * draft is unchanged and its original is current. Searching through the draft would make
 * immer create a proxy for every element it touches.
 */
function read<K extends ListField>(draft: Draft<Ticket>, field: K): Lists[K] {
  const value = draft[field] as unknown;
  return (isDraft(value) ? original(value) : value) as Lists[K];
}

/** Replaces a list with a fresh frozen one (frozen, so immer does not walk it when it finalizes). */
function write<K extends ListField>(draft: Draft<Ticket>, field: K, list: Lists[K]): void {
  (draft as unknown as Record<K, unknown>)[field] = Object.freeze(list);
}

const indexOfKey = (list: readonly { readonly key: string }[], key: string): number => {
  for (let i = 0; i < list.length; i++) if ((list[i] as { key: string }).key === key) return i;
  return -1;
};

const replaceAt = <T>(list: readonly T[], index: number, item: T): T[] => {
  const copy = list.slice();
  copy[index] = item;
  return copy;
};

function remember(draft: Draft<Ticket>, mailbox: Mailbox): void {
  const memory = read(draft, 'memory');
  const entry: RememberedAddress = { ...mailbox, lastUsed: draft.revision };
  const index = indexOfKey(memory, mailbox.key);
  write(draft, 'memory', index >= 0 ? replaceAt(memory, index, entry) : [...memory, entry]);
}

function apply(draft: Draft<Ticket>, event: TicketEvent): void {
  draft.revision += 1;
  switch (event.type) {
    case 'ticket-opened':
      draft.id = event.ticketId;
      return;
    case 'requester-changed':
      draft.requester = event.to as Draft<Mailbox>;
      remember(draft, event.to);
      return;
    case 'added': {
      const field = FIELD_LIST[event.field];
      const list = read(draft, field);
      if (indexOfKey(list, event.mailbox.key) < 0) write(draft, field, [...list, event.mailbox]);
      if (event.field !== 'follower') remember(draft, event.mailbox);
      return;
    }
    case 'removed': {
      const field = FIELD_LIST[event.field];
      const list = read(draft, field);
      const index = indexOfKey(list, event.mailbox.key);
      if (index >= 0) write(draft, field, [...list.slice(0, index), ...list.slice(index + 1)]);
      return;
    }
    case 'comment-added': {
      draft.commentCount += 1;
      const messageId = event.comment.messageId;
      if (messageId !== null) {
        write(draft, 'recentMessageIds', withMessageId(read(draft, 'recentMessageIds'), messageId));
      }
      return;
    }
    case 'comment-moved':
      draft.commentCount -= 1;
      return;
    case 'comment-visibility-changed':
      return;
    case 'notice-raised':
      write(draft, 'notices', [...read(draft, 'notices'), event.notice]);
      return;
    case 'notice-resolved': {
      const notices = read(draft, 'notices');
      const index = notices.findIndex((n) => n.id === event.noticeId);
      const notice = notices[index];
      if (notice) write(draft, 'notices', replaceAt<Notice>(notices, index, { ...notice, resolved: { resolution: event.resolution, at: event.at, by: event.by } }));
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
    for (const event of events) apply(draft, event);
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
