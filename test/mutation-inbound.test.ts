// Behaviour the issue on mutation testing found unpinned in src/inbound: who may resolve a
// notice, what each resolution changes and records, who an inbound email adds (not only the
// visibility of its comment), and the command's own shape.
import { describe, expect, it } from 'vitest';
import { createDirectory, defaultSettings, handle, type Command, type Notice, type Ticket, type TicketContext, type TicketEvent } from '../src/index.js';
import { addresses, agent, at, contextWith, edit, email, lightAgent, must, opened, SUPPORT } from './support/tickets.js';

const ANN = 'ann@acme.example';
const BOB = 'bob@acme.example';
const CLEO = 'cleo@acme.example';

const refusal = (ticket: Ticket | null, command: Command, context = contextWith()) => {
  const r = handle(ticket, command, context);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
};
const open = (n: Notice | null | undefined): Notice => {
  if (!n) throw new Error('expected a notice');
  return n;
};
const resolve = (noticeId: string, resolution: string, extra: object = {}): Command => ({ type: 'resolve-notice', noticeId, resolution, by: agent, at: '2026-01-02T00:00:00Z', ...extra }) as Command;
const changes = (events: readonly TicketEvent[]) => events.flatMap((e) => (e.type === 'added' || e.type === 'removed' ? [[e.type, e.field, e.mailbox.address]] : []));

/** Ann's ticket with Bob and Cleo; Ann answers without Bob and with Dan (F3 notice). */
function dropped(context = contextWith()) {
  const t = opened(ANN, [BOB, CLEO], context);
  const r = must(t, email({ from: ANN, to: 'support@desk.example', cc: `${CLEO}, dan@acme.example` }), context);
  return { ticket: r.ticket!, notice: open(r.email?.notice) };
}

/** A stranger writes to Ann's ticket (F8, internal with a notice). */
function stranger(context = contextWith()) {
  const t = opened(ANN, [BOB], context);
  const r = must(t, email({ from: 'zed@other.example', to: 'support@desk.example' }), context);
  return { ticket: r.ticket!, notice: open(r.email?.notice) };
}

describe('F10: who resolves a notice', () => {
  it('F10: a light agent or an end user may not resolve a notice; an admin may', () => {
    const { ticket, notice } = dropped();
    for (const by of [lightAgent, { kind: 'end-user', address: ANN }]) {
      expect(refusal(ticket, resolve(notice.id, 'update-recipients', { by })).map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
    }
    expect(must(ticket, resolve(notice.id, 'update-recipients', { by: { kind: 'admin', id: 'mia' } })).ticket!.notices).toEqual([]);
  });

  it('F10: a split without the new ticket\'s id is refused at newTicketId', () => {
    const { ticket, notice } = dropped();
    expect(refusal(ticket, resolve(notice.id, 'split')).map((i) => [i.code, i.path])).toEqual([['invalid-command', ['newTicketId']]]);
  });

  it('F10: an unknown notice and one already resolved are told apart', () => {
    const { ticket, notice } = dropped();
    expect(refusal(ticket, resolve('nope', 'split', { newTicketId: 'T-2' })).map((i) => [i.code, i.path])).toEqual([['unknown-notice', ['noticeId']]]);
    const done = must(ticket, resolve(notice.id, 'update-recipients')).ticket!;
    expect(refusal(done, resolve(notice.id, 'update-recipients')).map((i) => [i.code, i.path])).toEqual([['notice-already-resolved', ['noticeId']]]);
    expect(refusal(ticket, resolve(notice.id, 'add-as-cc')).map((i) => [i.code, i.path])).toEqual([['resolution-not-offered', ['resolution']]]);
  });
});

describe('F10: what each resolution changes and records', () => {
  it('F10: update-recipients removes only the missing and adds only the new; kept CCs are not touched', () => {
    const { ticket, notice } = dropped();
    const r = must(ticket, resolve(notice.id, 'update-recipients'));
    expect(changes(r.events)).toEqual([['removed', 'cc', BOB], ['added', 'cc', 'dan@acme.example']]);
    expect(r.events.map((e) => [e.type, e.cause, e.at])).toEqual([
      ['removed', 'notice-resolution', '2026-01-02T00:00:00Z'],
      ['added', 'notice-resolution', '2026-01-02T00:00:00Z'],
      ['notice-resolved', 'notice-resolution', '2026-01-02T00:00:00Z'],
    ]);
    expect(addresses(r.ticket!.ccs)).toEqual([CLEO, 'dan@acme.example']);
    expect(r.ticket!.requester?.address).toBe(ANN);
  });

  it('F10: update-recipients at the CC limit adds what fits and reports the rest', () => {
    const t = opened(ANN, [BOB], contextWith({ ccLimit: 2 }));
    const r = must(t, email({ from: ANN, to: 'support@desk.example', cc: 'c1@acme.example, c2@acme.example, c3@acme.example' }), contextWith({ ccLimit: 2 }));
    const notice = open(r.email?.notice);
    const done = must(r.ticket, resolve(notice.id, 'update-recipients'), contextWith({ ccLimit: 2 }));
    expect(addresses(done.ticket!.ccs)).toEqual(['c1@acme.example', 'c2@acme.example']);
    expect(done.issues.map((i) => [i.code, i.input])).toEqual([['cc-limit-exceeded', 'c3@acme.example']]);
  });

  it('F10: add-as-cc on a denylisted sender, or at the CC limit, is refused and the note stays internal', () => {
    const deny = contextWith({ denylist: ['other.example'] });
    const a = stranger(deny);
    expect(refusal(a.ticket, resolve(a.notice.id, 'add-as-cc'), deny).map((i) => i.code)).toEqual(['denylisted']);
    const full = contextWith({ ccLimit: 1 });
    const b = stranger(full);
    expect(refusal(b.ticket, resolve(b.notice.id, 'add-as-cc'), full).map((i) => i.code)).toEqual(['cc-limit-exceeded']);
    expect(b.notice.comment.visibility).toBe('internal');
  });

  it('F10: add-as-cc adds the sender and makes the note public, both by the agent for the notice', () => {
    const { ticket, notice } = stranger();
    const r = must(ticket, resolve(notice.id, 'add-as-cc'));
    expect(r.events.map((e) => [e.type, e.cause, e.by])).toEqual([
      ['added', 'notice-resolution', agent],
      ['comment-visibility-changed', 'notice-resolution', agent],
      ['notice-resolved', 'notice-resolution', agent],
    ]);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, 'zed@other.example']);
    expect(r.ticket!.internalComments).not.toContain(notice.comment.id);
  });

  it('F10: a split records its move and its new ticket with cause split, and reports what policy kept out of it', () => {
    const ctx = contextWith({ denylist: ['dan@acme.example'] });
    const t = opened(ANN, [BOB, CLEO], ctx);
    const r0 = must(t, email({ from: ANN, to: 'support@desk.example', cc: `${CLEO}, dan@acme.example` }), contextWith());
    const notice = open(r0.email?.notice);
    const r = must(r0.ticket, resolve(notice.id, 'split', { newTicketId: 'T-2' }), ctx);
    expect(r.events.map((e) => [e.type, e.cause])).toEqual([['comment-moved', 'split'], ['notice-resolved', 'notice-resolution'], ['recipients-refused', 'notice-resolution']]);
    expect(r.split?.events.map((e) => [e.type, e.cause, e.by, e.at])).toEqual([
      ['ticket-opened', 'split', agent, '2026-01-02T00:00:00Z'],
      ['requester-changed', 'split', agent, '2026-01-02T00:00:00Z'],
      ['added', 'split', agent, '2026-01-02T00:00:00Z'],
      ['comment-added', 'split', agent, '2026-01-02T00:00:00Z'],
    ]);
    expect(r.issues.map((i) => [i.code, i.input])).toEqual([['denylisted', 'dan@acme.example']]);
    expect(r.splitTicket!.requester?.address).toBe(ANN);
    expect(addresses(r.splitTicket!.ccs)).toEqual([CLEO]);
  });
});

