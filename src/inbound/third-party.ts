import { withReason } from '../ticket/recipient-set.js';
import type { Mailbox } from '../address/types.js';
import type { Classified, Draft } from './draft.js';
import { bySetting } from '../explain/reason.js';

/** F8: someone not on the ticket wrote: a note with a notice, or a new CC under "add-as-cc". */
export function thirdPartyReply(draft: Draft, sender: Mailbox): Classified {
  const reason = bySetting('F8', draft.ctx.policy.settings, 'thirdPartyReply');
  const reasons = [reason];
  if (draft.ctx.policy.settings.thirdPartyReply === 'add-as-cc') {
    const refused = draft.set.add('cc', sender, withReason(draft.ctx, reason));
    if (refused === null) return { role: 'third-party', visibility: 'public', notice: null, reasons };
    draft.issues.push(refused);
  }
  return { role: 'third-party', visibility: 'internal', notice: { kind: 'third-party-reply', missing: [], added: [sender], resolutions: ['add-as-cc', 'split'] }, reasons };
}
