import fc from 'fast-check';
import type { RecipientChange } from '../edits/decide-edit.js';
import type { TicketEvent } from '../ticket/events.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
import { createDirectory, type Directory } from '../policy/directory.js';
import { handle, type Command, type Handled } from '../decider/handle.js';
import type { Actor, Resolution, Ticket } from '../ticket/types.js';
import { address, displayName } from './arbitraries.js';
import { formatMailbox } from '../address/format.js';
import type { Rule } from '../rules/types.js';

/** The people of generated scenarios: a small pool so that roles collide often. */
export const staff = [
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
  { address: 'liam@desk.example', kind: 'light-agent', id: 'liam' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia' },
] as const;
export const supportAddresses = ['support@desk.example', 'reply+*@in.desk.example'] as const;
export const scenarioDirectory: Directory = createDirectory(staff);

const participant = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.tuple(address(), displayName()).map(([a, name]) => formatMailbox({ address: a, name })) },
    { weight: 2, arbitrary: fc.constantFrom(...staff.map((s) => s.address)) },
    { weight: 1, arbitrary: fc.constantFrom('support@desk.example', 'reply+42@in.desk.example', 'not-an-address', '') },
  );

/** Settings that vary everything that changes behaviour, over a fixed support address list. */
export const settings = (): fc.Arbitrary<Settings> =>
  fc.record({
    ccLimit: fc.constantFrom(null, 0, 1, 2, 3, 48),
    denylist: fc.subarray(['vip.example', 'no-reply*@*', 'cleo@acme.example', '*.vip.example']),
    supportAddresses: fc.constant([...supportAddresses]),
    emailCcsEnabled: fc.boolean(),
    bccEnabled: fc.boolean(),
    followersEnabled: fc.boolean(),
    lightAgentsMayFollow: fc.boolean(),
    agentCcBecomesFollower: fc.boolean(),
    onDroppedRecipients: fc.constantFrom('notify', 'apply', 'keep'),
    formerRequesterBecomesCc: fc.boolean(),
    internalNotesToStaffCcs: fc.boolean(),
    machineMail: fc.constantFrom('internal', 'public'),
    machineMailOpensTickets: fc.boolean(),
    unauthenticatedMail: fc.constantFrom('note', 'trust'),
    agentOpensTicketFor: fc.constantFrom('customer', 'sender'),
    mergeRequesterAs: fc.constantFrom('cc', 'none'),
    ccReplyWithoutRequester: fc.constantFrom('public', 'private', 'public-if-only-support'),
    thirdPartyReply: fc.constantFrom('internal', 'add-as-cc'),
    agentEmailRepliesPublic: fc.boolean(),
    caseSensitiveLocalPart: fc.boolean(),
  });

/** One step of a scenario, as data: readable when a property fails. */
export type Step =
  | { readonly kind: 'email'; readonly from: string; readonly to: readonly string[]; readonly cc: readonly string[]; readonly answersNote: boolean }
  | { readonly kind: 'edit'; readonly by: Actor; readonly changes: readonly RecipientChange[] }
  | { readonly kind: 'resolve'; readonly resolution: Resolution }
  /** The last email delivered again, with the same Message-ID (F1). */
  | { readonly kind: 'redeliver' };

const actor = (): fc.Arbitrary<Actor> =>
  fc.oneof(
    fc.constantFrom<Actor>({ kind: 'agent', id: 'kate' }, { kind: 'light-agent', id: 'liam' }, { kind: 'admin', id: 'mia' }, { kind: 'system' }, { kind: 'rule', ruleId: 'r1' }),
    address().map<Actor>((a) => ({ kind: 'end-user', address: a })),
  );

const change = (): fc.Arbitrary<RecipientChange> =>
  fc.oneof(
    participant().map<RecipientChange>((a) => ({ op: 'set-requester', address: a })),
    fc.tuple(fc.constantFrom('cc', 'bcc', 'follower'), fc.constantFrom('add', 'remove'), participant()).map<RecipientChange>(([field, op, a]) => ({ op, field, address: a })),
  );