describe('F0–F9: who an inbound email adds', () => {
  it('F0: the email that opens a ticket is the requester\'s comment', () => {
    const r = must(null, { ...email({ from: ANN, to: 'support@desk.example', cc: BOB }), newTicketId: 'T-1' } as Command);
    expect([r.comment?.author?.address, r.comment?.authorRole]).toEqual([ANN, 'requester']);
  });

  it('F7: an agent\'s email never makes the requester a CC, and an agent\'s internal email adds nobody', () => {
    const t = opened(ANN, [BOB]);
    const pub = must(t, email({ from: 'otto@desk.example', to: `support@desk.example, ${ANN}`, cc: BOB }));
    expect(pub.comment?.visibility).toBe('public');
    expect(addresses(pub.ticket!.ccs)).toEqual([BOB]);
    const note = must(t, email({ from: 'otto@desk.example', to: 'support@desk.example', cc: 'new@acme.example' }));
    expect(note.comment?.visibility).toBe('internal');
    expect(addresses(note.ticket!.ccs)).toEqual([BOB]);
    expect(changes(note.events)).toEqual([]);
  });

  it('F4: a CC\'s reply without the requester lists the requester as missing and its newcomers as new, adding nobody', () => {
    const t = opened(ANN, [BOB]);
    const r = must(t, email({ from: BOB, to: 'support@desk.example', cc: 'new@acme.example' }));
    const notice = open(r.email?.notice);
    expect([addresses(notice.missing), addresses(notice.added)]).toEqual([[ANN], ['new@acme.example']]);
    expect(changes(r.events)).toEqual([]);
  });

  it('F4: with no notice (onDroppedRecipients "keep"), a CC\'s reply without the requester adds its newcomers', () => {
    const ctx = contextWith({ ccReplyWithoutRequester: 'public', onDroppedRecipients: 'keep' });
    const r = must(opened(ANN, [BOB], ctx), email({ from: BOB, to: 'support@desk.example', cc: 'new@acme.example' }), ctx);
    expect(r.email?.notice ?? null).toBeNull();
    expect(changes(r.events)).toEqual([['added', 'cc', 'new@acme.example']]);
  });

  it('F1: a receive-email without a messageId, or with a time that is not text, is refused', () => {
    const t = opened();
    for (const bad of [{ messageId: undefined }, { at: 5 }]) {
      const command = { ...email({ from: ANN, to: 'support@desk.example' }), ...bad } as Command;
      expect(refusal(t, command).map((i) => i.code)).toEqual(['invalid-command']);
    }
  });
});

describe('B9: a resolution releases the held reply', () => {
  it('B9: resolving the notice plans the held reply for those it had left out, and an open notice holds only its own reply', () => {
    const t = must(opened(ANN, [BOB, CLEO]), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }])).ticket!;
    const held = must(t, email({ from: ANN, to: 'support@desk.example', cc: CLEO }));
    const notice = open(held.email?.notice);
    expect(held.plans.flatMap((p) => p.messages.flatMap((m) => m.envelope.map((e) => e.address)))).toEqual([]);
    // Another comment meanwhile goes out as usual.
    const other = must(held.ticket, { type: 'write-comment', commentId: 'c-9', visibility: 'public', by: agent, at: at() } as Command);
    expect(other.plans[0]?.messages[0]?.envelope.map((e) => e.address)).toEqual([ANN, BOB, CLEO, 'mia@desk.example']);
    const released = must(other.ticket, resolve(notice.id, 'update-recipients'));
    // Bob is removed; Mia (BCC) had not had the reply and gets it now.
    expect(released.plans.map((p) => [p.commentId, p.messages.flatMap((m) => m.envelope.map((e) => e.address))])).toEqual([[notice.comment.id, ['mia@desk.example']]]);
  });
});

