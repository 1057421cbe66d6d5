// Behaviour pinned after mutation testing of src/participants and src/comments: who may report
// and restore delivery (H1), change a comment's visibility (C4), write a comment (D4, H3), merge
// (H4) and import (E6), and what each records: causes, reasons, paths, and what is carried over.
import { describe, expect, it } from 'vitest';
import { fold, handle, readEvents, type Actor, type Command, type Ticket } from '../src/index.js';
import { checksum } from '../src/ticket/checksum.js';
import { addresses, agent, at, contextWith, edit, email, lightAgent, must, opened } from './support/tickets.js';

const system: Actor = { kind: 'system' };
const admin: Actor = { kind: 'admin', id: 'mia' };
const customer: Actor = { kind: 'end-user', address: 'ann@acme.example' };
const refused = (ticket: Ticket | null, command: Command, context = contextWith()) => {
  const r = handle(ticket, command, context);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};
const report = (address: unknown, status: 'ok' | 'failing' | 'undeliverable', by: Actor = system, reason?: string): Command =>
  ({ type: 'report-delivery', address, status, by, at: at(), ...(reason === undefined ? {} : { reason }) }) as Command;
const delivery = (events: readonly { type: string }[]) =>
  events.flatMap((e) => (e.type === 'delivery-changed' ? [e as unknown as { mailbox: { address: string }; status: string; reason: string; cause: string; by: Actor }] : [])).map((e) => [e.mailbox.address, e.status, e.reason, e.cause]);
const write = (commentId: string, visibility: 'public' | 'internal', by: Actor = agent, recipients?: object): Command =>
  ({ type: 'write-comment', commentId, visibility, by, at: at(), ...(recipients === undefined ? {} : { recipients }) }) as Command;
const importing = (participants: object, context = contextWith()) => must(null, { type: 'import-ticket', ticketId: 'T-9', participants, by: system, at: at() } as Command, context);

