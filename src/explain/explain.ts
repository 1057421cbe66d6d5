import { resolveContext, type PreparedContext, type TicketContext } from '../context/context.js';
import { decide, type Command, type Decision } from '../decider/handle.js';
import type { Settings } from '../policy/settings.js';
import type { Ticket } from '../ticket/types.js';
import { evolve, fold } from '../history/evolve.js';

/**
 * Why a decision came out as it did, as data: the behaviour rule (its id in the behaviour
 * reference), the setting and its value when a setting decided, the header when one did.
 */
export interface Reason {
  /** The rule id in docs/behaviour.md, e.g. `F4`. */
  readonly rule: string;
  /** The same in English words, for a timeline or a tooltip. */
  readonly because: string;
  readonly setting?: { readonly name: keyof Settings; readonly value: unknown };
  readonly header?: { readonly name: string; readonly value: string };
}

/** What another value of the deciding setting would have done (found by deciding again). */
export interface Alternative {
  readonly setting: keyof Settings;
  readonly value: unknown;
  /** The comment's visibility under that value, and whether the participants would differ. */
  readonly visibility: 'public' | 'internal' | null;
  readonly participantsChange: boolean;
  readonly sentence: string;
}

/** A part of the command that policy kept out, and why. */
export interface Refusal {
  readonly input: unknown;
  readonly field: string | null;
  readonly code: string;
  readonly reason: Reason;
}

export interface Explanation {
  /** How an inbound message was classified (F11), when it was one. */
  readonly classification: Reason | null;
  /** Why the comment it created is public or internal. */
  readonly visibility: Reason | null;
  /** Other values of the setting that decided, and what each would have done. */
  readonly alternatives: readonly Alternative[];
  /** What was kept out (recorded too, E5), each with the rule and setting that kept it out. */
  readonly refusals: readonly Refusal[];
}

/** The rule (and setting) behind each kind of refusal. */
function refusalReason(code: string, settings: Settings, ruleId: string | undefined): Reason {
  const s = <K extends keyof Settings>(name: K) => ({ name, value: settings[name] });
  const by = ruleId === undefined ? '' : ` (an action of rule ${ruleId}, G2)`;
  switch (code) {
    case 'cc-limit-exceeded':
      return { rule: 'D1', because: `the ticket holds as many CCs as it may${by}`, setting: s('ccLimit') };
    case 'denylisted':
      return { rule: 'D2', because: `the address is on the denylist${by}`, setting: s('denylist') };
    case 'support-address':
      return { rule: 'A5', because: `it is one of the help desk's own addresses${by}` };
    case 'ccs-disabled':
      return { rule: 'D4', because: 'CCs by email are turned off', setting: s('emailCcsEnabled') };
    case 'bcc-disabled':
      return { rule: 'D4', because: `this help desk keeps no BCCs${by}`, setting: s('bccEnabled') };
    case 'followers-disabled':
      return { rule: 'D4', because: 'followers are turned off', setting: s('followersEnabled') };
    case 'not-permitted':
    case 'not-an-agent':
      return { rule: 'D4', because: `who asked may not make this change${by}` };
    case 'role-conflict':
      return { rule: 'A4', because: 'an address holds one role' };
    default:
      return { rule: 'D3', because: 'the address is not one a header can carry' };
  }
}

/** The values a setting that decides visibility or participants can take. */
const CHOICES: Partial<Record<keyof Settings, readonly unknown[]>> = {
  ccReplyWithoutRequester: ['public', 'private', 'public-if-only-support'],
  onDroppedRecipients: ['notify', 'apply', 'keep'],
  thirdPartyReply: ['internal', 'add-as-cc'],
  agentEmailRepliesPublic: [true, false],
  machineMail: ['internal', 'public'],
  unauthenticatedMail: ['note', 'trust'],
  emailCcsEnabled: [true, false],
};

