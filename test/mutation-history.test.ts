// Behaviour the issue on mutation testing found unpinned in src/history: what folding each
// kind of event does to the state (short batches and long ones, which index the participants),
// every sentence describeEvent writes, what readEvents reports, what eraseAddress replaces, and
// the order of recipientChanges.
import { describe as group, expect, it } from 'vitest';
import { stamp } from '../src/decider/handle.js';
import {
  describeEvent,
  emptyTicket,
  eraseAddress,
  englishPhrases,
  evolve,
  fold,
  formatPath,
  parseAddress,
  readEvents,
  reasonsOf,
  recipientChanges,
  type HistoryPhrases,
  type Mailbox,
  type Notice,
  type Ticket,
  type TicketEvent,
  type UnstampedEvent,
} from '../src/index.js';

const system = { kind: 'system' } as const;
const kate = { kind: 'agent', id: 'kate' } as const;

/** A mailbox as the library parses it. */
function mb(text: string): Mailbox {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(`not an address: ${text}`);
  return r.value;
}

/** An event of any kind, numbered and checksummed as the decider would write it. */
const ev = (e: Record<string, unknown>): UnstampedEvent => ({ at: 't', by: system, cause: 'agent-edit', ...e }) as unknown as UnstampedEvent;
/** A log of ticket T-1 from these events. */
const log = (...events: UnstampedEvent[]): TicketEvent[] => stamp(events, 'T-1', 0);
/** More events for a ticket, numbered after it. */
const after = (ticket: Ticket, ...events: UnstampedEvent[]): TicketEvent[] => stamp(events, ticket.id, ticket.revision);

const opened = ev({ type: 'ticket-opened', ticketId: 'T-1', splitFrom: null, cause: 'inbound-email' });
const requester = (text: string, from: string | null = null) => ev({ type: 'requester-changed', from: from === null ? null : mb(from), to: mb(text) });
const added = (field: 'cc' | 'bcc' | 'follower', text: string) => ev({ type: 'added', field, mailbox: mb(text) });
const removed = (field: 'cc' | 'bcc' | 'follower', text: string) => ev({ type: 'removed', field, mailbox: mb(text) });
const muted = (text: string, on = true) => ev({ type: 'mute-changed', mailbox: mb(text), muted: on });
const delivery = (text: string, status: 'ok' | 'failing' | 'undeliverable', reason = '') => ev({ type: 'delivery-changed', mailbox: mb(text), status, reason, cause: 'delivery' });
const refused = (...inputs: string[]) =>
  ev({ type: 'recipients-refused', refused: inputs.map((input) => ({ input, mailbox: parseAddress(input).ok ? mb(input) : null, field: 'cc', code: 'cc-limit-exceeded' })) });
const comment = (id: string, messageId: string | null, extra: Record<string, unknown> = {}) =>
  ev({ type: 'comment-added', comment: { id, messageId, author: null, authorRole: 'agent', visibility: 'public', via: 'help-desk', to: [], cc: [], automatic: false, ...extra } });
const visibility = (commentId: string, to: 'public' | 'internal') => ev({ type: 'comment-visibility-changed', commentId, visibility: to });
const notice = (id: string): Notice => ({ id, kind: 'third-party-reply', resolutions: ['add-as-cc', 'split'], comment: { id: `c-${id}`, messageId: null, author: null, authorRole: 'third-party', visibility: 'internal', via: 'email', to: [], cc: [], automatic: false }, sender: null, present: [], missing: [], added: [] });
const raised = (id: string) => ev({ type: 'notice-raised', notice: notice(id) });
const resolved = (id: string) => ev({ type: 'notice-resolved', noticeId: id, resolution: 'split' });
/** Filler that changes nothing but the revision: makes a batch long enough to be indexed. */
const filler = (n: number) => Array.from({ length: n }, () => ev({ type: 'address-erased', pseudonym: 'x@erased.invalid', cause: 'erasure' }));

const keys = (list: readonly { key: string }[]) => list.map((m) => m.key);
const held = (t: Ticket) => t.heldBack.map((h) => [h.mailbox.address, h.reason, h.detail]);
const ANN = 'ann@acme.example';
const BOB = 'bob@acme.example';
const CY = 'cy@acme.example';
const DAN = 'dan@acme.example';

/** Folds the events in one short batch and, padded past the indexing threshold, in one long one: both must agree. */
function foldBoth(...events: UnstampedEvent[]): Ticket {
  const short = fold(log(opened, ...events), 'T-1');
  const long = fold(log(opened, ...filler(20), ...events), 'T-1');
  // The long batch has the same state, 20 revisions later (memory records revisions too).
  expect({ ...long, revision: long.revision - 20, memory: long.memory.map((m) => ({ ...m, lastUsed: m.lastUsed - 20 })) }).toEqual(short);
  // And event by event, each its own batch.
  const stepwise = log(opened, ...events).reduce((t, e) => evolve(t, [e]), emptyTicket('T-1'));
  expect(stepwise).toEqual(short);
  return short;
}