const reasonsOf = (events: readonly TicketEvent[]) => events.map((e) => [e.type, 'reasons' in e ? e.reasons : null]);
const opening = (fields: Parameters<typeof email>[0], extra: object = {}, context = contextWith()) =>
  must(null, { ...email(fields), newTicketId: 'T-3', ...extra } as Command, context);

describe('F0–F14: who an inbound email is recorded as, and why', () => {
  it('F7: an email is by its sender: staff by id (their address when the directory has none), anyone else by address, no sender by the system', () => {
    const t = opened(ANN, [BOB]);
    expect(must(t, email({ from: 'otto@desk.example', to: 'support@desk.example' })).events.map((e) => e.by)).toEqual([{ kind: 'agent', id: 'otto' }]);
    expect(must(t, email({ from: CLEO, to: 'support@desk.example', cc: `${ANN}, ${BOB}` })).events.every((e) => e.by.kind === 'end-user' && e.by.address === CLEO)).toBe(true);
    const noId: TicketContext = { ...contextWith(), directory: createDirectory([{ address: 'nid@desk.example', kind: 'agent' }]) };
    expect(must(opened(ANN, [], noId), email({ from: 'nid@desk.example', to: 'support@desk.example' }), noId).events.map((e) => e.by)).toEqual([{ kind: 'agent', id: 'nid@desk.example' }]);
    const unknown = must(t, email({ from: 'not an address', to: 'support@desk.example' }));
    expect([unknown.email?.outcome, ...unknown.events.map((e) => e.by)]).toEqual(['added', { kind: 'system' }, { kind: 'system' }]);
  });

  it('F0, F14: the opening email\'s reasons: F0 for a customer or for staff\'s machine mail, F14 with the setting for staff', () => {
    const byAnn = opening({ from: ANN, to: 'support@desk.example', cc: BOB });
    expect(byAnn.events.map((e) => e.cause)).toEqual(['inbound-email', 'inbound-email', 'inbound-email', 'inbound-email']);
    expect(reasonsOf(byAnn.events)).toEqual([
      ['ticket-opened', null], ['requester-changed', [{ rule: 'F0' }]], ['added', [{ rule: 'F0' }]], ['comment-added', [{ rule: 'F0' }]],
    ]);
    const f14 = { rule: 'F14', setting: { name: 'agentOpensTicketFor', value: 'customer' }, directory: { address: 'otto@desk.example', kind: 'agent' } };
    const byStaff = opening({ from: 'otto@desk.example', to: ANN, cc: 'support@desk.example' }, {}, contextWith({ agentOpensTicketFor: 'customer' }));
    expect([byStaff.ticket!.requester?.address, addresses(byStaff.ticket!.ccs)]).toEqual([ANN, []]);
    expect(reasonsOf(byStaff.events)).toEqual([['ticket-opened', null], ['requester-changed', [f14]], ['comment-added', [f14]]]);
    const machine = opening({ from: 'otto@desk.example', to: 'support@desk.example' }, { headers: { 'Auto-Submitted': 'auto-replied' } }, contextWith({ machineMailOpensTickets: true }));
    expect(reasonsOf(machine.events)[1]).toEqual(['requester-changed', [{ rule: 'F0' }]]);
  });

  it('D4: a light agent\'s email that opens a ticket is an internal note, said with their directory entry', () => {
    const r = opening({ from: 'liam@desk.example', to: 'support@desk.example' });
    expect(r.comment?.visibility).toBe('internal');
    expect(reasonsOf(r.events).at(-1)).toEqual(['comment-added', [{ rule: 'D4', directory: { address: 'liam@desk.example', kind: 'light-agent' } }]]);
  });

  it('A6: the CCs of an opening email count toward the CC limit from zero', () => {
    const r = opening({ from: ANN, to: 'support@desk.example', cc: 'c1@acme.example, c2@acme.example' }, {}, contextWith({ ccLimit: 2 }));
    expect([addresses(r.ticket!.ccs), r.issues]).toEqual([['c1@acme.example', 'c2@acme.example'], []]);
  });

  it('F1, H4: a duplicate, a mail loop, machine mail and a merged ticket each say what they were, and add nothing', () => {
    const t = opened(ANN, [BOB]);
    const dup = email({ from: ANN, to: 'support@desk.example', id: '<d@x>' });
    const again = must(must(t, dup).ticket, dup);
    expect([again.email?.outcome, again.events, again.issues.map((i) => [i.code, i.path])]).toEqual(['duplicate', [], [['duplicate-message', []]]]);
    const loop = opening({ from: 'support@desk.example', to: 'support@desk.example' });
    expect([loop.email?.outcome, loop.ticket, loop.issues.map((i) => [i.code, i.path])]).toEqual(['mail-loop', null, [['mail-loop', []]]]);
    const machine = opening({ from: ANN, to: 'support@desk.example' }, { headers: { 'Auto-Submitted': 'auto-replied' } });
    expect([machine.email?.outcome, machine.issues.map((i) => [i.code, i.path, 'kind' in i ? i.kind : null])]).toEqual(['machine-mail', [['machine-mail', [], 'automatic']]]);
    const merged = must({ ...t, mergedInto: 'T-9' }, email({ from: ANN, to: 'support@desk.example' }));
    expect([merged.email?.outcome, merged.events, merged.issues.map((i) => [i.code, i.path, 'mergedInto' in i ? i.mergedInto : null])]).toEqual(['merged', [], [['merged-ticket', [], 'T-9']]]);
  });
});

