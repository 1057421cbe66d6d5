import type { Mailbox } from '../address/types.js';
import { addEmailCcs, lightAgentReason, newcomers, note, senderEntry, type Classified, type Draft } from './draft.js';
import { bySetting } from '../explain/reason.js';

/**
 * F7: another agent's emailed reply is public when it reaches the requester or a CC and
 * `agentEmailRepliesPublic` is on (its new addresses then become CCs); otherwise a note.
 * D4: a light agent writes internal notes only, by email too.
 */
export function staffReply(draft: Draft, sender: Mailbox, lightAgent: boolean): Classified {
  if (lightAgent) return note('agent', lightAgentReason(draft));
  const { set, message } = draft;
  const reachesParticipant = message.present.some((m) => m.key !== sender.key && (set.requester?.key === m.key || set.has('cc', m)));
  const isPublic = draft.ctx.policy.settings.agentEmailRepliesPublic && reachesParticipant;
  if (isPublic) addEmailCcs(draft, newcomers(set, message).filter((m) => m.key !== sender.key), { rule: 'F5' });
  const directory = senderEntry(draft);
  const reason = bySetting('F7', draft.ctx.policy.settings, 'agentEmailRepliesPublic', directory === undefined ? {} : { directory });
  return { role: 'agent', visibility: isPublic ? 'public' : 'internal', notice: null, reasons: [reason] };
}
