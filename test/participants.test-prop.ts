import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, handle, type Actor, type Command, type DeliveryPlan, type Handled, type Settings, type Ticket, type TicketEvent } from '../src/index.js';
import { defaultSettings } from '../src/policy/settings.js';
import { createDirectory } from '../src/policy/directory.js';
import {
  assertHistoryFolds,
  assertNoBccLeak,
  assertNoFollowerInCustomerHeaders,
  assertNoHeldBackDelivery,
  assertNoNoteToEndUser,
  assertOneRolePerAddress,
  assertCcLimit,
  assertNoForbiddenParticipant,
  staff,
} from '../src/testing/index.js';

/**
 * Participants over time (H1–H5, C4, B9, B10) under random sequences: bounces, delivery
 * reports, mutes, merges, imports, visibility changes and notice resolutions between
 * emails and comments, from people with one address or two. Every plan any command returned is checked (I1–I3, I11), and nobody
 * receives one comment twice across all of them: a comment's delivery is idempotent.
 */

/**
 * H5: Ann and Ivan (who wants mail at work) write from two addresses, Liam (a light agent) and
 * Mia (an admin) have a second mailbox: the scenario staff plus their second addresses.
 */
const directory = createDirectory([
  ...staff.map((s) => (s.id === 'liam' ? { ...s, addresses: ['liam@mobile.example'] } : s.id === 'mia' ? { ...s, addresses: ['mia@home.example'] } : s)),
  { address: 'ann@acme.example', addresses: ['ann@home.example'], kind: 'end-user', name: 'Ann' },
  { address: 'ivan@work.example', addresses: ['ivan@home.example'], preferred: 'ivan@work.example', kind: 'end-user' },
]);
const customers = ['ann@acme.example', 'Ann <ann@home.example>', 'Bob <bob@acme.example>', 'cy@acme.example', 'dee@other.example', 'zed@vip.example', 'ivan@work.example', 'ivan@home.example'];
const staffAddresses = ['kate@desk.example', 'liam@desk.example', 'liam@mobile.example', 'mia@desk.example', 'mia@home.example'];
const person = fc.constantFrom(...customers, ...staffAddresses);
const staffActor = fc.constantFrom<Actor>({ kind: 'agent', id: 'kate' }, { kind: 'admin', id: 'mia' }, { kind: 'light-agent', id: 'liam' });

type Step =
  | { kind: 'email'; from: string; to: string[]; cc: string[]; desk: boolean }
  | { kind: 'bounce'; failed: string[] }
  | { kind: 'comment'; visibility: 'public' | 'internal'; by: Actor; once: { cc: string[]; bcc: string[]; leaveOut: string[] } | null }
  | { kind: 'edit'; by: Actor; changes: Extract<Command, { type: 'edit-recipients' }>['changes'] }
  | { kind: 'delivery'; address: string; status: 'ok' | 'failing' | 'undeliverable'; by: Actor }
  | { kind: 'visibility'; pick: number; visibility: 'public' | 'internal'; by: Actor }
  | { kind: 'resolve'; pick: number; by: Actor }
  | { kind: 'merge'; participants: Participants; by: Actor };

interface Participants {
  requester: string | null;
  ccs: string[];
  bccs: string[];
  followers: string[];
}

