import type { Classified, Draft } from './draft.js';

/** F6: a BCC's reply is public only on a reply-all that reaches the requester; it never changes recipients. */
export function bccReply(draft: Draft): Classified {
  const requester = draft.set.requester;
  const reachesRequester = requester !== null && draft.message.present.some((m) => m.key === requester.key);
  return { role: 'bcc', visibility: reachesRequester ? 'public' : 'internal', notice: null, reasons: [{ rule: 'F6' }] };
}
