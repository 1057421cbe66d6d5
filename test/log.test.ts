import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { decide, describeEvent, eraseAddress, fold, formatPath, handle, readEvents, type Ticket, type TicketEvent, type UnstampedEvent } from '../src/index.js';
import { stamp } from '../src/decider/handle.js';
import { checksum } from '../src/ticket/checksum.js';
import { agent, contextWith, edit, email, must } from './support/tickets.js';

const admin = { kind: 'admin', id: 'mia' } as const;
const codes = (r: { ok: boolean; error?: readonly { code: string; path: readonly (string | number)[] }[] }) => (r.ok ? [] : (r.error ?? []).map((i) => `${i.code} ${formatPath(i.path)}`));

/** Plays commands on one ticket, keeping its log as a storage wrapper would. */
function conversation(): { ticket: Ticket; log: TicketEvent[]; noticeId: string } {
  const log: TicketEvent[] = [];
  let ticket: Ticket | null = null;
  const run = (command: Parameters<typeof must>[1]) => {
    const r = must(ticket, command);
    ticket = r.ticket;
    log.push(...r.events);
    return r;
  };
  run({ ...email({ from: 'Ann Lee <ann@acme.example>', to: 'support@desk.example', cc: 'Bob Roe <BOB@Acme.Example>, "Carol (for bob@acme.example)" <carol@acme.example>', id: '<1@acme.example>' }), newTicketId: 'T-1' } as never);
  // Bob writes without Ann: a notice naming him as sender and author (F4).
  const reply = run(email({ from: 'bob@ACME.example', to: 'support@desk.example', cc: 'carol@acme.example', id: '<2@acme.example>' }));
  run(edit([{ op: 'add', field: 'bcc', address: 'Dan <dan@acme.example>' }]));
  // What the decider records elsewhere (E5 refusals, H1 delivery, H2 mutes), numbered after the rest.
  const more: UnstampedEvent[] = [
    { type: 'recipients-refused', refused: [{ input: 'Bob Roe <bob@acme.example>', mailbox: { address: 'bob@acme.example', name: 'Bob Roe', key: 'bob@acme.example' as never }, field: 'cc', code: 'cc-limit-exceeded' }, { input: 'bob@acme.example>>', mailbox: null, field: 'cc', code: 'invalid-address' }], at: 't', by: { kind: 'system' }, cause: 'inbound-email' },
    { type: 'delivery-changed', mailbox: { address: 'bob@acme.example', name: null, key: 'bob@acme.example' as never }, status: 'failing', reason: '452 bob@acme.example: mailbox full', at: 't', by: { kind: 'system' }, cause: 'delivery' },
    { type: 'mute-changed', mailbox: { address: 'Bob@acme.example', name: 'Bob', key: 'bob@acme.example' as never }, muted: true, at: 't', by: { kind: 'end-user', address: 'Bob@acme.example' }, cause: 'agent-edit' },
  ];
  log.push(...stamp(more, 'T-1', log.length));
  return { ticket: fold(log), log, noticeId: reply.email!.notice!.id };
}