describe('F2–F9: the reasons a reply records', () => {
  it('F2, F5: a reply that drops nobody is public by F2; its newcomers are added by F5', () => {
    const r = must(opened(ANN, [BOB]), email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, new@acme.example` }));
    expect(reasonsOf(r.events)).toEqual([['added', [{ rule: 'F5' }]], ['comment-added', [{ rule: 'F2' }]]]);
  });

  it('F3, F9: a reply that drops a CC names onDroppedRecipients when it notifies or removes, and F3 alone when it keeps', () => {
    const setting = (value: string) => ({ name: 'onDroppedRecipients', value });
    const dropped3 = (ctx: TicketContext) => must(opened(ANN, [BOB], ctx), email({ from: ANN, to: 'support@desk.example' }), ctx);
    expect(reasonsOf(dropped3(contextWith()).events)).toEqual([['comment-added', [{ rule: 'F3', setting: setting('notify') }]], ['notice-raised', [{ rule: 'F3', setting: setting('notify') }]]]);
    expect(reasonsOf(dropped3(contextWith({ onDroppedRecipients: 'apply' })).events)).toEqual([['removed', [{ rule: 'F9', setting: setting('apply') }]], ['comment-added', [{ rule: 'F3' }]]]);
    expect(reasonsOf(dropped3(contextWith({ onDroppedRecipients: 'keep' })).events)).toEqual([['comment-added', [{ rule: 'F3' }]]]);
  });

  it('F4: a CC\'s reply without the requester names ccReplyWithoutRequester; "public-if-only-support" is public only when it reaches nobody else', () => {
    const r = must(opened(ANN, [BOB]), email({ from: BOB, to: 'support@desk.example', cc: 'new@acme.example' }));
    expect(reasonsOf(r.events)[0]).toEqual(['comment-added', [{ rule: 'F4', setting: { name: 'ccReplyWithoutRequester', value: 'public' } }]]);
    const ctx = contextWith({ ccReplyWithoutRequester: 'public-if-only-support' });
    const withOther = must(opened(ANN, [BOB], ctx), email({ from: BOB, to: 'support@desk.example', cc: 'new@acme.example' }), ctx);
    const alone = must(opened(ANN, [BOB], ctx), email({ from: BOB, to: 'support@desk.example' }), ctx);
    expect([withOther.comment?.visibility, alone.comment?.visibility]).toEqual(['internal', 'public']);
  });
});

describe('F10, F12, F13: what the other resolutions record', () => {
  it('F10: update-recipients keeps the requester on the reply as requester, with no issue', () => {
    const { ticket, notice } = dropped();
    expect(addresses(notice.present)).toContain(ANN);
    expect(must(ticket, resolve(notice.id, 'update-recipients')).issues).toEqual([]);
  });

  it('F10: add-as-cc publishes the note by F10; a split\'s comment is added by F10', () => {
    const a = stranger();
    expect(reasonsOf(must(a.ticket, resolve(a.notice.id, 'add-as-cc')).events)[1]).toEqual(['comment-visibility-changed', [{ rule: 'F10' }]]);
    const b = dropped();
    const r = must(b.ticket, resolve(b.notice.id, 'split', { newTicketId: 'T-2' }));
    expect(reasonsOf(r.split!.events).at(-1)).toEqual(['comment-added', [{ rule: 'F10' }]]);
  });

  it('F12: make-public publishes the reply by F10 and reports nothing', () => {
    const r = must(opened(ANN, [BOB]), email({ from: ANN, to: BOB }));
    const notice = open(r.email?.notice);
    expect([notice.kind, notice.resolutions]).toEqual(['desk-not-addressed', ['make-public']]);
    const made = must(r.ticket, resolve(notice.id, 'make-public'));
    expect([made.issues, reasonsOf(made.events)]).toEqual([[], [['comment-visibility-changed', [{ rule: 'F10' }]], ['notice-resolved', null]]]);
  });

  it('F13: accept applies the reply as trusted, every change caused by the resolution, and reports nothing', () => {
    const t = opened(ANN, [BOB]);
    const held = must(t, { ...email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, new@acme.example` }), authentication: 'fail' } as Command);
    const notice = open(held.email?.notice);
    const r = must(held.ticket, resolve(notice.id, 'accept'));
    expect(r.issues).toEqual([]);
    expect(r.events.map((e) => [e.type, e.cause, 'reasons' in e ? e.reasons : null])).toEqual([
      ['added', 'notice-resolution', [{ rule: 'F5' }]],
      ['comment-visibility-changed', 'notice-resolution', [{ rule: 'F2' }]],
      ['notice-resolved', 'notice-resolution', null],
    ]);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, 'new@acme.example']);
  });

  it('F13, F4: accepting a CC\'s reply without the requester, private by the setting, changes no visibility and raises the F4 notice for the resolution', () => {
    const ctx = contextWith({ ccReplyWithoutRequester: 'private' });
    const held = must(opened(ANN, [BOB], ctx), { ...email({ from: BOB, to: 'support@desk.example' }), authentication: 'fail' } as Command, ctx);
    const r = must(held.ticket, resolve(open(held.email?.notice).id, 'accept'), ctx);
    expect(r.events.map((e) => [e.type, e.cause])).toEqual([['notice-raised', 'notice-resolution'], ['notice-resolved', 'notice-resolution']]);
    expect(r.ticket!.notices.map((n) => n.kind)).toEqual(['cc-reply-without-requester']);
  });
});