group('E2: folding each kind of event', () => {
  it('E2: the ticket id, the revision (one per event) and the requester come from the log', () => {
    const t = foldBoth(requester(ANN), requester(BOB, ANN));
    expect([t.id, t.revision, t.requester?.key]).toEqual(['T-1', 3, BOB]);
    expect(fold(log(opened)).id).toBe('T-1');
    expect(fold([]).id).toBe('');
    expect(fold([], 'T-9')).toEqual(emptyTicket('T-9'));
  });

  it('E2: adding someone who is already there, or removing someone who is not, changes nothing but the revision', () => {
    const t = foldBoth(added('cc', BOB), added('cc', CY), added('cc', BOB), added('cc', CY), removed('cc', DAN), removed('bcc', BOB));
    expect([keys(t.ccs), keys(t.bccs)]).toEqual([[BOB, CY], []]);
  });

  it('E2: removing the first, the last or a middle participant leaves the others in order', () => {
    const t = foldBoth(added('cc', ANN), added('cc', BOB), added('cc', CY), added('cc', DAN), removed('cc', ANN), removed('cc', DAN), removed('cc', CY), added('cc', ANN));
    expect(keys(t.ccs)).toEqual([BOB, ANN]);
    const u = foldBoth(added('bcc', ANN), added('bcc', BOB), removed('bcc', BOB), removed('bcc', ANN), added('bcc', CY), added('bcc', CY));
    expect(keys(u.bccs)).toEqual([CY]);
    const f = foldBoth(added('follower', 'kate@desk.example'), added('follower', 'otto@desk.example'), removed('follower', 'kate@desk.example'));
    expect(keys(f.followers)).toEqual(['otto@desk.example']);
  });

  it('C2: the memory keeps every requester, CC and BCC once, with the revision it last got a role at; never a follower', () => {
    const t = foldBoth(requester(ANN), added('cc', BOB), added('bcc', CY), added('follower', 'kate@desk.example'), removed('cc', BOB), added('cc', BOB), requester(ANN));
    expect(t.memory.map((m) => [m.key, m.lastUsed])).toEqual([
      [ANN, 8],
      [BOB, 7],
      [CY, 4],
    ]);
  });

  it('E5: an address that gets a role is no longer refused; the others stay, those without a mailbox too', () => {
    const t = foldBoth(refused(BOB, 'not an address', CY, DAN), added('cc', BOB), requester(CY), added('follower', DAN));
    expect(t.refused.map((r) => r.input)).toEqual(['not an address']);
    // Nothing to clear: the list is the same one.
    const u = foldBoth(refused('not an address'), added('cc', BOB));
    expect(u.refused.map((r) => r.input)).toEqual(['not an address']);
  });

  it('E2: the latest 100 refusals and 64 resolved notices are kept, oldest dropped first', () => {
    const many = Array.from({ length: 105 }, (_, i) => `p${String(i).padStart(3, '0')}@acme.example`);
    const t = fold(log(opened, refused(...many.slice(0, 50)), refused(...many.slice(50))));
    expect(t.refused.map((r) => r.input)).toEqual(many.slice(5));
    const exactly = fold(log(opened, refused(...many.slice(0, 100))));
    expect(exactly.refused).toHaveLength(100);
    const ids = Array.from({ length: 70 }, (_, i) => `n${i}`);
    const r = fold(log(opened, ...ids.map(raised), ...ids.map(resolved)));
    expect([r.notices, r.resolvedNotices]).toEqual([[], ids.slice(6)]);
    const s = fold(log(opened, ...ids.slice(0, 64).map(resolved)));
    expect(s.resolvedNotices).toEqual(ids.slice(0, 64));
  });

  it('F10: resolving a notice removes that notice only; the others stay open', () => {
    const t = foldBoth(raised('a'), raised('b'), raised('c'), resolved('b'), resolved('zz'));
    expect([t.notices.map((n) => n.id), t.resolvedNotices]).toEqual([['a', 'c'], ['b', 'zz']]);
  });

  it('C4: comments count, moves uncount; a comment made internal is listed once, and made public again it is not', () => {
    const t = foldBoth(comment('c1', null), comment('c2', '<2@x>'), comment('c3', '<3@x>'), ev({ type: 'comment-moved', commentId: 'c3', toTicketId: 'T-2' }));
    expect(t.commentCount).toBe(2);
    const v = foldBoth(visibility('c1', 'internal'), visibility('c1', 'internal'), visibility('c2', 'internal'), visibility('c3', 'public'), visibility('c2', 'public'));
    expect(v.internalComments).toEqual(['c1']);
  });

  it('F1: an inbound comment\'s Message-ID is remembered for duplicates; a comment written in the help desk has none to remember', () => {
    const t = foldBoth(comment('c1', null), comment('c2', '<2@x>'));
    expect(t.recentMessageIds.flat()).toEqual(['<2@x>']);
    expect(foldBoth(comment('c1', null)).recentMessageIds).toEqual([]);
  });

  it('H2, H1: a mute and a delivery status are kept apart; each event replaces only its own kind for that person', () => {
    const t = foldBoth(added('cc', BOB), added('cc', CY), muted(BOB), delivery(BOB, 'failing', '452 full'), muted(CY), delivery(BOB, 'undeliverable', '550 gone'));
    expect(held(t)).toEqual([
      [BOB, 'muted', ''],
      [CY, 'muted', ''],
      [BOB, 'undeliverable', '550 gone'],
    ]);
    const u = foldBoth(added('cc', BOB), added('cc', CY), muted(BOB), delivery(BOB, 'failing', '452 full'), muted(CY), delivery(CY, 'failing', 'x'), muted(BOB, false), delivery(CY, 'ok', 'restored'));
    expect(held(u)).toEqual([
      [BOB, 'failing', '452 full'],
      [CY, 'muted', ''],
    ]);
    const v = foldBoth(added('cc', BOB), added('cc', CY), delivery(BOB, 'undeliverable', '550'), delivery(CY, 'undeliverable', '550'), delivery(BOB, 'ok'), delivery(CY, 'failing', '452'));
    expect(held(v)).toEqual([[CY, 'failing', '452']]);
  });

  it('H2: someone who leaves the ticket takes their mute along; one who keeps another role keeps it', () => {
    const gone = foldBoth(added('cc', BOB), added('cc', CY), muted(BOB), muted(CY), delivery(BOB, 'failing'), removed('cc', BOB));
    expect(held(gone)).toEqual([[CY, 'muted', '']]);
    // An agent in CC who also follows the ticket (agentCcBecomesFollower) stays a follower.
    const follows = foldBoth(added('cc', 'kate@desk.example'), added('follower', 'kate@desk.example'), muted('kate@desk.example'), removed('cc', 'kate@desk.example'));
    expect(held(follows)).toEqual([['kate@desk.example', 'muted', '']]);
    // The requester's key removed from a list they are not in: they are still the requester.
    const req = foldBoth(requester(ANN), added('bcc', BOB), muted(ANN), removed('cc', ANN), removed('bcc', BOB));
    expect(held(req)).toEqual([[ANN, 'muted', '']]);
    // Removing someone nobody muted leaves the held list alone.
    expect(held(foldBoth(added('cc', BOB), muted(CY), removed('cc', BOB)))).toEqual([[CY, 'muted', '']]);
  });

  it('E6: an import sets everyone at once; the memory holds the requester, CCs and BCCs, not followers', () => {
    const imported = (requesterText: string | null) =>
      ev({
        type: 'ticket-imported',
        participants: { requester: requesterText === null ? null : mb(requesterText), ccs: [mb(BOB)], bccs: [mb(CY)], followers: [mb('kate@desk.example')] },
        problems: [],
        cause: 'import',
      });
    const t = foldBoth(imported(ANN), added('cc', DAN), added('cc', BOB));
    expect([t.requester?.key, keys(t.ccs), keys(t.bccs), keys(t.followers), keys(t.memory)]).toEqual([ANN, [BOB, DAN], [CY], ['kate@desk.example'], [ANN, BOB, CY, DAN]]);
    const none = foldBoth(imported(null));
    expect([none.requester, keys(none.memory)]).toEqual([null, [BOB, CY]]);
    // Imported over a ticket that had people: they are replaced, and those added after are found in the new lists.
    const over = foldBoth(added('cc', DAN), added('cc', ANN), added('bcc', DAN), imported(null), added('cc', DAN), added('cc', BOB), removed('bcc', CY));
    expect([keys(over.ccs), keys(over.bccs), keys(over.followers)]).toEqual([[BOB, DAN], [], ['kate@desk.example']]);
  });

  it('H5: a participant reached at another address is changed everywhere they are: role, memory (keeping when), held back', () => {
    const moved = (address: string) => ev({ type: 'address-changed', mailbox: { address, name: 'Bob', key: BOB } });
    const t = foldBoth(requester(ANN), added('cc', BOB), added('cc', CY), muted(BOB), muted(CY), moved('bob@home.example'));
    expect(t.ccs.map((m) => m.address)).toEqual(['bob@home.example', CY]);
    expect(t.memory.map((m) => [m.address, m.name, m.lastUsed])).toEqual([
      [ANN, null, 2],
      ['bob@home.example', 'Bob', 3],
      [CY, null, 4],
    ]);
    expect(held(t)).toEqual([
      ['bob@home.example', 'muted', ''],
      [CY, 'muted', ''],
    ]);
    const asRequester = foldBoth(requester(BOB), added('bcc', CY), muted(BOB), moved('bob@home.example'));
    expect([asRequester.requester?.address, asRequester.bccs.map((m) => m.address)]).toEqual(['bob@home.example', [CY]]);
    expect([asRequester.memory.map((m) => [m.address, m.lastUsed]), held(asRequester)]).toEqual([
      [
        ['bob@home.example', 2],
        [CY, 3],
      ],
      [['bob@home.example', 'muted', '']],
    ]);
    // Lists they are not in are the same lists as before (unchanged parts are shared).
    const before = fold(log(opened, requester(ANN), added('cc', BOB), added('bcc', CY), added('follower', 'kate@desk.example')));
    const next = evolve(before, after(before, moved('bob@home.example')));
    expect([next.bccs, next.followers, next.heldBack]).toEqual([before.bccs, before.followers, before.heldBack]);
    expect([next.bccs === before.bccs, next.followers === before.followers, Object.keys(next.ccs)]).toEqual([true, true, ['0']]);
    const asBcc = foldBoth(requester(ANN), added('bcc', BOB), moved('bob@home.example'));
    expect([asBcc.requester?.address, asBcc.bccs.map((m) => m.address)]).toEqual([ANN, ['bob@home.example']]);
    const asFollower = foldBoth(added('follower', BOB), moved('bob@home.example'));
    expect([asFollower.followers.map((m) => m.address), asFollower.memory]).toEqual([['bob@home.example'], []]);
  });

  it('H4: a merged ticket points to the one it was merged into', () => {
    expect(foldBoth(ev({ type: 'ticket-merged', into: 'T-2' })).mergedInto).toBe('T-2');
  });

  it('I9: folding more events never changes the ticket it starts from; the result is frozen through', () => {
    const start = fold(log(opened, added('cc', BOB), muted(BOB), refused(CY)));
    const copy = JSON.parse(JSON.stringify(start)) as Ticket;
    const next = evolve(start, after(start, added('cc', CY), removed('cc', BOB), ...filler(20), added('bcc', DAN)));
    expect(start).toEqual(copy);
    expect([keys(next.ccs), keys(next.bccs), next.heldBack, next.refused]).toEqual([[CY], [DAN], [], []]);
    expect(evolve(start, [])).toBe(start);
    const frozen = (v: unknown): boolean => typeof v !== 'object' || v === null || (Object.isFrozen(v) && Object.values(v).every(frozen));
    expect(frozen(next)).toBe(true);
    expect(frozen(fold(log(opened, added('cc', BOB))))).toBe(true);
  });

  it('E2: what an event does not change is the same object as before (unchanged parts are shared, so callers can compare by reference)', () => {
    const base = fold(log(opened, requester(ANN), added('cc', BOB), refused(CY), muted(BOB), raised('n1')));
    const step = (...events: UnstampedEvent[]) => evolve(base, after(base, ...events));
    const same = (next: Ticket, fields: readonly (keyof Ticket)[]) => fields.filter((f) => next[f] !== base[f]);
    // Someone not refused gets a role: the refusals stay the same list.
    expect(same(step(added('bcc', DAN)), ['refused', 'heldBack', 'notices', 'ccs'])).toEqual([]);
    // A notice that is not open is resolved: the open notices stay the same list.
    expect(same(step(resolved('zz')), ['notices', 'refused', 'heldBack'])).toEqual([]);
    // Someone nobody held back leaves, or is reached elsewhere: the held-back list stays the same.
    const withDan = evolve(base, after(base, added('bcc', DAN)));
    const left = evolve(withDan, after(withDan, removed('bcc', DAN)));
    expect(left.heldBack).toBe(base.heldBack);
    expect(same(step(ev({ type: 'address-changed', mailbox: { address: 'ann@home.example', name: null, key: ANN } })), ['heldBack', 'ccs', 'refused'])).toEqual([]);
  });

  it('E3: an event of an unknown type is not folded silently: readEvents would have reported it', () => {
    expect(() => fold([{ type: 'teleported' } as never])).toThrow(/Unknown event .*teleported.*readEvents/);
  });

  it('E2: a long batch (a fold of many events) gives the ticket that the events applied one by one give', () => {
    const people = Array.from({ length: 12 }, (_, i) => `p${i}@acme.example`);
    const events = [
      ...people.map((p) => added('cc', p)),
      removed('cc', people[3]!),
      removed('cc', people[0]!),
      added('cc', people[0]!),
      removed('cc', people[11]!),
      added('cc', people[5]!),
      removed('cc', people[6]!),
      removed('cc', people[7]!),
      ...people.map((p) => added('bcc', p)),
      ...people.slice(0, 6).map((p) => removed('bcc', p)),
      added('bcc', people[1]!),
      ...people.map((p) => requester(p)),
    ];
    const t = foldBoth(...events);
    expect(keys(t.ccs)).toEqual(['p1', 'p2', 'p4', 'p5', 'p8', 'p9', 'p10', 'p0'].map((p) => `${p}@acme.example`));
    expect(keys(t.bccs)).toEqual(['p6', 'p7', 'p8', 'p9', 'p10', 'p11', 'p1'].map((p) => `${p}@acme.example`));
    expect(keys(t.memory)).toEqual(people);
  });
});

