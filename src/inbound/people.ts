import { parseAddress } from '../address/parse-list.js';
import type { IdentityOptions, Mailbox } from '../address/types.js';
import { forbiddenIssue } from '../policy/admission.js';
import { everyone, personFinder, same, type Directory, type Participants } from '../policy/directory.js';
import type { UnstampedEvent } from '../ticket/events.js';
import type { RecipientSet } from '../ticket/recipient-set.js';
import type { Draft } from './draft.js';
import { isUnverified } from './untrusted.js';
import { replyToConflict, replyToDiffers, type ReadMessage } from './read-message.js';

/**
 * H5: a read message with every address as the person it belongs to; `present` lists each person once.
 * Reply-To is read person by person: another address of the sender is the sender, and anyone else
 * named beside it is still reported (F13).
 */
export function asPeople(message: ReadMessage, directory: Directory, ticket: Participants | null, identity: IdentityOptions = {}): ReadMessage {
  const person = personFinder(directory, ticket, identity);
  if (person === same) return message;
  const sender = message.sender === null ? null : person(message.sender);
  const seen = new Set<string>();
  const present = message.present.map(person).filter((m) => !seen.has(m.key) && (seen.add(m.key), true));
  const replyToNames = message.replyToNames.map(person);
  const conflict = replyToConflict(sender, replyToNames);
  // Read as people, the conflict can only shrink: the issue readMessage raised is kept, renamed, or dropped.
  const issues = message.issues.flatMap((i) => (i.code !== 'reply-to-differs' ? [i] : conflict === null ? [] : [replyToDiffers(conflict, sender, i.input)]));
  return {
    ...message,
    sender,
    to: message.to.map(person),
    cc: message.cc.map(person),
    present,
    replyTo: conflict,
    replyToNames,
    failedRecipients: message.failedRecipients.map(person),
    issues,
  };
}

/**
 * H5: when a participant writes from another of their addresses, the ticket reaches them there
 * from now on. Only a person's own trusted mail to the desk moves them (F11–F13 change nobody).
 */
export function addressChange(draft: Draft, set: RecipientSet): UnstampedEvent[] {
  const { message } = draft;
  const sender = message.sender;
  if (sender === null || message.classification.kind !== 'person' || !message.reachesSupport || isUnverified(draft)) return [];
  const held = everyone(set).find((m) => m.key === sender.key);
  if (held === undefined || held.address.toLowerCase() === sender.address.toLowerCase()) return [];
  // F6: a BCC's reply changes nothing about the ticket's recipients, where they are reached included.
  if (set.bccs.includes(held)) return [];
  // D2, I5: a denylisted or support address holds no role but requester; the person stays reached where they were.
  if (forbiddenIssue(draft.ctx.policy, sender, held === set.requester ? 'requester' : 'cc') !== null) return [];
  const mailbox: Mailbox = { address: sender.address, name: sender.name ?? held.name, key: held.key };
  return [{ at: draft.email.at, by: draft.ctx.by, cause: 'inbound-email', type: 'address-changed', mailbox, reasons: [{ rule: 'H5' }] }];
}

/**
 * H5: whether mail to this mailbox (its address as written, its identity the person's) is mail
 * the ticket sends: to the person's preferred address, or else the one the ticket keeps.
 * A failure reported for another of their addresses says nothing about the mail they get now.
 */
export function reachedAt(directory: Directory, identity: IdentityOptions, ticket: Participants): (m: Mailbox) => boolean {
  if (!directory.hasAliases) return () => true;
  const all = everyone(ticket);
  const keyOf = (address: string) => {
    const parsed = parseAddress(address, identity);
    return parsed.ok ? parsed.value.key : null;
  };
  return (m) => {
    const held = all.find((p) => p.key === m.key);
    if (held === undefined) return true;
    const reach = directory.preferredAddress(m.key) ?? held.address;
    return keyOf(reach) === keyOf(m.address);
  };
}