function visibilityReason(decision: Decision, settings: Settings, lightAgent: boolean): Reason | null {
  const email = decision.email;
  const comment = decision.comment;
  if (comment === null) return null;
  if (email === null) return { rule: 'C1', because: `an agent wrote it as ${comment.visibility === 'public' ? 'a public reply' : 'an internal note'} in the help desk` };
  const kind = email.notice?.kind;
  const s = <K extends keyof Settings>(name: K) => ({ name, value: settings[name] });
  if (email.classification.kind !== 'person') {
    return { rule: 'F11', because: `it is ${email.classification.kind === 'automatic' ? 'an automatic message' : email.classification.kind === 'list' ? 'list mail' : 'a bounce'}, kept as machineMail says`, setting: s('machineMail') };
  }
  if (kind === 'unverified-sender') return { rule: 'F13', because: 'its sender failed authentication', setting: s('unauthenticatedMail') };
  if (kind === 'desk-not-addressed') return { rule: 'F12', because: 'the help desk was not in To or Cc: it only got a copy' };
  switch (comment.authorRole) {
    case 'support':
      return { rule: 'A5', because: "it came from one of the help desk's own addresses" };
    case 'follower':
      return { rule: 'F7', because: 'its sender follows the ticket: a follower writes internal notes' };
    case 'bcc':
      return { rule: 'F6', because: comment.visibility === 'public' ? 'its sender, a BCC, replied to all and reached the requester' : 'its sender is a BCC and wrote to the help desk alone' };
    case 'agent':
      if (lightAgent) return { rule: 'D4', because: 'a light agent writes internal notes only' };
      return { rule: 'F7', because: comment.visibility === 'public' ? 'an agent replied by email to the requester or a CC' : 'an agent wrote to the help desk alone', setting: s('agentEmailRepliesPublic') };
    case 'third-party':
      return { rule: 'F8', because: 'its sender is not on the ticket', setting: s('thirdPartyReply') };
    case 'cc':
      if (kind === 'cc-reply-without-requester' || comment.visibility === 'internal') return { rule: 'F4', because: 'a CC replied without the requester', setting: s('ccReplyWithoutRequester') };
      return { rule: 'F2', because: 'a CC replied to everyone on the ticket' };
    case 'requester':
      if (kind === 'recipients-changed') return { rule: 'F3', because: 'the requester left out some of the CCs', setting: s('onDroppedRecipients') };
      return { rule: email.outcome === 'opened' ? 'F0' : 'F2', because: email.outcome === 'opened' ? 'the requester opened the ticket' : 'the requester replied to everyone on the ticket' };
    default:
      return { rule: 'F1', because: 'it answers an internal note, or has no usable sender' };
  }
}

const participants = (t: Ticket | null): string =>
  t === null ? '' : JSON.stringify([t.requester?.key ?? null, t.ccs.map((m) => m.key), t.bccs.map((m) => m.key), t.followers.map((m) => m.key)]);

/**
 * Explains a command's decision: how the message was classified, which rule made its comment
 * public or internal, and what each other value of the deciding setting would have done —
 * found by deciding the same command again with that value, which the purity of the core
 * makes cheap and safe.
 *
 * @example
 * const reply = { type: 'receive-email', messageId: '<9@mail>', at, from: 'bob@acme.example', to: 'support@desk.example' } as const;
 * const why = explainDecision(ticket, reply, { settings: { ...settings, ccReplyWithoutRequester: 'private' }, directory });
 * why.visibility?.rule; // 'F4'
 * why.alternatives.find((a) => a.value === 'public')?.visibility; // 'public'
 */
export function explainDecision(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext = {}): Explanation {
  const resolved = resolveContext(context);
  const decided = decide(ticket, command, context);
  if (!decided.ok || resolved.issues.length > 0) return { classification: null, visibility: null, alternatives: [], refusals: [] };
  const decision = decided.value;
  const settings = resolved.policy.settings;
  const author = decision.comment?.author;
  const lightAgent = author != null && resolved.directory.byKey(author.key)?.kind === 'light-agent';
  const email = decision.email;
  const classification: Reason | null =
    email === null
      ? null
      : email.classification.kind === 'person'
        ? { rule: 'F1', because: 'a person wrote it: no header says otherwise' }
        : { rule: 'F11', because: `the ${email.classification.reason?.header ?? 'sender'} header says it is ${email.classification.kind === 'automatic' ? 'automatic' : email.classification.kind === 'list' ? 'list mail' : 'a bounce'}`, ...(email.classification.reason === null ? {} : { header: { name: email.classification.reason.header, value: email.classification.reason.value } }) };
  const visibility = visibilityReason(decision, settings, lightAgent);
  const alternatives: Alternative[] = [];
  const setting = visibility?.setting?.name;
  const before = participants(ticketAfter(ticket, decision));
  for (const value of setting === undefined ? [] : (CHOICES[setting] ?? [])) {
    if (value === settings[setting as keyof Settings]) continue;
    const other = decide(ticket, command, { ...(isObject(context) ? context : {}), settings: { ...settings, [setting as string]: value } });
    if (!other.ok) continue;
    const v = other.value.comment?.visibility ?? null;
    const changes = participants(ticketAfter(ticket, other.value)) !== before;
    const differs = v !== (decision.comment?.visibility ?? null) || changes;
    alternatives.push({
      setting: setting as keyof Settings,
      value,
      visibility: v,
      participantsChange: changes,
      sentence: differs
        ? `with ${String(setting)}: ${JSON.stringify(value)} this ${v === null ? 'message' : `reply would have been ${v}`}${changes ? ' and the participants would have changed' : ''}`
        : `with ${String(setting)}: ${JSON.stringify(value)} the outcome would have been the same`,
    });
  }
  const refusals = decision.issues
    .filter((i) => i.field !== undefined)
    .map((i) => ({ input: i.input, field: i.field ?? null, code: i.code, reason: refusalReason(i.code, settings, i.ruleId) }));
  return { classification, visibility, alternatives, refusals };
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** The ticket a decision leads to (its rules' events included). */
const ticketAfter = (ticket: Ticket | null, decision: Decision): Ticket | null =>
  ticket === null ? (decision.events.length === 0 ? null : fold(decision.events)) : evolve(ticket, decision.events);