group('E1: every sentence of the timeline', () => {
  const say = (e: Record<string, unknown>, phrases?: HistoryPhrases) => describeEvent(log(ev(e))[0]!, phrases);
  const named = mb('"Roe, Bob" <bob@acme.example>');

  it('E1: who did it: an end user by address, a rule by id, the system, staff by kind and id', () => {
    const addedBy = (by: unknown) => say({ type: 'added', field: 'cc', mailbox: mb(CY), by });
    expect([
      addedBy({ kind: 'end-user', address: ANN }),
      addedBy({ kind: 'rule', ruleId: 'vip' }),
      addedBy(system),
      addedBy(kate),
      addedBy({ kind: 'light-agent', id: 'liam' }),
      addedBy({ kind: 'admin', id: 'mia' }),
    ]).toEqual([
      `${ANN} added ${CY} to CC`,
      `rule vip added ${CY} to CC`,
      `the system added ${CY} to CC`,
      `agent kate added ${CY} to CC`,
      `light-agent liam added ${CY} to CC`,
      `admin mia added ${CY} to CC`,
    ]);
  });

  it('E1: opening, splitting, the requester, each field added to and removed from', () => {
    expect([
      say({ type: 'ticket-opened', ticketId: 'T-1', splitFrom: null, by: kate }),
      say({ type: 'ticket-opened', ticketId: 'T-2', splitFrom: { ticketId: 'T-1', commentId: 'c-1' }, by: kate }),
      say({ type: 'requester-changed', from: null, to: named, by: kate }),
      say({ type: 'requester-changed', from: mb(ANN), to: named, by: kate }),
      say({ type: 'added', field: 'bcc', mailbox: named, by: kate }),
      say({ type: 'added', field: 'follower', mailbox: mb('otto@desk.example'), by: kate }),
      say({ type: 'removed', field: 'cc', mailbox: named, by: kate }),
      say({ type: 'removed', field: 'bcc', mailbox: mb(CY), by: kate }),
      say({ type: 'removed', field: 'follower', mailbox: mb('otto@desk.example'), by: kate }),
    ]).toEqual([
      'agent kate opened the ticket',
      'agent kate split this ticket off T-1',
      'agent kate set the requester to Roe, Bob <bob@acme.example>',
      'agent kate changed the requester from ann@acme.example to Roe, Bob <bob@acme.example>',
      'agent kate added Roe, Bob <bob@acme.example> to BCC',
      'agent kate added otto@desk.example to followers',
      'agent kate removed Roe, Bob <bob@acme.example> from CC',
      `agent kate removed ${CY} from BCC`,
      'agent kate removed otto@desk.example from followers',
    ]);
  });

  it('E1: comments by their author (or the actor when there is none), their visibility, moves and visibility changes', () => {
    const c = (author: Mailbox | null, vis: 'public' | 'internal') => ({ type: 'comment-added', by: kate, comment: { id: 'c', messageId: null, author, authorRole: 'agent', visibility: vis, via: 'help-desk', to: [], cc: [], automatic: false } });
    expect([
      say(c(null, 'public')),
      say(c(named, 'internal')),
      say({ type: 'comment-moved', commentId: 'c', toTicketId: 'T-2', by: kate }),
      say({ type: 'comment-visibility-changed', commentId: 'c', visibility: 'public', by: kate }),
      say({ type: 'comment-visibility-changed', commentId: 'c', visibility: 'internal', by: kate }),
    ]).toEqual([
      'agent kate wrote a public reply',
      'Roe, Bob <bob@acme.example> wrote an internal note',
      'agent kate moved a reply to ticket T-2',
      'agent kate made a reply public',
      'agent kate made a reply internal',
    ]);
  });

  it('E1: notices raised (their kind in words, what they offer) and resolved', () => {
    const unknownSender = { ...notice('n2'), kind: 'unknown-sender', resolutions: [] };
    expect([
      say({ type: 'notice-raised', notice: notice('n1') }),
      say({ type: 'notice-raised', notice: unknownSender }),
      say({ type: 'notice-raised', notice: { ...notice('n3'), kind: 'desk-not-addressed', resolutions: ['make-public'] } }),
      say({ type: 'notice-resolved', noticeId: 'n1', resolution: 'add-as-cc', by: kate }),
    ]).toEqual(['notice: third party reply (offers add-as-cc, split)', 'notice: unknown sender', 'notice: desk not addressed (offers make-public)', 'agent kate resolved a notice: add-as-cc']);
  });

  it('E1, E5, E6, E7: refusals, imports, erasure, delivery, mutes, a new address, a merge', () => {
    const participants = (n: number) => ({ requester: n > 0 ? mb(ANN) : null, ccs: n > 1 ? [mb(BOB)] : [], bccs: n > 2 ? [mb(CY)] : [], followers: n > 3 ? [mb('kate@desk.example')] : [] });
    expect([
      say({ type: 'recipients-refused', refused: [{ input: 'x <bob@acme.example>', mailbox: named, field: 'cc', code: 'cc-limit-exceeded' }, { input: 'bob@@', mailbox: null, field: 'cc', code: 'invalid-address' }] }),
      say({ type: 'ticket-imported', participants: participants(1), problems: [] }),
      say({ type: 'ticket-imported', participants: participants(4), problems: [{ code: 'cc-limit-exceeded', message: 'm', path: [] }] }),
      say({ type: 'ticket-imported', participants: participants(0), problems: [] }),
      say({ type: 'address-erased', pseudonym: 'p@erased.invalid', by: { kind: 'admin', id: 'mia' } }),
      say({ type: 'delivery-changed', mailbox: named, status: 'failing', reason: '452 full' }),
      say({ type: 'delivery-changed', mailbox: mb(CY), status: 'undeliverable', reason: '' }),
      say({ type: 'delivery-changed', mailbox: mb(CY), status: 'ok', reason: 'restored', by: kate }),
      say({ type: 'mute-changed', mailbox: named, muted: true, by: kate }),
      say({ type: 'mute-changed', mailbox: mb(CY), muted: false, by: kate }),
      say({ type: 'address-changed', mailbox: named }),
      say({ type: 'ticket-merged', into: 'T-9', by: kate }),
    ]).toEqual([
      'the system could not add Roe, Bob <bob@acme.example>, bob@@',
      'the system imported the ticket with 1 participant',
      "the system imported the ticket with 4 participants (1 against today's policy)",
      'the system imported the ticket with 0 participants',
      'admin mia erased an address (now p@erased.invalid)',
      'mail to Roe, Bob <bob@acme.example> is failing: 452 full',
      `mail to ${CY} is undeliverable`,
      `agent kate restored delivery to ${CY}`,
      'agent kate muted Roe, Bob <bob@acme.example>',
      `agent kate unmuted ${CY}`,
      'Roe, Bob <bob@acme.example> is now reached at this address',
      'agent kate merged this ticket into T-9',
    ]);
  });

  it('E1: a phrase set written for 0.1 (without the later phrases) gets English for those; one that has them is used', () => {
    const { madeInternal: _1, refused: _2, imported: _3, erased: _4, delivery: _5, muted: _6, merged: _7, because: _8, addressChanged: _9, ...old } = englishPhrases;
    const shout: HistoryPhrases = {
      ...old,
      madeInternal: () => 'INTERNAL',
      refused: () => 'REFUSED',
      imported: () => 'IMPORTED',
      erased: () => 'ERASED',
      delivery: () => 'DELIVERY',
      muted: () => 'MUTED',
      merged: () => 'MERGED',
      addressChanged: () => 'MOVED',
    };
    const events = [
      { type: 'comment-visibility-changed', commentId: 'c', visibility: 'internal', by: kate },
      { type: 'recipients-refused', refused: [{ input: 'bob@@', mailbox: null, field: 'cc', code: 'invalid-address' }] },
      { type: 'ticket-imported', participants: { requester: null, ccs: [], bccs: [], followers: [] }, problems: [] },
      { type: 'address-erased', pseudonym: 'p@erased.invalid' },
      { type: 'delivery-changed', mailbox: mb(CY), status: 'failing', reason: '' },
      { type: 'mute-changed', mailbox: mb(CY), muted: true },
      { type: 'ticket-merged', into: 'T-9' },
      { type: 'address-changed', mailbox: mb(CY) },
    ];
    expect(events.map((e) => say(e, old as HistoryPhrases))).toEqual([
      'agent kate made a reply internal',
      'the system could not add bob@@',
      'the system imported the ticket with 0 participants',
      'the system erased an address (now p@erased.invalid)',
      `mail to ${CY} is failing`,
      `the system muted ${CY}`,
      'the system merged this ticket into T-9',
      `${CY} is now reached at this address`,
    ]);
    expect(events.map((e) => say(e, shout))).toEqual(['INTERNAL', 'REFUSED', 'IMPORTED', 'ERASED', 'DELIVERY', 'MUTED', 'MERGED', 'MOVED']);
  });

  it('E1: "because" reads a comment\'s reasons as about the comment, and a person\'s as about the person, joined with "and"', () => {
    const reasons = [{ rule: 'F0' }, { rule: 'D4' }];
    const c = { id: 'c', messageId: null, author: null, authorRole: 'agent', visibility: 'public', via: 'help-desk', to: [], cc: [], automatic: false };
    expect([
      say({ type: 'comment-added', comment: c, reasons }),
      say({ type: 'comment-visibility-changed', commentId: 'c', visibility: 'internal', reasons }),
      say({ type: 'notice-raised', notice: notice('n1'), reasons: [{ rule: 'F10' }] }),
      say({ type: 'added', field: 'cc', mailbox: mb(CY), reasons }),
    ]).toEqual([
      'the system wrote a public reply because it opened the ticket, and a light agent writes internal notes only',
      'the system made a reply internal because it opened the ticket, and a light agent writes internal notes only',
      'notice: third party reply (offers add-as-cc, split) because an agent resolved its notice',
      `the system added ${CY} to CC because they were on the message that opened the ticket, and it is not allowed`,
    ]);
  });

  it('E1: the "because" phrase gets the sentence, the reasons worth saying and the event; none when there is none', () => {
    const seen: unknown[] = [];
    const phrases: HistoryPhrases = { ...englishPhrases, because: (sentence, reasons, event) => (seen.push([reasons, event.type]), `${sentence} | ${reasons.map((r) => r.rule).join('+')}`) };
    expect(say({ type: 'added', field: 'cc', mailbox: mb(CY), reasons: [{ rule: 'F5' }, { rule: 'C1' }, { rule: 'F5' }] }, phrases)).toBe(`the system added ${CY} to CC | F5`);
    expect(seen).toEqual([[[{ rule: 'F5' }], 'added']]);
    // Only "the agent asked": nothing worth a because, and the phrase is not called.
    expect(say({ type: 'added', field: 'cc', mailbox: mb(CY), reasons: [{ rule: 'C1' }] }, phrases)).toBe(`the system added ${CY} to CC`);
    expect(say({ type: 'added', field: 'cc', mailbox: mb(CY) }, phrases)).toBe(`the system added ${CY} to CC`);
    expect(seen).toHaveLength(1);
  });

  it('E1: what is not an event is described as nothing; an event of a type this version does not know, by its type', () => {
    expect([describeEvent(null as never), describeEvent('added' as never), describeEvent({ type: 'added' } as never), describeEvent({ type: 'added', by: null } as never), describeEvent({ type: 'added', by: 'kate' } as never)]).toEqual(['', '', '', '', '']);
    expect(describeEvent({ type: 'teleported', by: system } as never)).toBe('teleported');
  });
});

