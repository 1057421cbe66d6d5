import type { TicketEvent } from '../../src/index.js';

/**
 * I8: for each inbound Message-ID, the tickets whose logs end up holding its comment
 * (a split moves it: `comment-moved` takes it off the first ticket).
 */
export function ticketsHolding(tickets: ReadonlyMap<string, { readonly log: readonly TicketEvent[] }>): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const [id, { log }] of tickets) {
    const on = new Set<string>();
    for (const e of log) {
      if (e.type === 'comment-added' && e.comment.messageId) on.add(e.comment.messageId);
      if (e.type === 'comment-moved') on.delete(e.commentId);
    }
    for (const m of on) where.set(m, [...(where.get(m) ?? []), id]);
  }
  return where;
}