const participants: fc.Arbitrary<Participants> = fc.record({
  requester: fc.option(person, { nil: null }),
  ccs: fc.array(person, { maxLength: 3 }),
  bccs: fc.array(person, { maxLength: 2 }),
  followers: fc.array(fc.constantFrom(...staffAddresses, 'ann@acme.example', 'ann@home.example'), { maxLength: 2 }),
});

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('email' as const), from: person, to: fc.array(person, { maxLength: 2 }), cc: fc.array(person, { maxLength: 3 }), desk: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bounce' as const), failed: fc.array(person, { minLength: 1, maxLength: 2 }) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('comment' as const),
      visibility: fc.constantFrom('public' as const, 'internal' as const),
      by: staffActor,
      once: fc.option(fc.record({ cc: fc.array(person, { maxLength: 2 }), bcc: fc.array(person, { maxLength: 2 }), leaveOut: fc.array(person, { maxLength: 2 }) }), { nil: null }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      by: staffActor,
      changes: fc.array(
        fc.oneof(
          fc.record({ op: fc.constantFrom('mute' as const, 'unmute' as const), address: person }),
          fc.record({ op: fc.constantFrom('add' as const, 'remove' as const), field: fc.constantFrom('cc' as const, 'bcc' as const, 'follower' as const), address: person }),
          fc.record({ op: fc.constant('set-requester' as const), address: person }),
        ),
        { minLength: 1, maxLength: 3 },
      ),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('delivery' as const), address: person, status: fc.constantFrom('ok' as const, 'failing' as const, 'undeliverable' as const), by: fc.constantFrom<Actor>({ kind: 'system' }, { kind: 'agent', id: 'kate' }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('visibility' as const), pick: fc.nat(), visibility: fc.constantFrom('public' as const, 'internal' as const), by: staffActor }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('resolve' as const), pick: fc.nat(), by: staffActor }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('merge' as const), participants, by: staffActor }) },
);

const config: fc.Arbitrary<Settings> = fc.record({
  ccLimit: fc.constantFrom(null, 1, 2, 3),
  formerRequesterBecomesCc: fc.boolean(),
  internalNotesToStaffCcs: fc.boolean(),
  onDroppedRecipients: fc.constantFrom('notify' as const, 'apply' as const, 'keep' as const),
  thirdPartyReply: fc.constantFrom('internal' as const, 'add-as-cc' as const),
  mergeRequesterAs: fc.constantFrom('cc' as const, 'none' as const),
  agentCcBecomesFollower: fc.boolean(),
  ccReplyWithoutRequester: fc.constantFrom('public' as const, 'private' as const, 'public-if-only-support' as const),
}).map((s) => ({ ...defaultSettings, ...s, denylist: ['vip.example'], supportAddresses: ['support@desk.example'] }));

interface Stored {
  ticket: Ticket;
  log: TicketEvent[];
  /** The import reported over-limit or denylisted participants: it keeps them (E6), so I4 and I5 do not hold for it. */
  lenient: boolean;
}