group('E1: reasonsOf', () => {
  const added = (reasons: unknown) => log(ev({ type: 'added', field: 'cc', mailbox: mb(CY), reasons }))[0]!;
  it('E1: each reason once (as its words say it); "the actor asked" only when no setting decided; nothing that is not a reason', () => {
    expect(reasonsOf(added([{ rule: 'F5' }, { rule: 'F5' }, { rule: 'C1' }, { rule: 'C4' }, { rule: 'H2' }, { rule: 'C1', setting: { name: 'formerRequesterBecomesCc', value: true } }, null, 'F2', { rule: 3 }, { rule: 'F2' }]))).toEqual([
      { rule: 'F5' },
      { rule: 'C1', setting: { name: 'formerRequesterBecomesCc', value: true } },
      { rule: 'F2' },
    ]);
    expect(reasonsOf(added([{ rule: 'D1', setting: { name: 'ccLimit', value: 1 } }, { rule: 'D1', setting: { name: 'ccLimit', value: 2 } }]))).toHaveLength(2);
    expect(reasonsOf(added(undefined))).toEqual([]);
    expect(reasonsOf(added('F5'))).toEqual([]);
    expect(reasonsOf(null as never)).toEqual([]);
    expect(reasonsOf('added' as never)).toEqual([]);
  });

  it('E5: a refusal\'s reasons are those of its refused addresses; a refusal without a list has none', () => {
    const r = log(ev({ type: 'recipients-refused', reasons: [{ rule: 'F5' }], refused: [{ input: 'a', mailbox: null, field: 'cc', code: 'invalid-address', reason: { rule: 'D3' } }, { input: 'b', mailbox: null, field: 'cc', code: 'invalid-address' }] }))[0]!;
    expect(reasonsOf(r)).toEqual([{ rule: 'D3' }]);
    expect(reasonsOf({ type: 'recipients-refused', reasons: [{ rule: 'F5' }] } as never)).toEqual([{ rule: 'F5' }]);
  });
});

