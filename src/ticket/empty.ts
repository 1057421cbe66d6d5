import type { Ticket } from './types.js';

/**
 * A ticket with no one on it: the state every history is folded over (E2).
 *
 * @example
 * fold([], 'T-1'); // folds over emptyTicket('T-1')
 * emptyTicket('T-1').revision; // 0
 */
export function emptyTicket(id: string): Ticket {
  return {
    v: 2,
    id,
    requester: null,
    ccs: [],
    bccs: [],
    followers: [],
    memory: [],
    notices: [],
    resolvedNotices: [],
    refused: [],
    heldBack: [],
    internalComments: [],
    mergedInto: null,
    commentCount: 0,
    recentMessageIds: [],
    revision: 0,
  };
}