/** An inbound email among the pool's people: requester, CCs, BCCs, agents and strangers collide often. */
export const emailStep = (): fc.Arbitrary<Step> =>
  fc.record({
    kind: fc.constant('email' as const),
    from: participant(),
    to: fc.array(participant(), { maxLength: 3 }).map((xs) => ['support@desk.example', ...xs]),
    cc: fc.array(participant(), { maxLength: 4 }),
    answersNote: fc.boolean(),
  }).chain((s) => fc.boolean().map((bccOnly) => (bccOnly ? { ...s, to: s.to.slice(1) } : s)));

/** A sequence of steps: emails, agent edits by random actors, notice resolutions. */
export const steps = (): fc.Arbitrary<Step[]> =>
  fc.array(
    fc.oneof(
      { weight: 5, arbitrary: emailStep() },
      { weight: 3, arbitrary: fc.record({ kind: fc.constant('edit' as const), by: actor(), changes: fc.array(change(), { minLength: 1, maxLength: 3 }) }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('resolve' as const), resolution: fc.constantFrom<Resolution>('update-recipients', 'split', 'add-as-cc') }) },
      { weight: 1, arbitrary: fc.constant({ kind: 'redeliver' as const }) },
    ),
    { maxLength: 25 },
  );

/** A ticket and its log, as a storage wrapper would hold them. */
export interface Stored {
  readonly ticket: Ticket;
  readonly log: readonly TicketEvent[];
}

export interface Played {
  readonly tickets: ReadonlyMap<string, Stored>;
  /** Each step's command and result, in order. */
  readonly trace: readonly { readonly step: Step; readonly command: Command | null; readonly result: ReturnType<typeof handle> | null }[];
}

/**
 * Plays steps against a help desk: the first email opens ticket T-1, later steps act on
 * the ticket where the last comment landed; a split adds a ticket. `observe` runs after each
 * step, for invariant checks.
 */
export function play(
  list: readonly Step[],
  config: Settings = defaultSettings,
  observe?: (tickets: ReadonlyMap<string, Stored>, last: Handled | null, step: Step) => void,
  ruleSet: readonly Rule[] = [],
): Played {
  const tickets = new Map<string, Stored>();
  const trace: { step: Step; command: Command | null; result: ReturnType<typeof handle> | null }[] = [];
  let current: string | null = null;
  let lastEmail: Command | null = null;
  let n = 0;
  for (const step of list) {
    n += 1;
    const at = `2026-01-01T00:00:${String(n).padStart(2, '0')}Z`;
    const stored = current === null ? null : (tickets.get(current) ?? null);
    const command: Command | null = step.kind === 'redeliver' ? lastEmail : commandFor(step, stored?.ticket ?? null, at, n, current);
    if (command?.type === 'receive-email') lastEmail = command;
    if (command === null) {
      trace.push({ step, command, result: null });
      continue;
    }
    const result = handle(stored?.ticket ?? null, command, { settings: config, directory: scenarioDirectory, rules: ruleSet });
    trace.push({ step, command, result });
    let handled: Handled | null = null;
    if (result.ok) {
      handled = result.value;
      if (handled.ticket !== null) {
        const id = handled.ticket.id;
        tickets.set(id, { ticket: handled.ticket, log: [...(tickets.get(id)?.log ?? []), ...handled.events] });
        current = id;
      }
      if (handled.split !== null && handled.splitTicket !== null) tickets.set(handled.split.ticketId, { ticket: handled.splitTicket, log: handled.split.events });
    }
    observe?.(tickets, handled, step);
  }
  return { tickets, trace };
}

function commandFor(step: Step, ticket: Ticket | null, at: string, n: number, current: string | null): Command | null {
  switch (step.kind) {
    case 'email':
      return {
        type: 'receive-email',
        messageId: `<m${n}@mail.example>`,
        newTicketId: current === null ? 'T-1' : `T-${n}`,
        at,
        from: step.from,
        to: step.to.join(', '),
        cc: step.cc.join(', '),
        answers: step.answersNote ? { commentId: 'note', visibility: 'internal' } : null,
      };
    case 'edit':
      return ticket === null ? null : { type: 'edit-recipients', changes: step.changes, by: step.by, at };
    case 'resolve': {
      const notice = ticket?.notices[0];
      if (ticket === null || notice === undefined) return null;
      return { type: 'resolve-notice', noticeId: notice.id, resolution: step.resolution, by: { kind: 'agent', id: 'kate' }, at, newTicketId: `T-split-${n}` };
    }
    case 'redeliver':
      return null;
  }
}