/** Plays the steps on T-1 (opened by Ann, or imported), checking every returned plan; returns what it saw. */
function play(settings: Settings, importFirst: Participants | null, steps: readonly Step[]) {
  const context = { settings, directory };
  const tickets = new Map<string, Stored>();
  const seen = { merged: 0, released: 0, leftOut: 0, bounced: 0, hidden: 0, once: 0, alias: 0 };
  const delivered = new Map<string, Set<string>>();
  const comments: string[] = [];
  let clock = 0;
  let n = 0;
  const at = () => new Date(Date.UTC(2026, 0, 1) + ++clock * 60_000).toISOString();

  const lenient = (events: readonly TicketEvent[]) =>
    events.some((e) => e.type === 'ticket-imported' && e.problems.some((p) => p.code === 'cc-limit-exceeded' || p.code === 'denylisted'));

  const checkPlan = (plan: DeliveryPlan, ticket: Ticket) => {
    assertNoBccLeak(plan, ticket, {}, directory);
    assertNoNoteToEndUser(plan, directory);
    assertNoFollowerInCustomerHeaders(plan, ticket, {}, directory);
    assertNoHeldBackDelivery(plan, ticket);
    const had = delivered.get(plan.commentId) ?? new Set<string>();
    for (const m of plan.messages) {
      for (const e of m.envelope) {
        if (had.has(e.key)) throw new Error(`${e.address} receives comment ${plan.commentId} twice`);
        had.add(e.key);
      }
    }
    delivered.set(plan.commentId, had);
    if (plan.leftOut.some((l) => l.reason !== 'held-reply')) seen.leftOut += 1;
  };

  const store = (id: string, ticket: Ticket, events: readonly TicketEvent[]) => {
    const before = tickets.get(id);
    tickets.set(id, { ticket, log: [...(before?.log ?? []), ...events], lenient: (before?.lenient ?? false) || lenient(events) });
  };

  const apply = (id: string | null, command: Command): Handled | null => {
    const before = id === null ? null : (tickets.get(id)?.ticket ?? null);
    const r = handle(before, command, context);
    if (!r.ok) return null;
    const value = r.value;
    if (value.ticket !== null) store(value.ticket.id, value.ticket, value.events);
    if (value.splitTicket !== null && value.split !== null) store(value.split.ticketId, value.splitTicket, value.split.events);
    if (value.mergedTicket !== null && value.merged !== null) store(value.merged.ticketId, value.mergedTicket, value.merged.events);
    const plans = value.plans;
    if (command.type === 'resolve-notice' && value.split === null && plans.length > 0) seen.released += 1;
    if (command.type === 'merge-tickets') seen.merged += 1;
    if (command.type === 'change-visibility') seen.hidden += 1;
    // H5: a reply from a person's second address, taken as that person.
    const author = value.comment?.author;
    if (command.type === 'receive-email' && author && author.key !== author.address.toLowerCase()) seen.alias += 1;
    if (value.events.some((e) => e.type === 'delivery-changed' && e.cause === 'inbound-email')) seen.bounced += 1;
    const splitComment = value.split?.events.find((e) => e.type === 'comment-added');
    for (const plan of plans) {
      const onSplit = splitComment?.type === 'comment-added' && splitComment.comment.id === plan.commentId && value.splitTicket !== null;
      const ticket = onSplit ? value.splitTicket! : value.ticket!;
      // H3: a one-time BCC is as hidden as the ticket's own.
      const once = value.comment?.id === plan.commentId ? value.comment.oneTime : undefined;
      if (once !== undefined && once.cc.length + once.bcc.length > 0) seen.once += 1;
      // A one-time CC or BCC holds that role for this message (A4: an agent may be follower and CC at once).
      checkPlan(plan, once === undefined ? ticket : { ...ticket, ccs: [...ticket.ccs, ...once.cc], bccs: [...ticket.bccs, ...once.bcc] });
    }
    if (value.comment !== null) comments.push(value.comment.id);
    return value;
  };

  if (importFirst !== null) apply(null, { type: 'import-ticket', ticketId: 'T-1', participants: importFirst, by: { kind: 'system' }, at: at() });
  else apply(null, { type: 'receive-email', messageId: '<m0@x>', newTicketId: 'T-1', from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example', at: at() });

  for (const s of steps) {
    const t = tickets.get('T-1')?.ticket;
    if (t === undefined) break;
    switch (s.kind) {
      case 'email':
        apply('T-1', { type: 'receive-email', messageId: `<m${++n}@x>`, from: s.from, to: [...(s.desk ? ['support@desk.example'] : []), ...s.to].join(', '), cc: s.cc.join(', '), at: at() });
        break;
      case 'bounce':
        apply('T-1', { type: 'receive-email', messageId: `<dsn${++n}@x>`, from: 'MAILER-DAEMON@mx.example', to: 'support@desk.example', failedRecipients: s.failed, at: at() });
        break;
      case 'comment':
        apply('T-1', { type: 'write-comment', commentId: `c${++n}`, visibility: s.visibility, by: s.by, at: at(), ...(s.once === null ? {} : { recipients: s.once }) });
        break;
      case 'edit':
        apply('T-1', { type: 'edit-recipients', changes: s.changes, by: s.by, at: at() });
        break;
      case 'delivery':
        apply('T-1', { type: 'report-delivery', address: s.address, status: s.status, by: s.by, at: at() });
        break;
      case 'visibility': {
        const id = comments[s.pick % Math.max(1, comments.length)];
        if (id !== undefined) apply('T-1', { type: 'change-visibility', commentId: id, visibility: s.visibility, by: s.by, at: at() });
        break;
      }
      case 'resolve': {
        const notice = t.notices[s.pick % Math.max(1, t.notices.length)];
        if (notice === undefined) break;
        const resolution = notice.resolutions[s.pick % Math.max(1, notice.resolutions.length)];
        if (resolution !== undefined) apply('T-1', { type: 'resolve-notice', noticeId: notice.id, resolution, by: s.by, at: at(), newTicketId: `T-split-${++n}` });
        break;
      }
      case 'merge': {
        const id = `S-${++n}`;
        const source = apply(null, { type: 'import-ticket', ticketId: id, participants: s.participants, by: { kind: 'system' }, at: at() });
        if (source?.ticket) apply('T-1', { type: 'merge-tickets', source: source.ticket, by: s.by, at: at() });
        break;
      }
    }
  }
  for (const [id, { ticket, log, lenient: kept }] of tickets) {
    assertOneRolePerAddress(ticket);
    assertHistoryFolds(ticket, log);
    expect(fold(log).heldBack).toEqual(ticket.heldBack);
    if (!kept) {
      assertCcLimit(ticket, settings);
      assertNoForbiddenParticipant(ticket, settings);
    }
    if (id.startsWith('S-') && ticket.mergedInto !== null) expect(ticket.mergedInto).toBe('T-1');
  }
  return { tickets, delivered, seen };
}

describe('participants over time (property)', () => {
  it('I1–I3, I11 hold on every plan a command returns, nobody gets a comment twice, and merged tickets keep I4–I7', () => {
    const total = { merged: 0, released: 0, leftOut: 0, bounced: 0, hidden: 0, once: 0, alias: 0 };
    fc.assert(
      fc.property(config, fc.option(participants, { nil: null, freq: 4 }), fc.array(step, { maxLength: 40, size: 'medium' }), (settings, imported, steps) => {
        const { seen } = play(settings, imported, steps);
        for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += seen[k];
      }),
      { numRuns: 400 },
    );
    // The sequences reach what they are about: merges, released replies, people left out, bounces, hidden comments, one-time recipients, replies from a second address.
    for (const count of Object.values(total)) expect(count).toBeGreaterThan(5);
  });

  it('B9 regression: an admin imported as CC and follower is told of a BCC-only reply once, not again when it is released', () => {
    const settings = { ...defaultSettings, denylist: ['vip.example'], supportAddresses: ['support@desk.example'], internalNotesToStaffCcs: false };
    const { delivered } = play(settings, { requester: null, ccs: ['mia@desk.example'], bccs: [], followers: ['mia@desk.example'] }, [
      { kind: 'email', from: 'ann@acme.example', to: [], cc: [], desk: false },
      { kind: 'resolve', pick: 0, by: { kind: 'agent', id: 'kate' } },
    ]);
    expect([...(delivered.get('<m1@x>') ?? [])]).toEqual(['mia@desk.example']);
  });

  it('B9 regression (seed 1244463072): a follower told of a held reply, removed as follower while it is held, is not sent it again on release', () => {
    const settings = { ...defaultSettings, denylist: ['vip.example'], supportAddresses: ['support@desk.example'], ccLimit: null, onDroppedRecipients: 'notify' as const, ccReplyWithoutRequester: 'public' as const, formerRequesterBecomesCc: true, agentCcBecomesFollower: true, internalNotesToStaffCcs: false };
    const kate: Actor = { kind: 'agent', id: 'kate' };
    const { delivered } = play(settings, null, [
      { kind: 'edit', by: kate, changes: [{ op: 'set-requester', address: 'liam@desk.example' }] },
      { kind: 'edit', by: kate, changes: [{ op: 'set-requester', address: 'ann@acme.example' }] },
      { kind: 'email', from: 'ann@acme.example', to: [], cc: [], desk: false },
      { kind: 'edit', by: kate, changes: [{ op: 'remove', field: 'follower', address: 'liam@desk.example' }] },
      { kind: 'resolve', pick: 0, by: kate },
    ]);
    expect([...(delivered.get('<m1@x>') ?? [])].sort()).toEqual(['bob@acme.example', 'liam@desk.example']);
  });
});