describe('H1: what a bounce records', () => {
  it('H1: a bounce marks the failed participant undeliverable by the header that made it a bounce, caused by the email and by its sender', () => {
    const t = opened(ANN, [BOB]);
    const report = 'multipart/report; report-type=delivery-status; boundary="b"';
    const daemon = { kind: 'end-user', address: 'MAILER-DAEMON@mx.desk.example' };
    const r = must(t, { ...email({ from: 'MAILER-DAEMON@mx.desk.example', to: 'support@desk.example' }), headers: { 'Content-Type': report }, failedRecipients: [BOB, 'zz@else.example'] } as Command);
    const delivery = r.events.filter((e) => e.type === 'delivery-changed');
    expect(delivery.map((e) => [e.by, e.cause, e.at, 'mailbox' in e ? e.mailbox.address : null, 'reason' in e ? e.reason : null, 'reasons' in e ? e.reasons : null])).toEqual([
      [daemon, 'inbound-email', r.events[0]!.at, BOB, 'a bounce (content-type)', [{ rule: 'H1', header: { name: 'content-type', value: report } }]],
    ]);
    const back = must(r.ticket, email({ from: BOB, to: 'support@desk.example', cc: ANN }));
    expect(back.events.filter((e) => e.type === 'delivery-changed').map((e) => ['reason' in e ? e.reason : null, 'status' in e ? e.status : null])).toEqual([['wrote in again', 'ok']]);
  });
});

describe('F6–F8: the reasons and roles of staff, BCC and third-party replies', () => {
  it('F7, F5: an agent\'s public reply names the setting and its directory entry, adds its newcomers by F5 and never its sender', () => {
    const r = must(opened(ANN, [BOB]), email({ from: 'otto@desk.example', to: ANN, cc: 'support@desk.example, new@acme.example' }));
    expect(r.comment?.authorRole).toBe('agent');
    expect(reasonsOf(r.events)).toEqual([
      ['added', [{ rule: 'F5' }]],
      ['comment-added', [{ rule: 'F7', setting: { name: 'agentEmailRepliesPublic', value: true }, directory: { address: 'otto@desk.example', kind: 'agent' } }]],
    ]);
    expect(addresses(r.ticket!.ccs)).toEqual([BOB, 'new@acme.example']);
  });

  it('F7: an agent\'s reply that reaches a CC but not the requester is public too', () => {
    const r = must(opened(ANN, [BOB]), email({ from: 'otto@desk.example', to: `support@desk.example, ${BOB}` }));
    expect(r.comment?.visibility).toBe('public');
  });

  it('F8: under "add-as-cc" the third party who is added is still a third party\'s comment', () => {
    const ctx = contextWith({ thirdPartyReply: 'add-as-cc' });
    const r = must(opened(ANN, [BOB], ctx), email({ from: 'zed@other.example', to: 'support@desk.example' }), ctx);
    expect([r.comment?.authorRole, r.comment?.visibility, addresses(r.ticket!.ccs)]).toEqual(['third-party', 'public', [BOB, 'zed@other.example']]);
  });

  it('D4: a light agent\'s reply is an agent\'s note', () => {
    const r = must(opened(ANN, [BOB]), email({ from: 'liam@desk.example', to: `support@desk.example, ${ANN}` }));
    expect([r.comment?.authorRole, r.comment?.visibility]).toEqual(['agent', 'internal']);
  });

  it('F6: a BCC\'s reply is said by F6', () => {
    const t = must(opened(ANN), edit([{ op: 'add', field: 'bcc', address: CLEO }])).ticket!;
    const r = must(t, email({ from: CLEO, to: `support@desk.example, ${ANN}` }));
    expect([r.comment?.authorRole, r.comment?.visibility, reasonsOf(r.events)]).toEqual(['bcc', 'public', [['comment-added', [{ rule: 'F6' }]]]]);
  });

  it('F8: a third party\'s reply is said by thirdPartyReply, and its notice offers to add its sender', () => {
    const { notice } = stranger();
    const r = must(opened(ANN, [BOB]), email({ from: 'zed@other.example', to: 'support@desk.example' }));
    expect(r.comment?.authorRole).toBe('third-party');
    expect(reasonsOf(r.events)[0]).toEqual(['comment-added', [{ rule: 'F8', setting: { name: 'thirdPartyReply', value: 'internal' } }]]);
    expect(addresses(notice.added)).toEqual(['zed@other.example']);
  });
});

/** Ann's ticket with Bob in CC, Otto following and Cleo in BCC. */
function crowded(context = contextWith()): Ticket {
  const t = opened(ANN, [BOB], context);
  return must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }, { op: 'add', field: 'bcc', address: CLEO }]), context).ticket!;
}
const autoReply = (fields: Parameters<typeof email>[0], extra: object = {}): Command => ({ ...email(fields), headers: { 'Auto-Submitted': 'auto-replied' }, ...extra }) as Command;
const F11_HEADER = { name: 'auto-submitted', value: 'auto-replied' };