/** Ann's ticket with Bob in CC, Zoe in BCC and Otto following. */
const annTicket = (context = contextWith()) => must(opened('ann@acme.example', ['bob@acme.example'], context), edit([{ op: 'add', field: 'bcc', address: 'zoe@other.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }]), context).ticket!;

describe('H1: reporting delivery', () => {
  it('H1: every participant can be reported on, in any role, under any of their directory addresses', () => {
    const t = annTicket();
    for (const who of ['ann@acme.example', 'bob@acme.example', 'zoe@other.example', 'otto@desk.example']) {
      expect(delivery(must(t, report(who, 'failing')).events)).toEqual([[who, 'failing', '', 'delivery']]);
    }
  });

  it('H1: an address that does not parse is refused at the command\'s address', () => {
    expect(refused(annTicket(), report('not an address', 'undeliverable')).map((i) => [i.code, i.path])).toEqual([['invalid-address', ['address']]]);
  });

  it('H1: the system reports; an agent\'s or admin\'s report is an agent edit; a light agent may report a failure but not restore', () => {
    const t = annTicket();
    expect(delivery(must(t, report('bob@acme.example', 'undeliverable', admin, '550')).events)).toEqual([['bob@acme.example', 'undeliverable', '550', 'agent-edit']]);
    expect(delivery(must(t, report('bob@acme.example', 'failing', lightAgent)).events)).toEqual([['bob@acme.example', 'failing', '', 'agent-edit']]);
    const dead = must(t, report('bob@acme.example', 'undeliverable')).ticket!;
    for (const by of [lightAgent, customer]) expect(refused(dead, report('bob@acme.example', 'ok', by)).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
    for (const by of [agent, admin, system]) expect(delivery(must(dead, report('bob@acme.example', 'ok', by)).events).map((d) => d[1])).toEqual(['ok']);
  });

  it('H1, H2: being muted is no delivery status: a muted participant is delivered to "ok", and can be reported undeliverable', () => {
    const muted = must(annTicket(), edit([{ op: 'mute', address: 'bob@acme.example' }])).ticket!;
    expect(must(muted, report('bob@acme.example', 'ok')).events).toEqual([]);
    const dead = must(muted, report('bob@acme.example', 'undeliverable'));
    expect(delivery(dead.events)).toEqual([['bob@acme.example', 'undeliverable', '', 'delivery']]);
    expect(dead.ticket!.heldBack.map((h) => h.reason).sort()).toEqual(['muted', 'undeliverable']);
  });
});

describe('C4: changing a comment\'s visibility', () => {
  it('C4: agents and admins publish and hide; the event says who, when, why (C4) and what', () => {
    const t = must(annTicket(), write('c-1', 'internal')).ticket!;
    for (const by of [agent, admin]) {
      const command = { type: 'change-visibility', commentId: 'c-1', visibility: 'public', by, at: at() } as const;
      const r = must(t, command);
      expect(r.events.map((e) => e.type === 'comment-visibility-changed' && [e.commentId, e.visibility, e.by, e.at, e.cause, e.reasons])).toEqual([['c-1', 'public', by, command.at, 'agent-edit', [{ rule: 'C4' }]]]);
    }
  });

  it('C4: a light agent hides a comment (the event is theirs), an end user and the system do neither, at path by', () => {
    const t = must(annTicket(), write('c-1', 'public')).ticket!;
    const hidden = must(t, { type: 'change-visibility', commentId: 'c-1', visibility: 'internal', by: lightAgent, at: at() });
    expect(hidden.ticket!.internalComments).toEqual(['c-1']);
    for (const [by, visibility] of [[customer, 'internal'], [system, 'public'], [lightAgent, 'public']] as const) {
      expect(refused(t, { type: 'change-visibility', commentId: 'c-1', visibility, by, at: at() }).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
    }
  });
});

describe('D4, H3: writing a comment in the help desk', () => {
  it('C1: the comment written: its author from the directory, by an agent, in the help desk, with no headers of its own', () => {
    const command = write('c-1', 'public');
    const r = must(annTicket(), command);
    expect(r.comment).toEqual({ id: 'c-1', messageId: null, author: { address: 'kate@desk.example', name: 'Kate', key: 'kate@desk.example' }, authorRole: 'agent', visibility: 'public', via: 'help-desk', to: [], cc: [], automatic: false });
    expect(r.events.map((e) => [e.type, e.at, e.by, e.cause, e.reasons])).toEqual([['comment-added', command.at, agent, 'agent-edit', [{ rule: 'C1' }]]]);
  });

  it('C1: an author the directory does not know, or an actor without an id, writes with no author address', () => {
    const noDirectory = { settings: contextWith().settings! };
    const t = opened('ann@acme.example', [], noDirectory);
    expect(must(t, write('c-1', 'public', { kind: 'agent', id: 'ghost' }), noDirectory).comment?.author).toBeNull();
    expect(must(t, write('c-2', 'internal', system), noDirectory).comment?.author).toBeNull();
  });

  it('D4: an end user writes by email, a light agent writes notes only; both refused at path by', () => {
    const t = annTicket();
    expect(refused(t, write('c-1', 'internal', customer)).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
    expect(refused(t, write('c-1', 'public', lightAgent)).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
    expect(must(t, write('c-1', 'internal', lightAgent)).comment?.visibility).toBe('internal');
  });

  it('H3: empty one-time lists are no one-time recipients; an internal note may leave a participant out but add nobody', () => {
    const t = annTicket();
    expect(must(t, write('c-1', 'public', agent, { cc: [], bcc: [], leaveOut: [] })).comment).not.toHaveProperty('oneTime');
    const note = must(t, write('c-2', 'internal', agent, { leaveOut: ['otto@desk.example'] }));
    expect(note.comment?.oneTime && [note.comment.oneTime.cc, note.comment.oneTime.bcc, addresses(note.comment.oneTime.leftOut)]).toEqual([[], [], ['otto@desk.example']]);
    for (const recipients of [{ cc: ['law@firm.example'] }, { bcc: ['law@firm.example'] }]) {
      expect(refused(t, write('c-3', 'internal', agent, recipients)).map((i) => [i.code, i.path])).toEqual([['invalid-command', ['recipients']]]);
    }
  });

  it('H3: each refused one-time recipient is named at its own path, with the field it was asked for', () => {
    const t = annTicket();
    const issues = refused(t, write('c-1', 'public', agent, { cc: ['law@firm.example', 'not an address'], bcc: ['LAW@firm.example'], leaveOut: ['nor this', 'nobody@else.example'] }));
    expect(issues.map((i) => [i.code, i.path, i.field])).toEqual([
      ['invalid-address', ['recipients', 'cc', 1], undefined],
      ['role-conflict', ['recipients', 'bcc', 0], 'bcc'],
      ['invalid-address', ['recipients', 'leaveOut', 0], undefined],
      ['invalid-command', ['recipients', 'leaveOut', 1], undefined],
    ]);
    // The same address twice in one field is one copy, not a conflict.
    const twice = must(t, write('c-2', 'public', agent, { cc: ['law@firm.example', 'Law <LAW@firm.example>'] }));
    expect(addresses(twice.comment!.oneTime!.cc)).toEqual(['law@firm.example']);
    // The requester is on the ticket: no extra recipient (D5); a follower is not, and gets the reply as a one-time CC.
    const more = must(t, write('c-3', 'public', agent, { cc: ['ann@acme.example', 'otto@desk.example'] }));
    expect(addresses(more.comment!.oneTime!.cc)).toEqual(['otto@desk.example']);
  });

  it('H3: a follower or a BCC can be left out of one reply; the limit counts the ticket\'s CCs and the added ones, and says so', () => {
    const t = annTicket();
    const r = must(t, write('c-1', 'public', agent, { leaveOut: ['otto@desk.example', 'zoe@other.example'] }));
    expect(addresses(r.comment!.oneTime!.leftOut)).toEqual(['otto@desk.example', 'zoe@other.example']);
    const context = contextWith({ ccLimit: 2 });
    const at2 = must(t, write('c-2', 'public', agent, { cc: ['law@firm.example'] }), context);
    expect(addresses(at2.comment!.oneTime!.cc)).toEqual(['law@firm.example']);
    const over = refused(t, write('c-3', 'public', agent, { cc: ['law@firm.example', 'cy@acme.example'] }), context);
    expect(over.map((i) => [i.code, i.path, i.field, i.input, (i as { limit?: number }).limit, (i as { count?: number }).count])).toEqual([
      ['cc-limit-exceeded', ['recipients', 'cc'], 'cc', ['law@firm.example', 'cy@acme.example'], 2, 3],
    ]);
  });

  it('H3: on a ticket with no CCs, the limit counts the added ones only', () => {
    const t = opened('ann@acme.example');
    const context = contextWith({ ccLimit: 1 });
    expect(addresses(must(t, write('c-1', 'public', agent, { cc: ['law@firm.example'] }), context).comment!.oneTime!.cc)).toEqual(['law@firm.example']);
    expect(refused(t, write('c-2', 'public', agent, { cc: ['law@firm.example', 'cy@acme.example'] }), context).map((i) => [i.code, (i as { count?: number }).count])).toEqual([['cc-limit-exceeded', 2]]);
  });
});

describe('E6: import', () => {
  it('E6: a requester given as null is no requester, and nothing is reported', () => {
    const r = importing({ requester: null, ccs: ['bob@acme.example'] });
    expect([r.ticket!.requester, addresses(r.ticket!.ccs), r.issues]).toEqual([null, ['bob@acme.example'], []]);
  });

  it('E6: the events of an import: opened (not split from anything) and imported, both by the system, with cause import', () => {
    const r = importing({ requester: 'ann@acme.example' });
    expect(r.events.map((e) => [e.type, e.cause, e.by])).toEqual([['ticket-opened', 'import', system], ['ticket-imported', 'import', system]]);
    const first = r.events[0];
    expect(first?.type === 'ticket-opened' && [first.ticketId, first.splitFrom]).toEqual(['T-9', null]);
    expect(r.ticket!.id).toBe('T-9');
  });

  it('E6: a second role says which role the address already has; a repeat says it is kept once; the issue names the field asked', () => {
    const r = importing({ requester: 'ann@acme.example', ccs: ['bob@acme.example', 'bob@acme.example'], bccs: ['ann@acme.example', 'bob@acme.example', 'zoe@other.example', 'zoe@other.example'], followers: ['otto@desk.example', 'otto@desk.example'] });
    expect(r.issues.map((i) => [i.code, i.path.join('.'), i.field, i.message])).toEqual([
      ['two-roles', 'participants.ccs.1', 'cc', 'bob@acme.example is listed twice as CC; it is kept once.'],
      ['two-roles', 'participants.bccs.0', 'bcc', 'ann@acme.example is already the requester; an address holds one role (A4).'],
      ['two-roles', 'participants.bccs.1', 'bcc', 'bob@acme.example is already the CC; an address holds one role (A4).'],
      ['two-roles', 'participants.bccs.3', 'bcc', 'zoe@other.example is listed twice as BCC; it is kept once.'],
      ['two-roles', 'participants.followers.1', 'follower', 'otto@desk.example is listed twice as follower; it is kept once.'],
    ]);
    const imported = r.events.find((e) => e.type === 'ticket-imported');
    expect(imported?.type === 'ticket-imported' && imported.problems.map((p) => [p.code, p.path.join('.'), p.message])).toEqual(r.issues.map((i) => [i.code, i.path.join('.'), i.message]));
  });

  it('E6: a follower may also hold an email role', () => {
    const r = importing({ requester: 'ann@acme.example', ccs: ['otto@desk.example'], followers: ['otto@desk.example'] });
    expect([addresses(r.ticket!.ccs), addresses(r.ticket!.followers), r.issues]).toEqual([['otto@desk.example'], ['otto@desk.example'], []]);
  });

  it('E6: at the CC limit nothing is reported; over it, the count and the limit, and a kept problem carries no field', () => {
    const context = contextWith({ ccLimit: 2, denylist: ['spam.example'] });
    expect(importing({ ccs: ['a@acme.example', 'b@acme.example'] }, context).issues).toEqual([]);
    const over = importing({ ccs: ['a@acme.example', 'b@acme.example', 'x@spam.example'] }, context);
    expect(over.issues.map((i) => [i.code, i.path.join('.'), i.input, 'field' in i, (i as { limit?: number }).limit, (i as { count?: number }).count])).toEqual([
      ['denylisted', 'participants.ccs.2', 'x@spam.example', false, undefined, undefined],
      ['cc-limit-exceeded', 'participants.ccs', 3, false, 2, 3],
    ]);
    expect(over.ticket!.refused).toEqual([]);
  });
});

describe('H4: merge', () => {
  const source = (context = contextWith()) => ({ ...opened('sam@other.example', ['dan@other.example'], context), id: 'S-1' });
  const merge = (src: Ticket, by: Actor = agent): Command => ({ type: 'merge-tickets', source: src, by, at: at() });

  it('H4: refusals point at the part of the command at fault', () => {
    const t = annTicket();
    expect(refused(t, merge(t)).map((i) => [i.code, i.path])).toEqual([['invalid-command', ['source', 'id']]]);
    const closed = must(opened('cy@acme.example'), merge(source())).mergedTicket!;
    expect(refused(t, merge(closed)).map((i) => [i.code, i.path, (i as { mergedInto?: string }).mergedInto])).toEqual([['merged-ticket', ['source'], 'T-1']]);
    for (const by of [lightAgent, customer]) expect(refused(t, merge(source(), by)).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
  });

  it('H4: admins and the system merge too; the source is closed by the merge\'s actor', () => {
    for (const by of [admin, system]) {
      const command = merge(source(), by);
      const r = must(annTicket(), command);
      expect(r.merged?.events.map((e) => [e.type, e.by, e.at, e.cause, e.type === 'ticket-merged' && e.into])).toEqual([['ticket-merged', by, command.at, 'merge', 'T-1']]);
    }
  });

  it('H4: a source without a requester (imported so) brings its CCs only', () => {
    const s = importing({ ccs: ['dan@other.example'] }).ticket!;
    const r = must(annTicket(), merge(s));
    expect([r.ticket!.requester?.address, addresses(r.ticket!.ccs)]).toEqual(['ann@acme.example', ['bob@acme.example', 'dan@other.example']]);
  });

  it('H4: each change a merge makes says why: H4, and the setting that makes the source\'s requester a CC', () => {
    const r = must(annTicket(), merge(source()));
    expect(r.events.flatMap((e) => (e.type === 'added' ? [[e.mailbox.address, e.field, e.reasons]] : []))).toEqual([
      ['sam@other.example', 'cc', [{ rule: 'H4', setting: { name: 'mergeRequesterAs', value: 'cc' } }]],
      ['dan@other.example', 'cc', [{ rule: 'H4' }]],
    ]);
  });

  it('H1, H4: a delivery status comes along with the person the target gains, with its detail and H4; not one the target already knew, nor for someone it had', () => {
    const s0 = source();
    const s1 = must(must(s0, report('dan@other.example', 'undeliverable', system, '550 gone')).ticket, report('sam@other.example', 'failing', system, '451')).ticket!;
    const withBob = must(s1, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }])).ticket!;
    const s = { ...must(withBob, report('bob@acme.example', 'failing')).ticket!, id: 'S-1' };
    const r = must(annTicket(), merge(s));
    expect(r.events.flatMap((e) => (e.type === 'delivery-changed' ? [[e.mailbox.address, e.status, e.reason, e.cause, e.reasons]] : []))).toEqual([
      ['dan@other.example', 'undeliverable', '550 gone', 'merge', [{ rule: 'H4' }]],
      ['sam@other.example', 'failing', '451', 'merge', [{ rule: 'H4' }]],
    ]);
    // Otto follows the target, which knows his mail is failing; as the source's CC he is gained as a CC, and his status on the target stands.
    const t = must(annTicket(), report('otto@desk.example', 'failing', system, 'own')).ticket!;
    const withOtto = { ...must(must(s, edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }])).ticket, report('otto@desk.example', 'undeliverable', system, 'theirs')).ticket!, id: 'S-1' };
    const again = must(t, merge(withOtto));
    expect(again.events.some((e) => e.type === 'added' && e.mailbox.address === 'otto@desk.example' && e.field === 'cc')).toBe(true);
    expect(delivery(again.events).map((d) => d[0])).toEqual(['dan@other.example', 'sam@other.example']);
    expect(again.ticket!.heldBack.find((h) => h.mailbox.address === 'otto@desk.example')?.detail).toBe('own');
  });
});

describe('H4: who a merge brings, and in which role', () => {
  const merge = (src: Ticket): Command => ({ type: 'merge-tickets', source: src, by: agent, at: at() });

  it('H4: a source BCC who is a CC on the target stays a CC there, quietly; a source follower who holds an email role on the target follows it too', () => {
    const t = must(annTicket(), edit([{ op: 'add', field: 'cc', address: 'mia@desk.example' }, { op: 'add', field: 'bcc', address: 'kate@desk.example' }])).ticket!;
    const s0 = opened('sam@other.example', [], contextWith());
    const s = { ...must(s0, edit([{ op: 'add', field: 'bcc', address: 'bob@acme.example' }, { op: 'add', field: 'follower', address: 'mia@desk.example' }, { op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket!, id: 'S-1' };
    const r = must(t, merge(s));
    expect(r.issues).toEqual([]);
    expect([addresses(r.ticket!.ccs), addresses(r.ticket!.bccs), addresses(r.ticket!.followers)]).toEqual([
      ['bob@acme.example', 'mia@desk.example', 'sam@other.example'],
      ['zoe@other.example', 'kate@desk.example'],
      ['otto@desk.example', 'mia@desk.example', 'kate@desk.example'],
    ]);
  });

  it('H1, H2, H4: someone muted on the target (muting is no delivery status) gains the status the source knew', () => {
    const t = must(must(annTicket(), edit([{ op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket, edit([{ op: 'mute', address: 'kate@desk.example' }])).ticket!;
    const s0 = opened('sam@other.example', ['kate@desk.example'], contextWith());
    const s = { ...must(s0, report('kate@desk.example', 'undeliverable', system, '550')).ticket!, id: 'S-1' };
    const r = must(t, merge(s));
    expect(r.ticket!.heldBack.filter((h) => h.mailbox.address === 'kate@desk.example').map((h) => h.reason).sort()).toEqual(['muted', 'undeliverable']);
  });
});

describe('E6, H1: tickets without a requester or a CC limit', () => {
  it('E6: with no CC limit, any number of CCs is imported without a report', () => {
    expect(importing({ ccs: ['a@acme.example', 'b@acme.example'] }, contextWith({ ccLimit: null })).issues).toEqual([]);
  });

  it('H1: on a ticket imported without a requester, a CC\'s delivery is reported like anyone\'s', () => {
    const t = importing({ ccs: ['bob@acme.example'] }).ticket!;
    expect(delivery(must(t, report('bob@acme.example', 'failing')).events)).toEqual([['bob@acme.example', 'failing', '', 'delivery']]);
  });
});

describe('H3: one-time recipients asked in part', () => {
  it('H3: recipients with no lists, or empty ones, are none', () => {
    const t = annTicket();
    for (const recipients of [{}, { cc: [] }, { bcc: [] }, { leaveOut: [] }]) expect(must(t, write('c-1', 'public', agent, recipients)).comment).not.toHaveProperty('oneTime');
  });

  it('H3: a one-time BCC is no CC: on a ticket over a lowered limit it is taken (the plan says why nothing goes out)', () => {
    const context = contextWith({ ccLimit: 1 });
    const t = importing({ requester: 'ann@acme.example', ccs: ['bob@acme.example', 'cy@acme.example'] }, context).ticket!;
    const r = must(t, write('c-1', 'public', agent, { bcc: ['x@acme.example'] }), context);
    expect(addresses(r.comment!.oneTime!.bcc)).toEqual(['x@acme.example']);
    expect(r.issues.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
  });
});

describe('B9: releasing a held reply', () => {
  /** Ann's ticket with Bob and Otto (staff) in CC and Kate following; Zed's reply, with Ann in CC, is held (F8) and reaches staff only. */
  const heldReply = (context = contextWith()) => {
    const t = must(opened('ann@acme.example', ['bob@acme.example', 'otto@desk.example'], context), edit([{ op: 'add', field: 'follower', address: 'kate@desk.example' }]), context).ticket!;
    const held = must(t, { ...(email({ from: 'zed@z.example', to: 'support@desk.example', cc: 'ann@acme.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'held' }, context);
    return { t, held, log: held.events };
  };
  const release = (ticket: Ticket, noticeId: string): Command => ({ type: 'resolve-notice', noticeId, resolution: 'add-as-cc', by: agent, at: at() });

  it('B9: a released message leaves out those who had it: its envelope and its recipients name the others, the headers stay whole; warnings only for those it goes to', () => {
    const { held } = heldReply();
    const noticeId = held.email!.notice!.id;
    expect(held.ticket!.notices[0]?.told?.map((m) => m.address).sort()).toEqual(['kate@desk.example', 'otto@desk.example']);
    let t = must(held.ticket, edit([{ op: 'add', field: 'cc', address: 'cy@acme.example' }])).ticket!;
    t = must(must(t, report('cy@acme.example', 'failing', system, 'cy slow')).ticket, report('kate@desk.example', 'failing', system, 'kate slow')).ticket!;
    const r = must(t, release(t, noticeId));
    expect(r.plans.map((p) => [p.commentId, p.warnings.map((w) => [w.mailbox.address, w.detail])])).toEqual([['held', [['cy@acme.example', 'cy slow']]]]);
    const messages = r.plans[0]!.messages;
    expect(messages.map((m) => [m.kind, m.headers, m.recipients, addresses(m.envelope)])).toEqual([
      [
        'customer-reply',
        { to: 'ann@acme.example', cc: 'bob@acme.example, otto@desk.example, cy@acme.example, zed@z.example' },
        {
          to: [{ name: null, address: 'ann@acme.example' }],
          cc: ['bob@acme.example', 'otto@desk.example', 'cy@acme.example', 'zed@z.example'].map((address) => ({ name: null, address })),
          envelope: [{ name: null, address: 'bob@acme.example' }, { name: null, address: 'cy@acme.example' }],
        },
        ['bob@acme.example', 'cy@acme.example'],
      ],
    ]);
  });

  it('B9: a release that reaches nobody new plans nothing; one on a ticket that cannot be planned plans nothing either', () => {
    const c = contextWith({ internalNotesToStaffCcs: false });
    const t = must(opened('ann@acme.example', ['bob@acme.example'], c), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), c).ticket!;
    const held = must(t, { ...(email({ from: 'zed@z.example', to: 'support@desk.example', cc: 'ann@acme.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'held', authentication: 'fail' }, c);
    const accepted = must(held.ticket, { type: 'resolve-notice', noticeId: 'held#unverified-sender', resolution: 'accept', by: agent, at: at() }, c);
    expect(accepted.plans).toEqual([]);
    const context = contextWith({ ccLimit: 1 });
    const over = importing({ requester: 'ann@acme.example', ccs: ['bob@acme.example', 'cy@acme.example', 'dan@acme.example'] }, context).ticket!;
    const dropped = must(over, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, dan@acme.example' }), context);
    const resolved = must(dropped.ticket, { type: 'resolve-notice', noticeId: dropped.email!.notice!.id, resolution: 'update-recipients', by: agent, at: at() }, context);
    expect([addresses(resolved.ticket!.ccs), resolved.plans]).toEqual([['bob@acme.example', 'dan@acme.example'], []]);
  });

  it('B9, I7: a notice from a log written before `told` was kept: those its reply reached while held are found again, and not sent it twice', () => {
    const c = contextWith();
    const first = must(null, { ...(email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, otto@desk.example' }) as Extract<Command, { type: 'receive-email' }>), newTicketId: 'T-1' } as Command, c);
    const followed = must(first.ticket, edit([{ op: 'add', field: 'follower', address: 'kate@desk.example' }]), c);
    const held = must(followed.ticket, { ...(email({ from: 'zed@z.example', to: 'support@desk.example', cc: 'ann@acme.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'held' }, c);
    const other = must(held.ticket, { ...(email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'otto@desk.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'drop' }, c);
    const stored = [...first.events, ...followed.events, ...held.events, ...other.events];
    const old = stored.map((e) => {
      if (e.type !== 'notice-raised') return e;
      const { told: _told, ...notice } = e.notice;
      const { sum: _sum, ...content } = { ...e, notice };
      return { ...content, sum: checksum(content) };
    });
    const read = readEvents(JSON.parse(JSON.stringify(old)), { ticketId: 'T-1' });
    if (!read.ok) throw new Error(JSON.stringify(read.error));
    const legacy = fold(read.value);
    expect(legacy.notices.map((n) => [n.id, n.told])).toEqual([['held#third-party-reply', undefined], ['drop#recipients-changed', undefined]]);
    const fresh = must(other.ticket, release(other.ticket!, 'held#third-party-reply'));
    const again = must(legacy, release(legacy, 'held#third-party-reply'));
    const sent = (plans: typeof fresh.plans) => plans.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope))).sort();
    expect(sent(again.plans)).toEqual(sent(fresh.plans));
    expect(sent(again.plans)).not.toContain('kate@desk.example');
  });
});
