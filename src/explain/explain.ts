import { resolveContext, type PreparedContext, type TicketContext } from '../context/context.js';
import { decide, type Command, type Decision } from '../decider/handle.js';
import type { Settings } from '../policy/settings.js';
import type { Ticket } from '../ticket/types.js';
import { evolve, fold } from '../history/evolve.js';
import { reasonInEnglish, refusalReason, type Reason } from './reason.js';

export type { Reason } from './reason.js';

/** A reason with its English words, as `explainDecision` gives it. */
export type ExplainedReason = Reason & {
  /** The reason in English, for a tooltip (`describeEvent` takes caller phrases for a timeline). */
  readonly because: string;
};

/** What another value of a deciding setting would have done (found by deciding again). */
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
  readonly reason: ExplainedReason;
}

export interface Explanation {
  /** How an inbound message was classified (F11), when it was one. */
  readonly classification: ExplainedReason | null;
  /** Why the comment it created is public or internal: the reasons stored on its event. */
  readonly visibility: ExplainedReason | null;
  /**
   * Other values of each setting that decided (the comment's visibility, a recipient change,
   * a refusal), and what each would have done.
   */
  readonly alternatives: readonly Alternative[];
  /** What was kept out (recorded too, E5), each with the rule and setting that kept it out. */
  readonly refusals: readonly Refusal[];
}

const explained = (reason: Reason, about: 'comment' | 'person' = 'person'): ExplainedReason => ({ ...reason, because: reasonInEnglish(reason, about) });

/** The values a setting that decides visibility or participants can take. */
const CHOICES: Partial<Record<keyof Settings, readonly unknown[]>> = {
  ccReplyWithoutRequester: ['public', 'private', 'public-if-only-support'],
  onDroppedRecipients: ['notify', 'apply', 'keep'],
  thirdPartyReply: ['internal', 'add-as-cc'],
  agentEmailRepliesPublic: [true, false],
  machineMail: ['internal', 'public'],
  unauthenticatedMail: ['note', 'trust'],
  emailCcsEnabled: [true, false],
  bccEnabled: [true, false],
  followersEnabled: [true, false],
  agentCcBecomesFollower: [true, false],
  formerRequesterBecomesCc: [true, false],
  agentOpensTicketFor: ['customer', 'sender'],
  mergeRequesterAs: ['cc', 'none'],
};

const participants = (t: Ticket | null): string =>
  t === null ? '' : JSON.stringify([t.requester?.key ?? null, t.ccs.map((m) => m.key), t.bccs.map((m) => m.key), t.followers.map((m) => m.key)]);

/**
 * Explains a command's decision: how the message was classified, which rule made its comment
 * public or internal (the reasons the decision stored on its events), what policy kept out,
 * and what each other value of every setting those reasons name would have done — found by
 * deciding the same command again with that value, which the purity of the core makes cheap
 * and safe. For `ccLimit` the value tried is the limit that would have let in every CC kept
 * out; the lists (`denylist`, `supportAddresses`) get no alternatives.
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
  const email = decision.email;
  const header = email?.classification.reason ?? null;
  const classification: ExplainedReason | null =
    email === null
      ? null
      : email.classification.kind === 'person'
        ? { rule: 'F11', because: 'a person wrote it: no header says otherwise' }
        : explained({ rule: 'F11', ...(header === null ? {} : { header: { name: header.header, value: header.value } }) });
  // The reasons the decision stored on its events: the comment's, then each change's.
  const commentId = decision.comment?.id;
  const commentEvent = decision.events.find((e) => e.type === 'comment-added' && e.comment.id === commentId);
  const stored = commentEvent?.reasons ?? [];
  const deciding = stored.find((r) => r.setting !== undefined) ?? stored[0];
  const visibility = deciding === undefined ? null : explained(deciding, 'comment');
  const refused = decision.events.flatMap((e) => (e.type === 'recipients-refused' ? e.refused : []));
  const refusals = decision.issues
    .filter((i) => i.field !== undefined)
    .map((i) => {
      const kept = refused.find((r) => r.code === i.code && r.input === (typeof i.input === 'string' ? i.input.slice(0, 320) : ''))?.reason;
      return { input: i.input, field: i.field ?? null, code: i.code, reason: explained(kept ?? refusalReason(i.code, String(i.input), settings, i.ruleId)) };
    });
  // Every setting a reason names, the comment's first: each other value is decided again.
  const named = [deciding, ...decision.events.flatMap((e) => e.reasons ?? []), ...refusals.map((r) => r.reason)].flatMap((r) => (r?.setting === undefined ? [] : [r.setting.name]));
  const alternatives: Alternative[] = [];
  const before = participants(ticketAfter(ticket, decision));
  // D1: the limit that would have let in every CC it kept out.
  const overLimit = refusals.filter((r) => r.code === 'cc-limit-exceeded').length;
  const limit = settings.ccLimit;
  for (const setting of new Set(named)) {
    for (const value of CHOICES[setting] ?? (setting === 'ccLimit' && limit !== null ? [limit + overLimit] : [])) {
      if (value === settings[setting]) continue;
      const other = decide(ticket, command, { ...(isObject(context) ? context : {}), settings: { ...settings, [setting]: value } });
      if (!other.ok) continue;
      const v = other.value.comment?.visibility ?? null;
      const changes = participants(ticketAfter(ticket, other.value)) !== before;
      const moved = v !== (decision.comment?.visibility ?? null);
      const outcome = moved ? `this ${v === null ? 'message would have made no comment' : `reply would have been ${v}`}${changes ? ' and the participants would have changed' : ''}` : changes ? 'the participants would have changed' : 'the outcome would have been the same';
      alternatives.push({
        setting,
        value,
        visibility: v,
        participantsChange: changes,
        sentence: `with ${setting}: ${JSON.stringify(value)} ${outcome}`,
      });
    }
  }
  return { classification, visibility, alternatives, refusals };
}

const isObject = (v: unknown): v is object => typeof v === 'object' && v !== null;

/** The ticket a decision leads to (its rules' events included). */
const ticketAfter = (ticket: Ticket | null, decision: Decision): Ticket | null =>
  ticket === null ? (decision.events.length === 0 ? null : fold(decision.events)) : evolve(ticket, decision.events);