describe('F1: the order a reply is classified in, and the role it is recorded under', () => {
  it('F1, A5: a reply from the desk\'s own address is a support note, reported, said by the address', () => {
    const r = must(crowded(), email({ from: 'support@desk.example', to: `support@desk.example, ${ANN}` }));
    expect([r.comment?.authorRole, r.comment?.visibility, r.email?.notice ?? null]).toEqual(['support', 'internal', null]);
    expect(r.issues.map((i) => [i.code, i.input, i.path])).toEqual([['support-sender', 'support@desk.example', []]]);
    expect(reasonsOf(r.events)).toEqual([['comment-added', [{ rule: 'A5', setting: { name: 'supportAddresses', value: 'support@desk.example' } }]]]);
  });

  it('F11: machine mail is kept under its sender\'s role on the ticket: follower, agent, third party, BCC', () => {
    const t = crowded();
    const roles = ['otto@desk.example', 'kate@desk.example', 'zed@other.example', CLEO].map((from) => {
      const r = must(t, autoReply({ from, to: 'support@desk.example' }));
      expect([r.comment?.visibility, r.comment?.automatic, r.email?.notice ?? null, changes(r.events)]).toEqual(['internal', true, null, []]);
      expect(reasonsOf(r.events)).toEqual([['comment-added', [{ rule: 'F11', setting: { name: 'machineMail', value: 'internal' }, header: F11_HEADER }]]]);
      return r.comment?.authorRole;
    });
    expect(roles).toEqual(['follower', 'agent', 'third-party', 'bcc']);
  });

  it('F11, D4: under machineMail "public" a customer\'s auto-reply is public, a light agent\'s stays internal, said by F11 and D4', () => {
    const ctx = contextWith({ machineMail: 'public' });
    const t = crowded(ctx);
    const ann = must(t, autoReply({ from: ANN, to: 'support@desk.example', cc: BOB }), ctx);
    expect([ann.comment?.authorRole, ann.comment?.visibility, reasonsOf(ann.events)]).toEqual(['requester', 'public', [['comment-added', [{ rule: 'F11', setting: { name: 'machineMail', value: 'public' }, header: F11_HEADER }]]]]);
    const liam = must(t, autoReply({ from: 'liam@desk.example', to: 'support@desk.example' }), ctx);
    expect([liam.comment?.authorRole, liam.comment?.visibility, reasonsOf(liam.events)]).toEqual([
      'agent',
      'internal',
      [['comment-added', [{ rule: 'F11', header: F11_HEADER }, { rule: 'D4', directory: { address: 'liam@desk.example', kind: 'light-agent' } }]]],
    ]);
  });

  it('F1, F11: machine mail that answers an internal note is a note by F1, not by machineMail', () => {
    const r = must(crowded(contextWith({ machineMail: 'public' })), autoReply({ from: ANN, to: 'support@desk.example', cc: BOB, answers: { commentId: 'c-1', visibility: 'internal' } }), contextWith({ machineMail: 'public' }));
    expect([r.comment?.authorRole, r.comment?.visibility, r.comment?.automatic, reasonsOf(r.events)]).toEqual(['requester', 'internal', true, [['comment-added', [{ rule: 'F1' }]]]]);
  });

  it('F1, F12, F13: an answer to a note that missed the desk raises the F12 notice; an unverified one the F13 notice, named after its comment', () => {
    const t = crowded();
    const missed = must(t, email({ from: ANN, to: BOB, answers: { commentId: 'c-1', visibility: 'internal' } }));
    expect([missed.comment?.visibility, missed.email?.notice?.kind, missed.email?.notice?.resolutions]).toEqual(['internal', 'desk-not-addressed', ['make-public']]);
    expect(reasonsOf(missed.events)).toEqual([['comment-added', [{ rule: 'F12' }]], ['notice-raised', [{ rule: 'F12' }]]]);
    const forged = must(t, { ...email({ from: 'kate@desk.example', to: 'support@desk.example', cc: ANN, answers: { commentId: 'c-1', visibility: 'internal' } }), authentication: 'fail', commentId: 'c-77' } as Command);
    const notice = open(forged.email?.notice);
    expect([forged.comment?.id, forged.comment?.authorRole, forged.comment?.visibility]).toEqual(['c-77', 'agent', 'internal']);
    expect([notice.id, notice.kind, notice.resolutions, notice.sender?.address, addresses(notice.present)]).toEqual(['c-77#unverified-sender', 'unverified-sender', ['accept', 'split'], 'kate@desk.example', ['kate@desk.example', ANN]]);
    expect(reasonsOf(forged.events)).toEqual([
      ['comment-added', [{ rule: 'F13', setting: { name: 'unauthenticatedMail', value: 'note' } }]],
      ['notice-raised', [{ rule: 'F13', setting: { name: 'unauthenticatedMail', value: 'note' } }]],
    ]);
  });

  it('F1: an answer to a public comment is classified like any reply', () => {
    const r = must(crowded(), email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, new@acme.example`, answers: { commentId: 'c-1', visibility: 'public' } }));
    expect([r.comment?.visibility, changes(r.events)]).toEqual(['public', [['added', 'cc', 'new@acme.example']]]);
  });

  it('F7: a follower\'s reply-all is a note said by F7 with the follower\'s directory entry', () => {
    const r = must(crowded(), email({ from: 'otto@desk.example', to: `support@desk.example, ${ANN}`, cc: 'new@acme.example' }));
    expect([r.comment?.authorRole, r.comment?.visibility, changes(r.events)]).toEqual(['follower', 'internal', []]);
    expect(reasonsOf(r.events)).toEqual([['comment-added', [{ rule: 'F7', directory: { address: 'otto@desk.example', kind: 'agent' } }]]]);
  });
});

/** A ticket imported without a requester: Bob and Cleo in CC, Dan in BCC (only an import makes one). */
function noRequester(): Ticket {
  return must(null, { type: 'import-ticket', ticketId: 'T-9', participants: { ccs: [BOB, CLEO], bccs: ['dan@acme.example'] }, by: { kind: 'system' }, at: at() } as Command).ticket!;
}

describe('F4, F6, F7: a ticket without a requester', () => {
  it('F4: a CC\'s reply that drops a CC lists only that CC as missing (there is no requester to miss)', () => {
    const r = must(noRequester(), email({ from: BOB, to: 'support@desk.example', cc: 'new@acme.example' }));
    const notice = open(r.email?.notice);
    expect([notice.kind, addresses(notice.missing), addresses(notice.added), notice.resolutions]).toEqual(['cc-reply-without-requester', [CLEO], ['new@acme.example'], ['split']]);
    expect([r.comment?.visibility, r.ticket!.requester]).toEqual(['public', null]);
  });

  it('F7, F6: an agent\'s reply reaching a CC is public; a BCC\'s reply-all reaches no requester and is internal', () => {
    const t = noRequester();
    expect(must(t, email({ from: 'otto@desk.example', to: `support@desk.example, ${BOB}` })).comment?.visibility).toBe('public');
    const bcc = must(t, email({ from: 'dan@acme.example', to: `support@desk.example, ${BOB}` }));
    expect([bcc.comment?.authorRole, bcc.comment?.visibility, changes(bcc.events)]).toEqual(['bcc', 'internal', []]);
  });
});

// H5: Ann and Bob each write from work and from home.
const twoAddresses = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate' },
  { address: ANN, addresses: ['ann@home.example'], kind: 'end-user', name: 'Ann' },
  { address: BOB, addresses: ['bob@home.example'], kind: 'end-user' },
]);
const withAliases = (overrides: object = {}): TicketContext => ({ settings: { ...defaultSettings, supportAddresses: SUPPORT, ...overrides }, directory: twoAddresses });
const moves = (events: readonly TicketEvent[]) => events.flatMap((e) => (e.type === 'address-changed' ? [[e.mailbox.address, e.mailbox.name, e.mailbox.key, e.cause, e.reasons]] : []));

describe('H5: where a participant is reached after writing from another address', () => {
  const annsTicket = () => must(null, { ...email({ from: `Ann <${ANN}>`, to: 'support@desk.example', cc: `Bobby <${BOB}>, ${CLEO}` }), newTicketId: 'T-1' } as Command, withAliases()).ticket!;

  it('H5: the move comes before the comment and its notice, keeps the name the ticket had when the mail gives none, and takes the one it gives', () => {
    const t = annsTicket();
    const noName = must(t, email({ from: 'ann@home.example', to: 'support@desk.example' }), withAliases());
    expect(noName.events.map((e) => e.type)).toEqual(['address-changed', 'comment-added', 'notice-raised']);
    expect(moves(noName.events)).toEqual([['ann@home.example', 'Ann', ANN, 'inbound-email', [{ rule: 'H5' }]]]);
    const named = must(t, email({ from: 'Ann H <ann@home.example>', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), withAliases());
    expect(named.events.map((e) => e.type)).toEqual(['address-changed', 'comment-added']);
    expect(named.ticket!.requester).toEqual({ address: 'ann@home.example', name: 'Ann H', key: ANN });
  });

  it('H5: the address she is reached at written in other case is no move; a CC moves too', () => {
    const t = annsTicket();
    expect(moves(must(t, email({ from: 'ANN@ACME.example', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), withAliases()).events)).toEqual([]);
    const bob = must(t, email({ from: 'bob@home.example', to: 'support@desk.example', cc: `${ANN}, ${CLEO}` }), withAliases());
    expect(moves(bob.events)).toEqual([['bob@home.example', 'Bobby', BOB, 'inbound-email', [{ rule: 'H5' }]]]);
    expect(addresses(bob.ticket!.ccs)).toEqual(['bob@home.example', CLEO]);
  });

  it('H5, F13: a Reply-To naming her other address is no Reply-To conflict, and the notice lists her once though both her addresses are on the reply', () => {
    const r = must(annsTicket(), { ...email({ from: ANN, to: 'support@desk.example, ann@home.example' }), replyTo: 'ann@home.example' } as Command, withAliases());
    expect(r.issues).toEqual([]);
    expect(addresses(open(r.email?.notice).present)).toEqual([ANN]);
    expect(addresses(r.comment?.to ?? [])).toEqual(['support@desk.example', 'ann@home.example']);
  });

  it('H5: the move comes after the recipient changes the reply makes, right before its comment', () => {
    const r = must(annsTicket(), email({ from: 'ann@home.example', to: 'support@desk.example', cc: `${BOB}, ${CLEO}, new@acme.example` }), withAliases());
    expect(r.events.map((e) => e.type)).toEqual(['added', 'address-changed', 'comment-added']);
  });

  it('H1, H5: with people of several addresses, a bounce for a CC holds that CC back (not only the requester), and one for a stranger changes nothing', () => {
    const bounce = { ...email({ from: 'MAILER-DAEMON@mx.example', to: 'support@desk.example' }), headers: { 'Content-Type': 'multipart/report; report-type=delivery-status; boundary="b"' }, failedRecipients: [BOB, 'zz@else.example'] } as Command;
    const r = must(annsTicket(), bounce, withAliases());
    expect(r.events.map((e) => [e.type, 'mailbox' in e ? e.mailbox.address : null])).toEqual([['comment-added', null], ['delivery-changed', BOB]]);
    expect(r.ticket!.heldBack.map((h) => [h.mailbox.address, h.reason])).toEqual([[BOB, 'undeliverable']]);
  });

  it('H5, F1, F13: with people of several addresses, a reply with no usable From is still an unknown sender\'s, and a Reply-To naming someone else is still reported', () => {
    const t = annsTicket();
    const unknown = must(t, { ...email({ from: 'not an address', to: 'support@desk.example' }), replyTo: 'x@evil.example' } as Command, withAliases());
    expect([unknown.comment?.authorRole, unknown.issues.map((i) => i.code)]).toEqual(['unknown', ['invalid-address']]);
    const other = must(t, { ...email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), replyTo: 'x@evil.example' } as Command, withAliases());
    expect(other.issues.map((i) => [i.code, i.input])).toEqual([['reply-to-differs', 'x@evil.example']]);
  });

  it('H5, F13: a Reply-To naming her other address and someone else is reported, naming the someone else', () => {
    const r = must(annsTicket(), { ...email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), replyTo: 'ann@home.example, x@evil.example' } as Command, withAliases());
    expect(r.issues.map((i) => [i.code, i.input, 'header' in i ? i.header : null])).toEqual([['reply-to-differs', 'ann@home.example, x@evil.example', 'reply-to']]);
    expect(r.issues[0]?.message).toContain('x@evil.example');
  });

  it('H5, D2: a denylisted address of hers still reaches the requester (the requester may be one); a CC\'s stays where it was', () => {
    const t = annsTicket();
    const deny = withAliases({ denylist: ['home.example'] });
    expect(must(t, email({ from: 'ann@home.example', to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }), deny).ticket!.requester?.address).toBe('ann@home.example');
    const bob = must(t, email({ from: 'bob@home.example', to: 'support@desk.example', cc: `${ANN}, ${CLEO}` }), deny);
    expect([moves(bob.events), addresses(bob.ticket!.ccs)]).toEqual([[], [BOB, CLEO]]);
  });
});

describe('F5: new addresses when CCs by email are off', () => {
  it('F5, D4: with emailCcsEnabled off, each newcomer of a reply is reported for the cc field and nobody is added', () => {
    const ctx = contextWith({ emailCcsEnabled: false });
    const r = must(opened(ANN, [BOB]), email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, new@acme.example, two@acme.example` }), ctx);
    expect(r.issues.map((i) => [i.code, i.input, i.path, 'field' in i ? i.field : null])).toEqual([
      ['ccs-disabled', 'new@acme.example', [], 'cc'],
      ['ccs-disabled', 'two@acme.example', [], 'cc'],
    ]);
    expect([changes(r.events), r.comment?.visibility]).toEqual([[], 'public']);
  });
});