group('E2: recipientChanges', () => {
  const state = (requesterText: string | null, ccs: string[] = [], bccs: string[] = [], followers: string[] = []) => ({
    requester: requesterText === null ? null : mb(requesterText),
    ccs: ccs.map(mb),
    bccs: bccs.map(mb),
    followers: followers.map(mb),
  });
  const ops = (changes: readonly { op: string; field?: string; address: unknown }[]) => changes.map((c) => [c.op, c.field ?? null, (c.address as Mailbox).address]);

  it('E2: removals first (CC, BCC, followers), then the requester, then additions in the same field order', () => {
    const from = state(ANN, [BOB, 'Dan@acme.example'], [CY], ['kate@desk.example']);
    const to = state(BOB, [DAN, 'eve@acme.example'], [ANN], ['otto@desk.example']);
    expect(ops(recipientChanges(from, to))).toEqual([
      ['remove', 'cc', BOB],
      ['remove', 'bcc', CY],
      ['remove', 'follower', 'kate@desk.example'],
      ['set-requester', null, BOB],
      ['add', 'cc', 'eve@acme.example'],
      ['add', 'bcc', ANN],
      ['add', 'follower', 'otto@desk.example'],
    ]);
  });

  it('E2: a requester that stays, or one that goes with nobody in its place, asks for no requester change', () => {
    expect(recipientChanges(state(ANN), state(ANN))).toEqual([]);
    expect(recipientChanges(state(ANN), state(null))).toEqual([]);
    expect(ops(recipientChanges(state(null), state(ANN)))).toEqual([['set-requester', null, ANN]]);
  });

  it('I9: anything that is not two recipient states gives no changes', () => {
    const good = state(ANN, [BOB]);
    for (const bad of [null, undefined, 'x', {}, { ccs: [], bccs: [] }, { ccs: [], followers: [] }, { bccs: [], followers: [] }, { ccs: 'x', bccs: [], followers: [] }]) {
      expect([recipientChanges(bad as never, good), recipientChanges(good, bad as never)]).toEqual([[], []]);
    }
    expect(recipientChanges(state(null), good)).toHaveLength(2);
  });
});

