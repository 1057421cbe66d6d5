import { issue } from '../issue/issue.js';
import { isStaff } from '../policy/directory.js';
import { isSupportAddress } from '../policy/policy.js';
import type { AuthorRole } from '../ticket/types.js';
import { bccReply } from './bcc-reply.js';
import { note, type Classified, type Draft } from './draft.js';
import type { Reason } from '../explain/reason.js';
import { reconcile } from './reconcile.js';
import { staffReply } from './staff-reply.js';
import { thirdPartyReply } from './third-party.js';
import { deskNotAddressed, isUnverified, machineMail, unverifiedSender } from './untrusted.js';

/** No usable From: the message is kept as a note, and an agent is asked to look (nothing to resolve it with). */
export const UNKNOWN_SENDER: Classified = /* @__PURE__ */ note('unknown', { rule: 'F1' }, { kind: 'unknown-sender', missing: [], added: [], resolutions: [] });

// F1: an answer to an internal note stays one; said with the rule and nothing else to read.
const ANSWERS_NOTE: Reason = { rule: 'F1' };

/** The sender's role on the ticket as it stands, for the comment record. */
function roleOf(draft: Draft): AuthorRole {
  const sender = draft.message.sender;
  if (sender === null) return 'unknown';
  const { set, ctx } = draft;
  return set.roleOf(sender) ?? (set.has('follower', sender) ? 'follower' : isStaff(ctx.directory.byKey(sender.key)) ? 'agent' : 'third-party');
}

/**
 * A reply on an existing ticket, in F1's order, the first match deciding: what cannot be
 * trusted with recipients first (an answer to a note, the desk's own address, machine mail,
 * an unverified sender, a copy that did not address the desk), then the sender's role.
 */
export function classifyReply(draft: Draft): Classified {
  const { message, ctx } = draft;
  const sender = message.sender;
  if (sender === null) return UNKNOWN_SENDER;
  const role = roleOf(draft);
  if (isSupportAddress(ctx.policy, sender.key)) {
    draft.issues.push(issue('support-sender', `The email was sent from the help desk's own address ${sender.address}; it is kept as an internal note.`, sender.address));
    return note('support', { rule: 'A5', setting: { name: 'supportAddresses', value: sender.address } });
  }
  // An answer to a note stays a note (F1); the trust checks below only add what an agent must
  // know, so that no rule runs on a message that may change nobody (G3).
  const answersNote = draft.email.answers?.visibility === 'internal';
  if (message.classification.kind !== 'person') return answersNote ? note(role, ANSWERS_NOTE) : machineMail(draft, role);
  if (isUnverified(draft)) return unverifiedSender(role, false, ctx.policy.settings);
  if (answersNote) return message.reachesSupport ? note(role, ANSWERS_NOTE) : deskNotAddressed(role);
  return classifyTrusted(draft);
}

/** The order after the trust checks; also what accepting an unverified message applies (F13). */
export function classifyTrusted(draft: Draft): Classified {
  const { message, set, ctx } = draft;
  const sender = message.sender;
  if (sender === null) return UNKNOWN_SENDER;
  const role = roleOf(draft);
  if (!message.reachesSupport) return deskNotAddressed(role);
  if (set.has('follower', sender)) return note('follower', { rule: 'F7', directory: { address: sender.address, kind: ctx.directory.byKey(sender.key)?.kind ?? 'agent' } });
  // D4: whatever role a light agent holds (a BCC's reply-all included), what they write is internal.
  if (ctx.directory.byKey(sender.key)?.kind === 'light-agent') return staffReply(draft, sender, true);
  if (role === 'bcc') return bccReply(draft);
  if (role === 'requester' || role === 'cc') return reconcile(draft, role);
  if (role === 'agent') return staffReply(draft, sender, false);
  return thirdPartyReply(draft, sender);
}