describe('F10, F13: what accepting and splitting record', () => {
  it('F13, F3: accepting the requester\'s reply that dropped a CC publishes it and raises the F3 notice on the published reply', () => {
    const held = must(opened(ANN, [BOB, CLEO]), { ...email({ from: ANN, to: 'support@desk.example', cc: CLEO }), authentication: 'fail', commentId: 'c-5' } as Command);
    const r = must(held.ticket, resolve(open(held.email?.notice).id, 'accept'));
    const f3 = [{ rule: 'F3', setting: { name: 'onDroppedRecipients', value: 'notify' } }];
    expect(reasonsOf(r.events)).toEqual([['comment-visibility-changed', f3], ['notice-raised', f3], ['notice-resolved', null]]);
    const [notice] = r.ticket!.notices;
    expect([notice?.id, notice?.kind, notice?.comment.visibility, notice?.sender?.address, addresses(notice?.present ?? []), addresses(notice?.missing ?? [])]).toEqual(['c-5#recipients-changed', 'recipients-changed', 'public', ANN, [ANN, CLEO], [BOB]]);
  });

  it('F10: a split starts its ticket from nobody: the reply\'s other addresses fill the CC limit exactly', () => {
    const ctx = contextWith({ ccLimit: 2 });
    const t = opened(ANN, [BOB], ctx);
    const r0 = must(t, email({ from: ANN, to: 'support@desk.example', cc: `${CLEO}, dan@acme.example` }), ctx);
    const r = must(r0.ticket, resolve(open(r0.email?.notice).id, 'split', { newTicketId: 'T-2' }), ctx);
    expect([r.issues, r.splitTicket!.requester?.address, addresses(r.splitTicket!.ccs)]).toEqual([[], ANN, [CLEO, 'dan@acme.example']]);
  });
});