group('E3, E4, I12: readEvents', () => {
  const good = () => JSON.parse(JSON.stringify(log(opened, requester(ANN), added('cc', BOB), added('cc', CY), added('bcc', DAN)))) as Record<string, unknown>[];
  const report = (input: unknown, options?: { ticketId?: string }) => {
    const r = readEvents(input, options);
    return r.ok ? [] : r.error.map((i) => [i.code, formatPath(i.path), ...('expected' in i ? [i.expected] : []), ...('ticketId' in i ? [i.ticketId] : [])]);
  };

  it('E4: a sound log reads as it is; what is not a list is not a log', () => {
    const l = good();
    expect(readEvents(l)).toEqual({ ok: true, value: l });
    expect(readEvents([])).toEqual({ ok: true, value: [] });
    for (const bad of [null, {}, 'events', 3]) {
      const r = readEvents(bad);
      expect(r.ok ? null : r.error.map((i) => [i.code, i.input, i.path])).toEqual([['not-a-log', bad, []]]);
    }
  });

  it('I12: a gap, a repeat and a reordering are each named, with the number expected', () => {
    const [a, b, c, d, e] = good();
    expect(report([a, c, d, e])).toEqual([['sequence-gap', '[1].seq', 2]]);
    expect(report([a, b, b, c, d, e])).toEqual([['sequence-repeat', '[2].seq', 3]]);
    expect(report([a, b, d, c, e])).toEqual([
      ['sequence-gap', '[2].seq', 3],
      ['sequence-disorder', '[3].seq', 5],
    ]);
    expect(report([a, b, c, c, c])).toEqual([
      ['sequence-repeat', '[3].seq', 4],
      ['sequence-repeat', '[4].seq', 4],
    ]);
    expect(report([b, a])).toEqual([
      ['sequence-gap', '[0].seq', 1],
      ['sequence-disorder', '[1].seq', 3],
    ]);
  });

  it('I12: entries already reported may have held the numbers between: no gap is reported after them, but one past them is', () => {
    const [a, b, c, d, e] = good();
    expect(report([a, null, c, d, e])).toEqual([['not-an-event', '[1]']]);
    expect(report([a, null, 7, d, e])).toEqual([
      ['not-an-event', '[1]'],
      ['not-an-event', '[2]'],
    ]);
    // One entry reported cannot have held two numbers.
    expect(report([a, null, d, e])).toEqual([
      ['not-an-event', '[1]'],
      ['sequence-gap', '[2].seq', 2],
    ]);
    // A good event in between takes the count back to zero.
    expect(report([null, a, b, d, e])).toEqual([
      ['not-an-event', '[0]'],
      ['sequence-gap', '[3].seq', 3],
    ]);
    expect(report([a, b, { ...c, v: 9 }, { ...d, sum: 'x' }, e])).toEqual([
      ['unsupported-version', '[2]'],
      ['invalid-value', '[3].sum'],
    ]);
    expect(report([a, b, { ...c, type: 'teleported' }, { ...d, field: 'to' }, e])).toEqual([
      ['unknown-event', '[2]'],
      ['invalid-value', '[3].field'],
    ]);
    const elsewhere = JSON.parse(JSON.stringify(stamp([added('cc', 'eve@acme.example')], 'T-2', 2)))[0] as Record<string, unknown>;
    expect(report([a, b, elsewhere, d, e])).toEqual([['other-ticket', '[2].ticketId', 'T-2']]);
  });

  it('E4: the ticket is the one given, else the first entry\'s, else the opening event\'s; events of another are reported with theirs', () => {
    const l = good();
    expect(report(l, { ticketId: 'T-2' })).toEqual(l.map((_, i) => ['other-ticket', `[${i}].ticketId`, 'T-1']));
    const other = JSON.parse(JSON.stringify(stamp([added('cc', 'eve@acme.example')], 'T-2', 4))) as Record<string, unknown>[];
    expect(report([...l, ...other])).toEqual([['other-ticket', '[5].ticketId', 'T-2']]);
    expect(report([...other, ...l])).toEqual([
      ['sequence-gap', '[0].seq', 1],
      ...l.map((_, i) => ['other-ticket', `[${i + 1}].ticketId`, 'T-1']),
    ]);
    // The first entry is damaged or has no ticket: the opening event names the ticket.
    expect(report([null, ...l.slice(1), l[0]])).toEqual([['not-an-event', '[0]'], ['sequence-disorder', '[5].seq', 6]]);
    expect(report([{ ticketId: 7 }, ...l.slice(1), l[0]])).toEqual([['unsupported-version', '[0]'], ['sequence-disorder', '[5].seq', 6]]);
    // No opening event either: no ticket to belong to.
    expect(report([null, ...l.slice(1)])).toEqual([['not-an-event', '[0]'], ...l.slice(1).map((_, i) => ['other-ticket', `[${i + 1}].ticketId`, 'T-1'])]);
    expect(report([{ ...l[0], ticketId: 5 }, ...l.slice(1)])).toEqual([
      ['wrong-type', '[0].ticketId'],
      ...l.slice(1).map((_, i) => ['other-ticket', `[${i + 1}].ticketId`, 'T-1']),
    ]);
    // Options that are not an object read as none.
    expect(readEvents(l, null as never)).toEqual({ ok: true, value: l });
  });

  it('E3: an entry of an unknown type is named as such; a known type with a bad field has the field\'s own issue', () => {
    const l = good();
    const unknown = { ...l[2], type: 'teleported' };
    const badField = { ...l[2], field: 'to' };
    const r = readEvents([l[0], l[1], unknown, badField]);
    expect(r.ok ? [] : r.error.map((i) => [i.code, formatPath(i.path), i.input])).toEqual([
      ['unknown-event', '[2]', unknown],
      ['invalid-value', '[3].field', 'to'],
    ]);
  });

  it('E3: a version-1 entry with a number or a checksum is reported at that field; one without either is upgraded and numbered by its place', () => {
    const l = good();
    const { seq: _seq, sum: _sum, ticketId: _t, v: _v, ...content } = l[1]!;
    const v1 = { ...content, v: 1 };
    expect(report([l[0], { ...v1, seq: 2 }])).toEqual([['unknown-field', '[1].seq']]);
    expect(report([l[0], { ...v1, sum: 'x' }])).toEqual([['unknown-field', '[1].sum']]);
    const r = readEvents([l[0], v1, l[2]]);
    expect(r).toEqual({ ok: true, value: [l[0], l[1], l[2]] });
    // Version 1 notices had a `resolved` field; version 2 has none.
    const n = { v: 1, type: 'notice-raised', notice: { ...notice('n1'), resolved: null }, at: 't', by: system, cause: 'agent-edit' };
    const read = readEvents([l[0], n]);
    expect(read.ok && read.value[1]).toEqual(stamp([ev({ type: 'notice-raised', notice: notice('n1') })], 'T-1', 1)[0]);
  });
});