group('E7: erasure', () => {
  it('E7: an address is replaced everywhere — participants, comments, notices, refusals, delivery, mutes, actors, names — and the log still reads and folds', () => {
    const { log } = conversation();
    expect(JSON.stringify(log).toLowerCase()).toContain('bob@acme.example');
    const r = eraseAddress(log, 'BOB@acme.EXAMPLE', { at: '2026-02-01T00:00:00Z', by: admin });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { events, pseudonym } = r.value;
    expect(pseudonym).toMatch(/^erased-[0-9a-f]{16}@erased\.invalid$/);

    const json = JSON.stringify(events);
    expect(json.toLowerCase()).not.toContain('bob@acme.example');
    // The erased mailbox's display names go with it; other people's names keep their words.
    expect(json).not.toContain('Bob Roe');
    expect(json).toContain(`Carol (for ${pseudonym})`);

    expect(readEvents(JSON.parse(json), { ticketId: 'T-1' })).toEqual({ ok: true, value: events });
    expect(events.at(-1)).toMatchObject({ type: 'address-erased', pseudonym, seq: log.length + 1, ticketId: 'T-1', cause: 'erasure', by: admin });
    expect(describeEvent(events.at(-1)!)).toBe(`admin mia erased an address (now ${pseudonym})`);

    const before = fold(log);
    const after = fold(events);
    const key = (t: Ticket) => t.ccs.map((m) => m.key);
    expect(key(before)).toEqual(['bob@acme.example', 'carol@acme.example']);
    expect(after.ccs).toEqual([{ address: pseudonym, name: null, key: pseudonym }, { ...before.ccs[1], name: `Carol (for ${pseudonym})` }]);
    expect(after.notices.map((n) => [n.kind, n.sender?.address, n.comment.author?.address])).toEqual([['cc-reply-without-requester', pseudonym, pseudonym]]);
    expect(after.refused.map((x) => x.input)).toEqual([pseudonym, pseudonym]);
    expect(after.heldBack.map((h) => [h.mailbox.address, h.reason, h.detail])).toEqual([
      [pseudonym, 'failing', `452 ${pseudonym}: mailbox full`],
      [pseudonym, 'muted', ''],
    ]);
    expect(events.filter((e) => e.by.kind === 'end-user').map((e) => (e.by as { address: string }).address)).toContain(pseudonym);
    expect([after.requester, after.bccs, after.commentCount, after.revision]).toEqual([before.requester, before.bccs, before.commentCount, before.revision + 1]);
  });

  it('E7: the pseudonym is the same for every form of the address (case, IDN), and erasing again changes nothing', () => {
    const log = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'CLEO@Bücher.Example' }), newTicketId: 'T-1' } as never).events;
    const unicode = eraseAddress(log, 'cleo@bücher.example', { at: 't', by: admin });
    const puny = eraseAddress(log, 'Cleo@XN--BCHER-KVA.example', { at: 't', by: admin });
    expect(unicode.ok && puny.ok && unicode.value.pseudonym === puny.value.pseudonym).toBe(true);
    if (!unicode.ok) return;
    expect(JSON.stringify(unicode.value.events).toLowerCase()).not.toMatch(/cleo@(bücher|xn--bcher-kva)\.example/);
    const again = eraseAddress(unicode.value.events, 'cleo@bücher.example', { at: 't2', by: admin });
    expect(again.ok && again.value.events.slice(0, -1)).toEqual(unicode.value.events);
  });

  it('E7: a chosen pseudonym is used as given; one that already names someone on the ticket is refused', () => {
    const { log } = conversation();
    const chosen = eraseAddress(log, 'bob@acme.example', { pseudonym: 'Person-7@Erased.Invalid', at: 't', by: admin });
    expect(chosen.ok && chosen.value.pseudonym).toBe('Person-7@Erased.Invalid');
    expect(chosen.ok && fold(chosen.value.events).ccs[0]).toEqual({ address: 'Person-7@Erased.Invalid', name: null, key: 'person-7@erased.invalid' });
    // Two people made one would break one role per address (I6).
    expect(codes(eraseAddress(log, 'bob@acme.example', { pseudonym: 'carol@acme.example', at: 't', by: admin }))).toEqual(['invalid-value options.pseudonym']);
    expect(codes(eraseAddress(log, 'bob@acme.example', { pseudonym: 'not an address', at: 't', by: admin }))).toEqual(['invalid-address options.pseudonym']);
  });

  it('E7: bad input is reported, and a damaged log is refused rather than given fresh checksums', () => {
    const { log } = conversation();
    expect(codes(eraseAddress(log, 'bob at acme', { at: 't', by: admin }))).toEqual(['invalid-address address']);
    expect(codes(eraseAddress(log, 'bob@acme.example', { at: 't', by: { kind: 'robot' } as never }))).toEqual(['invalid-value options.by.kind']);
    const tampered = log.map((e, i) => (i === 2 ? { ...e, at: 'yesterday' } : e));
    expect(codes(eraseAddress(tampered, 'bob@acme.example', { at: 't', by: admin }))).toEqual(['invalid-value log[2].sum']);
    expect(eraseAddress([], 'bob@acme.example', { at: 't', by: admin })).toMatchObject({ ok: true, value: { events: [] } });
  });

  it('E7: with case-sensitive local parts, another spelling is another person and stays', () => {
    const context = contextWith({ caseSensitiveLocalPart: true });
    const log = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'Bob@acme.example, bob@acme.example' }), newTicketId: 'T-1' } as never, context).events;
    const r = eraseAddress(log, 'Bob@acme.example', { at: 't', by: admin, identity: { caseSensitiveLocalPart: true } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(fold(r.value.events).ccs.map((m) => m.address)).toEqual([r.value.pseudonym, 'bob@acme.example']);
  });

  it('E7: the erased log goes on: a ticket folded from it takes new commands', () => {
    const { log } = conversation();
    const r = eraseAddress(log, 'bob@acme.example', { at: 't', by: admin });
    if (!r.ok) throw new Error('erasure refused');
    const next = handle(fold(r.value.events), edit([{ op: 'add', field: 'cc', address: 'eve@acme.example' }]), contextWith());
    expect(next.ok && next.value.events[0]?.seq).toBe(r.value.events.length + 1);
  });
});