describe('F14: an agent\'s opening email with no customer in To', () => {
  it('F14: only staff and the desk in To (the customer in Cc, the agent naming herself): the agent is the requester, the others CCs', () => {
    const ctx = contextWith({ agentOpensTicketFor: 'customer' });
    const r = opening({ from: 'otto@desk.example', to: 'otto@desk.example, support@desk.example, kate@desk.example', cc: ANN }, {}, ctx);
    expect([r.ticket!.requester?.address, addresses(r.ticket!.ccs), r.comment?.authorRole, r.comment?.visibility]).toEqual(['otto@desk.example', ['kate@desk.example', ANN], 'agent', 'public']);
    expect(r.issues).toEqual([]);
  });
});

describe('F0, F1: an opening email without a usable From', () => {
  it('F1: it opens a ticket named after its Message-ID, with nobody on it and an unknown-sender note by the system', () => {
    const r = must(null, email({ from: 'not an address', to: 'support@desk.example', cc: BOB, id: '<m1@x.example>' }));
    expect([r.email?.outcome, r.ticket!.id, r.ticket!.requester, r.ticket!.ccs, r.issues.map((i) => i.code)]).toEqual(['opened', '<m1@x.example>', null, [], ['invalid-address']]);
    expect([r.comment?.authorRole, r.comment?.visibility, r.email?.notice?.kind, r.email?.notice?.resolutions]).toEqual(['unknown', 'internal', 'unknown-sender', []]);
    expect(r.events.map((e) => [e.type, e.by])).toEqual([['ticket-opened', { kind: 'system' }], ['comment-added', { kind: 'system' }], ['notice-raised', { kind: 'system' }]]);
  });
});

describe('F5, F6: a BCC named openly on a reply', () => {
  it('F5: a BCC the requester copies openly becomes a CC (no longer a BCC)', () => {
    const t = must(opened(ANN, [BOB]), edit([{ op: 'add', field: 'bcc', address: CLEO }])).ticket!;
    const r = must(t, email({ from: ANN, to: 'support@desk.example', cc: `${BOB}, ${CLEO}` }));
    expect(changes(r.events)).toEqual([['removed', 'bcc', CLEO], ['added', 'cc', CLEO]]);
    expect([addresses(r.ticket!.ccs), r.ticket!.bccs]).toEqual([[BOB, CLEO], []]);
  });
});

describe('F7: a follower the directory no longer lists', () => {
  it('F7: their reply is still a follower\'s note, said with the kind an agent follows as', () => {
    const t = must(opened(ANN), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    const gone: TicketContext = { ...contextWith(), directory: createDirectory([{ address: 'kate@desk.example', kind: 'agent', id: 'kate' }]) };
    const r = must(t, email({ from: 'otto@desk.example', to: 'support@desk.example' }), gone);
    expect([r.comment?.authorRole, r.comment?.visibility, reasonsOf(r.events)]).toEqual(['follower', 'internal', [['comment-added', [{ rule: 'F7', directory: { address: 'otto@desk.example', kind: 'agent' } }]]]]);
  });
});