group('E7: eraseAddress', () => {
  const admin = { kind: 'admin', id: 'mia' } as const;
  const codes = (r: { ok: boolean; error?: readonly { code: string; path: readonly (string | number)[] }[] }) => (r.ok ? [] : (r.error ?? []).map((i) => `${i.code} ${formatPath(i.path)}`));
  const erase = (l: readonly TicketEvent[], address: string, options: Record<string, unknown> = {}) => {
    const r = eraseAddress(l, address, { at: 't', by: admin, ...options } as never);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value;
  };
  /** Bob on Ann's ticket, with texts about him. */
  const bobLog = () =>
    log(
      opened,
      requester(ANN),
      added('cc', '"Bob Roe" <bob@acme.example>'),
      added('cc', '"Cy (Bob\'s boss, bob@acme.example)" <cy@acme.example>'),
      delivery(BOB, 'failing', 'mailbox BOB@ACME.EXAMPLE. is full; see https://x.example/u/Bob@Acme.example/help'),
      ev({ type: 'recipients-refused', refused: [{ input: 'Bob <bob@acme.example> (work)', mailbox: null, field: 'cc', code: 'invalid-address' }, { input: 'ann@', mailbox: null, field: 'cc', code: 'invalid-address' }] }),
    );

  it('E7: the default pseudonym is the same for this address in every release (derived from it), and has no display name', () => {
    const r = erase(bobLog(), 'Bob Roe <BOB@acme.example>');
    expect(r.pseudonym).toBe('erased-9a034648686fb7cb@erased.invalid');
    expect(erase(bobLog(), 'bob@ACME.example').pseudonym).toBe(r.pseudonym);
    expect(erase(bobLog(), ANN).pseudonym).not.toBe(r.pseudonym);
    expect(fold(r.events).ccs[0]).toEqual({ address: r.pseudonym, name: null, key: r.pseudonym });
  });

  it('E7: free text loses the address in any case, with the sentence\'s full stop kept, inside links too; a refused input naming it becomes the pseudonym', () => {
    const r = erase(bobLog(), BOB, { pseudonym: 'gone@erased.invalid' });
    const t = fold(r.events);
    expect(t.heldBack.map((h) => h.detail)).toEqual(['mailbox gone@erased.invalid. is full; see https://x.example/u/gone@erased.invalid/help']);
    expect(t.refused.map((x) => x.input)).toEqual(['gone@erased.invalid', 'ann@']);
    expect(t.ccs.map((m) => m.name)).toEqual([null, "Cy (Bob's boss, gone@erased.invalid)"]);
    expect([t.requester, t.memory.map((m) => m.address)]).toEqual([mb(ANN), [ANN, 'gone@erased.invalid', CY]]);
  });

  it('E7: what is not about the person is kept: other names and inputs, ticket ids (the store\'s keys), types and causes', () => {
    const id = 'bob@acme.example#7';
    const l = stamp(
      [
        ev({ type: 'ticket-opened', ticketId: id, splitFrom: { ticketId: 'bob@acme.example#6', commentId: 'bob@acme.example-c1' }, cause: 'split' }),
        requester(BOB),
        ev({ type: 'comment-moved', commentId: 'c2', toTicketId: 'bob@acme.example#8' }),
        ev({ type: 'ticket-merged', into: 'bob@acme.example#9' }),
      ],
      id,
      0,
    );
    const r = erase(l, BOB, { pseudonym: 'gone@erased.invalid' });
    expect(r.events.map((e) => [e.ticketId, e.type, e.cause])).toEqual([...l.map((e) => [id, e.type, e.cause]), [id, 'address-erased', 'erasure']]);
    expect(r.events[0]).toMatchObject({ splitFrom: { ticketId: 'bob@acme.example#6', commentId: 'gone@erased.invalid-c1' } });
    expect(r.events[2]).toMatchObject({ toTicketId: 'bob@acme.example#8', commentId: 'c2' });
    expect(r.events[3]).toMatchObject({ into: 'bob@acme.example#9' });
    expect(readEvents(JSON.parse(JSON.stringify(r.events)))).toEqual({ ok: true, value: r.events });
  });

  it('E7: the erasure event is numbered after the log, on its ticket, by whoever asked (an end user asking for their own erasure is named by the pseudonym)', () => {
    const l = bobLog();
    const r = erase(l, BOB, { pseudonym: 'gone@erased.invalid', at: '2026-03-01T00:00:00Z', by: { kind: 'end-user', address: 'Bob@ACME.example' } });
    expect(r.events.slice(0, -1).map((e) => [e.seq, e.type])).toEqual(l.map((e) => [e.seq, e.type]));
    expect(r.events.at(-1)).toEqual(
      stamp([{ type: 'address-erased', pseudonym: 'gone@erased.invalid', at: '2026-03-01T00:00:00Z', by: { kind: 'end-user', address: 'gone@erased.invalid' }, cause: 'erasure' } as UnstampedEvent], 'T-1', l.length)[0],
    );
  });

  it('E7: an address found only in free text, in another form (IDN), is erased there too', () => {
    const l = log(opened, requester(ANN), delivery(ANN, 'failing', 'to Cleo@XN--BCHER-KVA.example, cleo@bücher.example.'));
    const r = erase(l, 'cleo@bücher.example', { pseudonym: 'gone@erased.invalid' });
    expect(fold(r.events).heldBack[0]?.detail).toBe('to gone@erased.invalid, gone@erased.invalid.');
  });

  it('H5: every address recorded under the person\'s identity is theirs and goes too', () => {
    const l = log(opened, requester(ANN), added('cc', BOB), ev({ type: 'address-changed', mailbox: { address: 'bob@home.example', name: null, key: BOB } }), delivery(ANN, 'failing', 'forwarded to bob@home.example'));
    const r = erase(l, BOB, { pseudonym: 'gone@erased.invalid' });
    expect(JSON.stringify(r.events)).not.toContain('bob@home.example');
    expect(fold(r.events).heldBack[0]?.detail).toBe('forwarded to gone@erased.invalid');
    // An address of theirs that holds another of their spellings is replaced whole, not around the shorter one.
    const jim = log(opened, requester(ANN), added('cc', BOB), ev({ type: 'address-changed', mailbox: { address: 'jimbob@acme.example', name: null, key: BOB } }), delivery(ANN, 'failing', 'forwarded to jimbob@acme.example/x'));
    expect(fold(erase(jim, BOB, { pseudonym: 'gone@erased.invalid' }).events).heldBack[0]?.detail).toBe('forwarded to gone@erased.invalid/x');
  });

  it('E7: a pseudonym that would still show the address, or merge the person with someone on the ticket, is refused; one naming nobody erased is taken', () => {
    const l = bobLog();
    expect(codes(eraseAddress(l, BOB, { pseudonym: 'x.bob@acme.example', at: 't', by: admin }))).toEqual(['invalid-value options.pseudonym']);
    expect(codes(eraseAddress(l, BOB, { pseudonym: ANN, at: 't', by: admin }))).toEqual(['invalid-value options.pseudonym']);
    // Someone who is not on the ticket: there is nobody to merge with; the log only gains the erasure.
    const r = erase(l, 'zed@acme.example', { pseudonym: ANN });
    expect(r.events.slice(0, -1)).toEqual(l);
    // The pseudonym may be the address itself (nothing is then erased but the display names).
    expect(erase(l, BOB, { pseudonym: 'Bob@acme.example' }).pseudonym).toBe('Bob@acme.example');
  });

  it('E7: every problem of the request is reported at once, each at its place', () => {
    const tampered = bobLog().map((e, i) => (i === 1 ? { ...e, at: 'x' } : e));
    const r = eraseAddress(tampered, 'bob at acme', { pseudonym: 'also bad', at: 5, by: { kind: 'robot' } } as never);
    expect(codes(r)).toEqual(['invalid-address address', 'invalid-address options.pseudonym', 'invalid-value options.by.kind', 'wrong-type options.at', 'invalid-value log[1].sum']);
    expect(r.ok ? null : r.error.slice(0, 2).map((i) => i.input)).toEqual(['bob at acme', 'also bad']);
    expect(codes(eraseAddress(bobLog(), BOB, { at: 't' } as never))).toEqual(['wrong-type options.by']);
    expect(codes(eraseAddress(bobLog(), BOB, null as never))).toEqual(['wrong-type options.by', 'wrong-type options.at']);
  });

  it('E7: an address named only in free text, even inside a longer word or link, in another Unicode form or with dots after it, is erased', () => {
    const nfd = 'cleo@bu\u0308cher.example';
    const l = log(opened, requester(ANN), delivery(ANN, 'failing', `see https://x.example/u/CLEO@xn--bcher-kva.example/help, or ${nfd}..`));
    const r = erase(l, 'cleo@bücher.example', { pseudonym: 'gone@erased.invalid' });
    expect(fold(r.events).heldBack[0]?.detail).toBe('see https://x.example/u/gone@erased.invalid/help, or gone@erased.invalid..');
  });

  it('E7, E5, E6: a refused entry of someone else keeps its input; one whose mailbox is the person\'s becomes the pseudonym even when its text spells the address otherwise; import problems lose the address', () => {
    const l = log(
      opened,
      requester(ANN),
      ev({
        type: 'recipients-refused',
        refused: [
          { input: 'Cy <cy@acme.example>', mailbox: mb('Cy <cy@acme.example>'), field: 'cc', code: 'cc-limit-exceeded' },
          { input: 'bob (work) @acme.example', mailbox: mb(BOB), field: 'cc', code: 'cc-limit-exceeded' },
        ],
      }),
      ev({ type: 'ticket-imported', participants: { requester: mb(ANN), ccs: [mb(BOB)], bccs: [], followers: [] }, problems: [{ code: 'denylisted', message: 'bob@acme.example is denylisted', path: ['ccs', 0] }], cause: 'import' }),
    );
    const r = erase(l, BOB, { pseudonym: 'gone@erased.invalid' });
    expect(fold(r.events).refused.map((x) => x.input)).toEqual(['Cy <cy@acme.example>', 'gone@erased.invalid']);
    expect(r.events[3]).toMatchObject({ problems: [{ code: 'denylisted', message: 'gone@erased.invalid is denylisted', path: ['ccs', 0] }] });
  });

  it('E7: a pseudonym holding any of the person\'s spellings is refused', () => {
    const jim = log(opened, requester(ANN), added('cc', BOB), ev({ type: 'address-changed', mailbox: { address: 'jimbob@acme.example', name: null, key: BOB } }));
    expect(codes(eraseAddress(jim, BOB, { pseudonym: 'x.bob@acme.example', at: 't', by: admin }))).toEqual(['invalid-value options.pseudonym']);
    expect(codes(eraseAddress(jim, BOB, { pseudonym: 'ex-jimbob@acme.example', at: 't', by: admin }))).toEqual(['invalid-value options.pseudonym']);
  });

  it('A3: identities compared as the log was written: with case-sensitive local parts another spelling is another person and keeps their place', () => {
    const sensitive = { caseSensitiveLocalPart: true };
    const box = (text: string) => {
      const r = parseAddress(text, sensitive);
      if (!r.ok) throw new Error(text);
      return r.value;
    };
    const l = log(opened, requester(ANN), ev({ type: 'added', field: 'cc', mailbox: box('Bob@acme.example') }), ev({ type: 'added', field: 'bcc', mailbox: box('bob@acme.example') }));
    const r = erase(l, 'Bob@acme.example', { pseudonym: 'gone@erased.invalid', identity: sensitive });
    const t = fold(r.events);
    expect([t.ccs.map((m) => m.address), t.bccs.map((m) => m.address)]).toEqual([['gone@erased.invalid'], ['bob@acme.example']]);
    // Compared without case, the two spellings are one person: both go.
    const u = fold(erase(l, 'Bob@acme.example', { pseudonym: 'gone@erased.invalid' }).events);
    expect([u.ccs.map((m) => m.address), u.bccs.map((m) => m.address)]).toEqual([['gone@erased.invalid'], ['gone@erased.invalid']]);
  });
});