group('E3: logs written by earlier versions', () => {
  const root = resolve(import.meta.dirname, 'fixtures');
  const v1 = JSON.parse(readFileSync(resolve(root, 'v1-log.json'), 'utf8')) as Record<string, unknown>[];
  // What the first released code folded that log to (version-1 tickets kept resolved notices).
  const old = JSON.parse(readFileSync(resolve(root, 'v1-ticket.json'), 'utf8')) as { id: string; requester: { key: string }; ccs: { key: string }[]; bccs: { key: string }[]; followers: { key: string }[]; memory: { key: string; lastUsed: number }[]; notices: { id: string; resolved: unknown }[]; commentCount: number; recentMessageIds: string[][]; revision: number };

  it('E3: a version-1 log is upgraded on read: v 2, numbered 1..n, on its ticket, each with its checksum', () => {
    expect(v1.every((e) => e.v === 1 && !('seq' in e))).toBe(true);
    const r = readEvents(v1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((e) => [e.v, e.seq, e.ticketId])).toEqual(v1.map((_, i) => [2, i + 1, 'T-1']));
    expect(r.value.every((e) => e.sum === checksum(e))).toBe(true);
    // The upgraded log is a version-2 log: read again, it is accepted as it is.
    expect(readEvents(JSON.parse(JSON.stringify(r.value)), { ticketId: 'T-1' })).toEqual(r);
  });

  it('E3: the upgraded log folds to the ticket the first version folded it to; resolved notices are no longer part of the state', () => {
    const r = readEvents(v1, { ticketId: 'T-1' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const t = fold(r.value);
    const keys = (list: readonly { key: string }[]) => list.map((m) => m.key);
    expect([t.id, t.requester?.key, keys(t.ccs), keys(t.bccs), keys(t.followers)]).toEqual([old.id, old.requester.key, keys(old.ccs), keys(old.bccs), keys(old.followers)]);
    expect(t.memory.map((m) => [m.key, m.lastUsed])).toEqual(old.memory.map((m) => [m.key, m.lastUsed]));
    expect([t.commentCount, t.revision, t.recentMessageIds]).toEqual([old.commentCount, old.revision, old.recentMessageIds]);
    expect(t.notices.map((n) => n.id)).toEqual(old.notices.filter((n) => n.resolved === null).map((n) => n.id));
    expect(t.resolvedNotices).toEqual(['<3@other.example>#third-party-reply', '<2@acme.example>#recipients-changed']);
    expect(old.notices.filter((n) => n.resolved !== null)).toHaveLength(2);
  });

  it('E3 E4: new events are appended after an upgraded log, numbered from its length', () => {
    const r = readEvents(v1, { ticketId: 'T-1' });
    if (!r.ok) throw new Error('not read');
    const next = must(fold(r.value), edit([{ op: 'remove', field: 'cc', address: 'eve@acme.example' }]));
    expect(next.revision).toBe(v1.length);
    expect(readEvents([...v1, ...JSON.parse(JSON.stringify(next.events))], { ticketId: 'T-1' }).ok).toBe(true);
  });
});

group('E4: appending with an expected revision', () => {
  it('E4: two decisions made from the same revision carry the same numbers: the second append is a conflict on (ticketId, seq)', () => {
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), newTicketId: 'T-1' } as never);
    const ticket = r.ticket!;
    const a = decide(ticket, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]), contextWith());
    const b = decide(ticket, edit([{ op: 'add', field: 'bcc', address: 'kate@desk.example' }]), contextWith());
    if (!a.ok || !b.ok) throw new Error('refused');
    expect([a.value.revision, b.value.revision]).toEqual([ticket.revision, ticket.revision]);
    expect(a.value.events.map((e) => [e.ticketId, e.seq])).toEqual(b.value.events.map((e) => [e.ticketId, e.seq]));
    // A store without the unique key would keep both: reading the log back reports it.
    expect(codes(readEvents([...r.events, ...a.value.events, ...b.value.events]))).toEqual([`sequence-repeat [${r.events.length + 1}].seq`]);
  });

  it('E4 I12: an event whose version was changed to 1 is reported, not upgraded with a fresh checksum (found by the damaged-log property)', () => {
    const log = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never).events;
    const i = log.findIndex((e) => e.type === 'added');
    // Before the fix, v: 1 made readEvents recompute the checksum, so this edit went unseen.
    const forged = log.map((e, j) => (j === i ? { ...e, v: 1, field: 'bcc' } : e));
    expect(codes(readEvents(JSON.parse(JSON.stringify(forged)), { ticketId: 'T-1' }))).toEqual([`unknown-field [${i}].seq`]);
  });

  it('I12: a hole in a sparse array is an entry that is not an event', () => {
    const log = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), newTicketId: 'T-1' } as never).events;
    const sparse: unknown[] = [...log];
    sparse.length = log.length + 1;
    expect(codes(readEvents(sparse))).toEqual([`not-an-event [${log.length}]`]);
  });
});

