import type { Mailbox } from '../address/types.js';
import { issue, type Issue } from '../issue/issue.js';
import type { Actor, Cause } from './actor.js';
import { isStaff, writtenKey, type Directory } from './directory.js';
import { isDenylisted, isSupportAddress, type Policy } from './policy.js';

/**
 * The admission checks every path shares (agent edits, inbound mail, rules, notice
 * resolutions, imports, the composer, stored-ticket checks): pure functions of the
 * policy, the directory and the address, so the answer is the same wherever it is asked.
 */

export type RoleField = 'requester' | 'cc' | 'bcc' | 'follower';

export const fieldLabel = (field: RoleField | 'to'): string => (field === 'cc' ? 'CC' : field === 'bcc' ? 'BCC' : field);

/** A5, D2: the desk's own addresses hold no role; denylisted ones hold none but requester. */
export function forbiddenIssue(policy: Policy, mailbox: Mailbox, field: RoleField): Issue<'support-address' | 'denylisted'> | null {
  // H5: the key is the person's; the address as written is checked too (a denylisted second address, a directory listing a desk address for someone).
  const own = writtenKey(mailbox, policy.identity);
  if (isSupportAddress(policy, mailbox.key) || (own !== null && isSupportAddress(policy, own))) return issue('support-address', `${mailbox.address} is one of the help desk's own addresses and is never a participant.`, mailbox.address, [], { field });
  if (field !== 'requester' && (isDenylisted(policy, mailbox.key) || (own !== null && isDenylisted(policy, own)))) return issue('denylisted', `${mailbox.address} is on the denylist and may not be a ${fieldLabel(field)}.`, mailbox.address, [], { field });
  return null;
}

/** Settings that rule a field out altogether (BCC off, followers off), and who may follow (D4). */
export function fieldIssue(policy: Policy, directory: Directory, mailbox: Mailbox, field: RoleField): Issue<'bcc-disabled' | 'followers-disabled' | 'not-an-agent' | 'not-permitted'> | null {
  const { settings } = policy;
  if (field === 'bcc' && !settings.bccEnabled) return issue('bcc-disabled', 'This help desk keeps no BCCs on tickets.', mailbox.address, [], { field });
  if (field !== 'follower') return null;
  if (!settings.followersEnabled) return issue('followers-disabled', 'Followers are turned off.', mailbox.address, [], { field });
  const entry = directory.byKey(mailbox.key);
  if (!isStaff(entry)) return issue('not-an-agent', `${mailbox.address} is not an agent; only agents may follow tickets.`, mailbox.address, [], { field });
  if (entry.kind === 'light-agent' && !settings.lightAgentsMayFollow) return issue('not-permitted', 'Light agents may not be followers.', mailbox.address, [], { field });
  return null;
}

/** D1: one more CC would exceed the limit. */
export function ccLimitIssue(policy: Policy, count: number, mailbox: Mailbox): Issue<'cc-limit-exceeded'> | null {
  const limit = policy.settings.ccLimit;
  if (limit === null || count < limit) return null;
  return issue('cc-limit-exceeded', `${mailbox.address} was not added: the ticket already has ${count} of at most ${limit} CCs.`, mailbox.address, [], { field: 'cc', limit, count });
}

/** D4: whether this actor may make this change, for this cause. */
export function permissionIssue(
  policy: Policy,
  directory: Directory,
  by: Actor,
  cause: Cause,
  op: 'add' | 'remove' | 'set-requester',
  field: RoleField,
  target: Mailbox,
): Issue<'not-permitted' | 'ccs-disabled'> | null {
  const refuse = (message: string) => issue('not-permitted', message, target.address, [], { field });
  switch (by.kind) {
    case 'agent':
    case 'admin':
    case 'rule':
    case 'system':
      return null;
    case 'light-agent': {
      if (field === 'follower' || (op === 'set-requester' && cause === 'inbound-email')) return null;
      if (op !== 'remove') return refuse(`A light agent may not ${op === 'add' ? `add ${fieldLabel(field)}s` : 'change the requester'}.`);
      const self = directory.byId(by.id);
      if (self !== undefined && directory.byKey(target.key) === self) return refuse('A light agent may not remove themselves as CC.');
      return null;
    }
    case 'end-user':
      if (cause !== 'inbound-email') return refuse('End users change recipients only by email.');
      if (op === 'set-requester') return null; // the sender of an email that opens a ticket (F0)
      if (field !== 'cc') return refuse(`End users may not change ${fieldLabel(field)}s.`);
      if (!policy.settings.emailCcsEnabled) return issue('ccs-disabled', 'CCs by email are turned off.', target.address, [], { field });
      return null;
  }
}
