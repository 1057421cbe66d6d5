import type { AuthorRole } from '../ticket/types.js';
import { lightAgentReason, note, type Classified, type Draft } from './draft.js';
import { bySetting } from '../explain/reason.js';
import type { Settings } from '../policy/settings.js';

/**
 * F11: machine mail (an auto-reply, list mail, a bounce) changes nobody and raises no
 * notice about dropped recipients: it is kept as `machineMail` says.
 */
export function machineMail(draft: Draft, role: AuthorRole): Classified {
  const { ctx, message } = draft;
  // D4: a light agent's mail is internal, their out-of-office too.
  const light = message.sender !== null && ctx.directory.byKey(message.sender.key)?.kind === 'light-agent';
  const header = message.classification.reason === null ? {} : { header: { name: message.classification.reason.header, value: message.classification.reason.value } };
  const reasons = light ? [{ rule: 'F11', ...header }, lightAgentReason(draft)] : [bySetting('F11', ctx.policy.settings, 'machineMail', header)];
  return { role, visibility: ctx.policy.settings.machineMail === 'public' && !light ? 'public' : 'internal', notice: null, reasons };
}

/** F13: a sender that failed authentication changes nothing until an agent accepts the message. */
export function unverifiedSender(role: AuthorRole, opening: boolean, settings: Settings): Classified {
  return note(role, bySetting('F13', settings, 'unauthenticatedMail'), { kind: 'unverified-sender', missing: [], added: [], resolutions: opening ? ['accept'] : ['accept', 'split'] });
}

/**
 * F12: the desk was not in To or Cc (it got a BCC or a copy): the people the message was
 * written to are not the desk's to add, and a dropped CC is not the sender's decision here.
 */
export function deskNotAddressed(role: AuthorRole): Classified {
  return note(role, { rule: 'F12' }, { kind: 'desk-not-addressed', missing: [], added: [], resolutions: ['make-public'] });
}

/** Whether F13 holds the message back. */
export const isUnverified = (draft: Draft): boolean => draft.message.authentication === 'fail' && draft.ctx.policy.settings.unauthenticatedMail === 'note';