group('E2: the state stays bounded', () => {
  /** A history of `commands` commands: replies leaving Bob out, each notice resolved, Bob added back, replies, edits. */
  function history(commands: number): Ticket {
    // Fixed-width ids, so that sizes compare by what is kept, not by how many digits a number has.
    const n = (i: number) => String(i).padStart(5, '0');
    let ticket = must(null, { ...email({ from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example', id: '<open@x>' }), newTicketId: 'T-1' } as never).ticket!;
    for (let i = 1; i <= commands; i++) {
      const step = i % 10;
      const notice = ticket.notices[0];
      const r =
        step === 1 && notice !== undefined
          ? must(ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: agent, at: `t${i}` })
          : step === 0
            ? must(ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'cleo@acme.example', id: `<d${n(i)}@x>` }))
            : step === 2
              ? must(ticket, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]))
              : i % 2 === 0
                ? must(ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example', id: `<r${n(i)}@x>` }))
                : must(ticket, edit([{ op: i % 4 === 1 ? 'add' : 'remove', field: 'bcc', address: 'kate@desk.example' }]));
      ticket = r.ticket!;
    }
    return ticket;
  }

  it('E2: with its notices resolved, a ticket after 2,000 commands is no bigger than its bounded lists allow over one after 200', () => {
    // Ending on a resolution: every notice raised is resolved.
    const small = history(201);
    const large = history(2001);
    expect(large.revision).toBeGreaterThan(9 * small.revision);
    expect(large.notices).toEqual([]);
    // The lists that keep "the latest": full at 2,000, the rest is the participants.
    expect(large.resolvedNotices.length).toBe(64);
    expect(large.recentMessageIds.flat().length).toBeLessThanOrEqual(256);
    const size = (t: Ticket) => JSON.stringify(t).length;
    expect(size(large)).toBeLessThan(3 * size(small));
    // Past the point where those lists are full (about 700 commands here), the size no longer moves.
    expect(Math.abs(size(history(1001)) - size(large))).toBeLessThan(50);
  });
});
