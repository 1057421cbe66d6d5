import { Immer, type Draft } from 'immer';
import type { Mailbox } from '../address/types.js';
import { emptyTicket } from '../ticket/empty.js';
import type { Notice, RecipientField, Ticket } from '../ticket/types.js';
import type { TicketEvent } from './events.js';

// Our own instance: the host's global immer switches (setAutoFreeze …) never affect us, and we never touch theirs.
const immer = /* @__PURE__ */ new Immer({ autoFreeze: true });

/** How many Message-IDs a ticket keeps for duplicate detection: redeliveries come within minutes, not months. */
export const RECENT_MESSAGE_IDS = 200;

const listOf = (draft: Draft<Ticket>, field: RecipientField): Draft<Mailbox>[] =>
  field === 'cc' ? draft.ccs : field === 'bcc' ? draft.bccs : draft.followers;

function remember(draft: Draft<Ticket>, mailbox: Mailbox): void {
  const entry = { ...mailbox, lastUsed: draft.revision };
  const index = draft.memory.findIndex((m) => m.key === mailbox.key);
  if (index >= 0) draft.memory[index] = entry;
  else draft.memory.push(entry);
}

function apply(draft: Draft<Ticket>, event: TicketEvent): void {
  draft.revision += 1;
  switch (event.type) {
    case 'ticket-opened':
      draft.id = event.ticketId;
      return;
    case 'requester-changed':
      draft.requester = event.to;
      remember(draft, event.to);
      return;
    case 'added': {
      const list = listOf(draft, event.field);
      if (!list.some((m) => m.key === event.mailbox.key)) list.push(event.mailbox);
      if (event.field !== 'follower') remember(draft, event.mailbox);
      return;
    }
    case 'removed': {
      const list = listOf(draft, event.field);
      const index = list.findIndex((m) => m.key === event.mailbox.key);
      if (index >= 0) list.splice(index, 1);
      return;
    }
    case 'comment-added': {
      draft.commentCount += 1;
      const messageId = event.comment.messageId;
      if (messageId !== null) {
        if (draft.recentMessageIds.length >= RECENT_MESSAGE_IDS) draft.recentMessageIds.shift();
        draft.recentMessageIds.push(messageId);
      }
      return;
    }
    case 'comment-moved':
      draft.commentCount -= 1;
      return;
    case 'comment-visibility-changed':
      return;
    case 'notice-raised':
      draft.notices.push(event.notice as Draft<Notice>);
      return;
    case 'notice-resolved': {
      // Replaced, not assigned: a notice raised in the same batch is the event's own (frozen) object.
      const index = draft.notices.findIndex((n) => n.id === event.noticeId);
      const notice = draft.notices[index];
      if (notice) draft.notices[index] = { ...notice, resolved: { resolution: event.resolution, at: event.at, by: event.by } };
      return;
    }
    default: {
      const unknown: never = event;
      throw new TypeError(`Unknown event ${JSON.stringify(unknown)}`);
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
