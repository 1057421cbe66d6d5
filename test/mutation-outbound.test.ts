// Behaviour pinned after mutation testing of src/outbound: recipients for one reply (H3) as
// planned, the checks a plan starts with, one reason per person, notifications' shape, and
// every optional field toNodemailer passes through or leaves out.
import { describe, expect, it } from 'vitest';
import { createDirectory, planDelivery, planNotification, toNodemailer, type Command, type DeliveryPlan, type Mailbox, type OutboundMessage, type Ticket, type TicketContext } from '../src/index.js';
import { agent, at, contextWith, edit, email, must, opened } from './support/tickets.js';

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: unknown }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const codes = (r: { ok: boolean; error?: readonly { code: string; path: readonly (string | number)[] }[] }) => (r.ok ? [] : (r.error ?? []).map((i) => [i.code, i.path.join('.')]));
const envelopes = (p: DeliveryPlan) => p.messages.map((m) => [m.kind, m.envelope.map((e) => e.address)]);

/** Ann's ticket with Bob (CC), Mia (BCC) and Otto (follower). */
const ticket = (): Ticket => must(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }, { op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;

describe('H3: recipients for one reply, as planned', () => {
  const reply = (recipients: object, visibility: 'public' | 'internal' = 'public') => must(ticket(), { type: 'write-comment', commentId: 'c-1', visibility, by: agent, at: at(), recipients } as never);

  it('H3: a one-time CC is in the Cc header and the envelope; a one-time BCC in the envelope only', () => {
    const r = reply({ cc: ['law@firm.example'], bcc: ['audit@firm.example'] });
    const m = r.plans[0]!.messages.find((x) => x.kind === 'customer-reply')!;
    expect(m.recipients.cc.map((x) => x.address)).toEqual(['bob@acme.example', 'law@firm.example']);
    expect(m.envelope.map((x) => x.address)).toEqual(['ann@acme.example', 'bob@acme.example', 'law@firm.example', 'mia@desk.example', 'audit@firm.example']);
  });

  it('H3: an internal note reaches no one-time CC or BCC, even one stored on it', () => {
    expect(() => reply({ cc: ['law@firm.example'] }, 'internal')).toThrow(/invalid-command/);
    const law = { address: 'law@firm.example', name: null, key: 'law@firm.example' };
    const p = ok(planDelivery(ticket(), { id: 'n', visibility: 'internal', oneTime: { cc: [law], bcc: [law], leftOut: [] } } as never, contextWith()));
    expect(envelopes(p)).toEqual([['follower-notification', ['otto@desk.example']]]);
  });

  it('H3: a customer left out gets nothing and is not named in the headers; a follower left out misses their notification', () => {
    const r = reply({ leaveOut: ['bob@acme.example', 'otto@desk.example'] });
    const p = r.plans[0]!;
    expect(envelopes(p)).toEqual([['customer-reply', ['ann@acme.example', 'mia@desk.example']]]);
    expect(p.messages[0]!.recipients.cc).toEqual([]);
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind])).toEqual([
      ['bob@acme.example', 'left-out', 'customer-reply'],
      ['otto@desk.example', 'left-out', 'follower-notification'],
    ]);
  });

  it('H3: a follower who is also a customer left out is left out of the customer reply', () => {
    const t = must(ticket(), edit([{ op: 'add', field: 'cc', address: 'kate@desk.example' }, { op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket!;
    // Written by Mia: Kate, as the author, would have it already (B7).
    const r = must(t, { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: { kind: 'admin', id: 'mia' }, at: at(), recipients: { leaveOut: ['kate@desk.example'] } } as never);
    expect(r.plans[0]!.leftOut.map((l) => [l.mailbox.address, l.messageKind])).toEqual([['kate@desk.example', 'customer-reply']]);
  });

  it('H3: with two followers and two BCCs, a left-out follower misses their notification and a left-out BCC who also follows misses the customer reply', () => {
    const t = must(ticket(), edit([{ op: 'add', field: 'bcc', address: 'kate@desk.example' }, { op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket!;
    expect([t.bccs.map((m) => m.address), t.followers.map((m) => m.address)]).toEqual([['mia@desk.example', 'kate@desk.example'], ['otto@desk.example', 'kate@desk.example']]);
    const r = must(t, { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: { kind: 'admin', id: 'mia' }, at: at(), recipients: { leaveOut: ['otto@desk.example', 'kate@desk.example'] } } as never);
    expect(r.plans[0]!.leftOut.map((l) => [l.mailbox.address, l.messageKind])).toEqual([
      ['otto@desk.example', 'follower-notification'],
      ['kate@desk.example', 'customer-reply'],
    ]);
  });

  it('H3: one-time recipients of the wrong shape on a stored comment count as none', () => {
    const t = ticket();
    for (const oneTime of [null, 'x', { cc: 'law@firm.example' }, { cc: [{ address: 'law@firm.example' }], bcc: [{ key: 'k' }], leaveOut: [null] }]) {
      const p = ok(planDelivery(t, { id: 'c-1', visibility: 'public', oneTime } as never, contextWith()));
      expect(envelopes(p)).toEqual([['customer-reply', ['ann@acme.example', 'bob@acme.example', 'mia@desk.example']], ['follower-notification', ['otto@desk.example']]]);
    }
  });
});

describe('B1–B10: the checks a plan starts with', () => {
  it('B8: a comment without a string id or with an unknown visibility is refused at comment', () => {
    expect(codes(planDelivery(ticket(), { id: 5, visibility: 'public' } as never, contextWith()))).toEqual([['wrong-type', 'comment']]);
    expect(codes(planDelivery(ticket(), { id: 'c', visibility: 'secret' } as never, contextWith()))).toEqual([['wrong-type', 'comment']]);
    expect(codes(planNotification(ticket(), { id: 'c', visibility: 'secret' } as never, 'requester', contextWith()))).toEqual([['wrong-type', 'comment']]);
    expect(ok(planDelivery(ticket(), { id: 'c', visibility: 'internal' }, contextWith())).visibility).toBe('internal');
  });

  it('B10: a suppression list that is not a list is refused at suppressed', () => {
    expect(codes(planDelivery(ticket(), { id: 'c', visibility: 'public' }, contextWith(), { suppressed: 'ann@acme.example' } as never))).toEqual([['wrong-type', 'suppressed']]);
  });

  it('B8: a context with bad settings is refused, not planned', () => {
    const r = planDelivery(ticket(), { id: 'c', visibility: 'public' }, { ...contextWith(), settings: { ...contextWith().settings, ccLimit: -1 } });
    expect(r.ok).toBe(false);
  });

  it('B7: who was on an inbound email is read from well-formed mailboxes only', () => {
    const p = ok(planDelivery(ticket(), { id: 'c', visibility: 'public', to: [null, 'x', { key: 'bob@acme.example' }], cc: 'nobody' } as never, contextWith()));
    expect(envelopes(p)[0]).toEqual(['customer-reply', ['ann@acme.example', 'mia@desk.example']]);
  });

  it('B10: one reason per person: undeliverable is kept over a later suppression', () => {
    const dead = must(ticket(), { type: 'report-delivery', address: 'bob@acme.example', status: 'undeliverable', by: { kind: 'system' }, at: at() }).ticket!;
    const p = ok(planDelivery(dead, { id: 'c', visibility: 'public' }, contextWith(), { suppressed: ['bob@acme.example'] }));
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason])).toEqual([['bob@acme.example', 'undeliverable']]);
  });

  it('B10: when every customer is held back, there is no customer message at all', () => {
    const p = ok(planDelivery(ticket(), { id: 'c', visibility: 'public' }, contextWith(), { suppressed: ['ann@acme.example', 'bob@acme.example', 'mia@desk.example'] }));
    expect(envelopes(p)).toEqual([['follower-notification', ['otto@desk.example']]]);
  });

  it('B4: an agent CC gets an internal note as its own internal-note message', () => {
    const t = must(ticket(), edit([{ op: 'add', field: 'cc', address: 'kate@desk.example' }])).ticket!;
    const p = ok(planDelivery(t, { id: 'n', visibility: 'internal' }, contextWith({ internalNotesToStaffCcs: true })));
    expect(envelopes(p)).toEqual([['internal-note', ['kate@desk.example']], ['follower-notification', ['otto@desk.example']]]);
    expect(p.messages[0]!.carries).toEqual({ commentId: 'n', conversation: 'none', exclude: [] });
  });
});

describe('B5: a held reply', () => {
  it('F3: a reply under an open notice lists as held only those it did not reach; who was on it is not listed', () => {
    const t = must(opened('ann@acme.example', ['bob@acme.example', 'cleo@acme.example']), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }])).ticket!;
    const held = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'cleo@acme.example' }));
    expect(held.plans.map((p) => [p.messages, p.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind])])).toEqual([
      [[], [['bob@acme.example', 'held-reply', 'customer-reply'], ['mia@desk.example', 'held-reply', 'customer-reply']]],
    ]);
  });
});

describe('B6: a notification\'s shape', () => {
  it('B6: one notification message that carries the public conversation, without the held and internal comments', () => {
    const p = ok(planNotification(ticket(), { id: 'c-3', visibility: 'public' }, 'requester-and-ccs', contextWith()));
    expect(p.messages.map((m) => [m.kind, m.recipients.to.map((x) => x.address), m.recipients.cc.map((x) => x.address), m.carries])).toEqual([
      ['notification', ['ann@acme.example'], ['bob@acme.example'], { commentId: 'c-3', conversation: 'public', exclude: [] }],
    ]);
    expect(codes(planNotification(ticket(), { id: 'c-3', visibility: 'public' }, 'requester', { ...contextWith(), settings: { ...contextWith().settings, ccLimit: -1 } })).length).toBeGreaterThan(0);
  });
});

describe('B8: toNodemailer passes each optional field through, and only when given', () => {
  const message = (): OutboundMessage => ok(planDelivery(ticket(), { id: 'c', visibility: 'public' }, contextWith())).messages[0]!;

  it('B8: every field given is passed; references as a string or a copy of the list', () => {
    const fields = { from: 'support@desk.example', replyTo: { name: 'Desk', address: 'reply+1@in.desk.example' }, subject: 'Re: x', messageId: '<m@desk>', inReplyTo: '<a@mail>', references: ['<a@mail>'], text: 't', html: '<p>t</p>' };
    const mail = ok(toNodemailer(message(), fields));
    expect(mail).toMatchObject({ replyTo: { name: 'Desk', address: 'reply+1@in.desk.example' }, subject: 'Re: x', messageId: '<m@desk>', inReplyTo: '<a@mail>', references: ['<a@mail>'], text: 't', html: '<p>t</p>' });
    expect(mail.references).not.toBe(fields.references);
    expect(ok(toNodemailer(message(), { ...fields, references: '<a@mail> <b@mail>', replyTo: 'reply+1@in.desk.example' }))).toMatchObject({ references: '<a@mail> <b@mail>', replyTo: 'reply+1@in.desk.example' });
  });

  it('B8: fields not given are absent, and an empty Cc is no cc at all', () => {
    const mail = ok(toNodemailer(message(), { from: { name: 'Desk', address: 'support@desk.example' } }));
    expect(Object.keys(mail).sort()).toEqual(['cc', 'envelope', 'from', 'to']);
    expect(mail.envelope.from).toBe('support@desk.example');
    const alone = ok(planDelivery(opened('zoe@acme.example'), { id: 'c', visibility: 'public' }, contextWith())).messages[0]!;
    expect(Object.keys(ok(toNodemailer(alone, { from: 'support@desk.example' }))).sort()).toEqual(['envelope', 'from', 'to']);
  });

  it('B8: a name-less recipient is given with an empty name; the kinds are the four a plan makes', () => {
    const m = message();
    expect(ok(toNodemailer(m, { from: 'support@desk.example' })).to).toEqual([{ name: '', address: 'ann@acme.example' }]);
    expect(toNodemailer({ ...m, kind: 'notification' }, { from: 'support@desk.example' }).ok).toBe(true);
    expect(toNodemailer({ ...m, kind: 'other' } as never, { from: 'support@desk.example' }).ok).toBe(false);
    expect(toNodemailer({ ...m, recipients: { ...m.recipients, to: [{ name: null, address: '' }] } }, { from: 'support@desk.example' }).ok).toBe(false);
    expect(toNodemailer(m, { from: 'support@desk.example', subject: 'a\r\nBcc: x@y.example' }).ok).toBe(false);
  });
});

describe('H3, B10: one-time recipients and held-back people, further cases', () => {
  const mailbox = (address: string) => ({ address, name: null, key: address }) as unknown as Mailbox;

  it('H3: a one-time CC or BCC that is not a header-safe address, on a stored comment, reaches no header and no envelope', () => {
    const law = mailbox('law@firm.example');
    const p = ok(planDelivery(ticket(), { id: 'c', visibility: 'public', oneTime: { cc: [null, mailbox('x\r\n@firm.example'), law], bcc: [null, mailbox('y\r\n@firm.example')], leftOut: [null] } } as never, contextWith()));
    const reply = p.messages[0]!;
    expect(reply.headers.cc).toBe('bob@acme.example, law@firm.example');
    expect(reply.recipients.cc.map((x) => x.address)).toEqual(['bob@acme.example', 'law@firm.example']);
    expect(reply.envelope.map((x) => x.address)).toEqual(['ann@acme.example', 'bob@acme.example', 'law@firm.example', 'mia@desk.example']);
  });

  it('H3: a one-time CC who is also left out of the reply is neither in its Cc header nor its envelope', () => {
    const law = mailbox('law@firm.example');
    const p = ok(planDelivery(ticket(), { id: 'c', visibility: 'public', oneTime: { cc: [law], bcc: [], leftOut: [law] } }, contextWith()));
    expect(p.messages[0]!.headers.cc).toBe('bob@acme.example');
    expect(envelopes(p)[0]).toEqual(['customer-reply', ['ann@acme.example', 'bob@acme.example', 'mia@desk.example']]);
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind, l.reasons])).toEqual([['law@firm.example', 'left-out', 'customer-reply', [{ rule: 'H3' }]]]);
  });

  it('H3: a follower who is also the BCC, or the requester, left out of one reply, is left out of the customer reply', () => {
    const t = must(ticket(), edit([{ op: 'add', field: 'follower', address: 'mia@desk.example' }])).ticket!;
    const mia = t.bccs[0]!;
    expect(ok(planDelivery(t, { id: 'c', visibility: 'public', oneTime: { cc: [], bcc: [], leftOut: [mia] } }, contextWith())).leftOut.map((l) => [l.mailbox.address, l.messageKind])).toEqual([['mia@desk.example', 'customer-reply']]);
    const otto = t.followers[0]!;
    const asRequester = { ...t, requester: otto };
    expect(ok(planDelivery(asRequester, { id: 'c', visibility: 'public', oneTime: { cc: [], bcc: [], leftOut: [otto] } }, contextWith())).leftOut.map((l) => [l.mailbox.address, l.messageKind])).toEqual([['otto@desk.example', 'customer-reply']]);
  });

  it('B10: an agent CC muted on the ticket gets no internal note, and the plan says so for the note', () => {
    const withKate = must(ticket(), edit([{ op: 'add', field: 'cc', address: 'kate@desk.example' }])).ticket!;
    const t = { ...withKate, heldBack: [{ mailbox: withKate.ccs[1]!, reason: 'muted' as const, detail: '' }] };
    const p = ok(planDelivery(t, { id: 'n', visibility: 'internal' }, contextWith({ internalNotesToStaffCcs: true })));
    expect(envelopes(p)).toEqual([['follower-notification', ['otto@desk.example']]]);
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind, l.reasons])).toEqual([['kate@desk.example', 'muted', 'internal-note', [{ rule: 'H2' }]]]);
  });

  it('B5, B10: a held reply lists a muted customer as muted, not as held', () => {
    const t = must(opened('ann@acme.example', ['bob@acme.example', 'cleo@acme.example']), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }])).ticket!;
    const held = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'cleo@acme.example' }));
    const muted = { ...held.ticket!, heldBack: [{ mailbox: t.ccs[0]!, reason: 'muted' as const, detail: '' }] };
    const p = ok(planDelivery(muted, held.email!.comment!, contextWith()));
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason, l.reasons])).toEqual([
      ['bob@acme.example', 'muted', [{ rule: 'H2' }]],
      ['mia@desk.example', 'held-reply', [{ rule: 'B5' }]],
    ]);
  });

  it('B8: a comment that is not an object is refused at comment, by both plans, never thrown', () => {
    expect(codes(planDelivery(ticket(), null as never, contextWith()))).toEqual([['wrong-type', 'comment']]);
    expect(codes(planNotification(ticket(), null as never, 'requester', contextWith()))).toEqual([['wrong-type', 'comment']]);
  });

  it('B8: a Reply-To mailbox without a name is given with an empty name', () => {
    const m = ok(planDelivery(ticket(), { id: 'c', visibility: 'public' }, contextWith())).messages[0]!;
    expect(ok(toNodemailer(m, { from: 'support@desk.example', replyTo: { name: null, address: 'reply+1@in.desk.example' } })).replyTo).toEqual({ name: '', address: 'reply+1@in.desk.example' });
  });
});

describe('H5, B7, B10: one copy per person, whichever address', () => {
  const people = createDirectory([
    { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
    { address: 'otto@desk.example', kind: 'agent', id: 'otto' },
    { address: 'ann@acme.example', addresses: ['ann@home.example'], kind: 'end-user' },
    { address: 'ivan@work.example', addresses: ['ivan@home.example'], preferred: 'ivan@work.example', kind: 'end-user' },
  ]);
  const ctx = (settings: object = {}): TicketContext => ({ ...contextWith(settings), directory: people });
  const annTicket = (): Ticket => must(opened('ann@acme.example', ['bob@acme.example'], ctx()), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), ctx()).ticket!;

  it('B7, H5: the requester replying all from her other address: nobody on the email gets a copy, followers still hear of it', () => {
    const r = must(annTicket(), email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example' }), ctx());
    expect(r.plans.map(envelopes)).toEqual([[['follower-notification', ['otto@desk.example']]]]);
  });

  it('B10, H5: a suppressed address holds the person back, whichever of their addresses the ticket reaches', () => {
    const p = ok(planDelivery(annTicket(), { id: 'c', visibility: 'public' }, ctx(), { suppressed: ['ann@home.example'] }));
    expect(envelopes(p)[0]).toEqual(['customer-reply', ['bob@acme.example']]);
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason])).toEqual([['ann@acme.example', 'suppressed']]);
  });

  it('B10, H5: a person held back or failing under one address on a ticket from before the directory knew both is held back under the other', () => {
    const t = annTicket();
    const home = { address: 'ann@home.example', name: null, key: 'ann@home.example' } as unknown as Mailbox;
    const muted = ok(planDelivery({ ...t, heldBack: [{ mailbox: home, reason: 'muted', detail: '' }] }, { id: 'c', visibility: 'public' }, ctx()));
    expect(muted.leftOut.map((l) => [l.mailbox.address, l.reason])).toEqual([['ann@acme.example', 'muted']]);
    const failing = ok(planDelivery({ ...t, heldBack: [{ mailbox: home, reason: 'failing', detail: 'soft bounce' }] }, { id: 'c', visibility: 'public' }, ctx()));
    expect(failing.warnings.map((w) => [w.mailbox.address, w.detail])).toEqual([['ann@acme.example', 'soft bounce']]);
    // Who was on an inbound email under her other address has it already (B7).
    const served = ok(planDelivery(t, { id: 'c', visibility: 'public', to: [home] }, ctx()));
    expect(envelopes(served)[0]).toEqual(['customer-reply', ['bob@acme.example']]);
  });

  it('H5, D2: a preferred address on the denylist is not sent to (but for the requester); the address the ticket keeps is', () => {
    const withIvan = (t: Ticket) => must(t, edit([{ op: 'add', field: 'cc', address: 'ivan@home.example' }]), ctx()).ticket!;
    const denied = ctx({ denylist: ['ivan@work.example'] });
    const asCc = ok(planDelivery(withIvan(annTicket()), { id: 'c', visibility: 'public' }, denied));
    expect(asCc.messages[0]!.headers.cc).toBe('bob@acme.example, ivan@home.example');
    expect(ok(planDelivery(withIvan(annTicket()), { id: 'c', visibility: 'public' }, ctx())).messages[0]!.headers.cc).toBe('bob@acme.example, ivan@work.example');
    const ivanAsks = must(null, { ...email({ from: 'ivan@home.example', to: 'support@desk.example' }), newTicketId: 'T-2' } as Command, ctx()).ticket!;
    expect(ok(planDelivery(ivanAsks, { id: 'c', visibility: 'public' }, denied)).messages[0]!.headers.to).toBe('ivan@work.example');
  });
});

describe('B1–B6: plans for tickets at the edges', () => {
  it('B1: a ticket without a requester (imported) sends its reply to the CCs, with an empty To', () => {
    const t = { ...ticket(), requester: null };
    const p = ok(planDelivery(t, { id: 'c', visibility: 'public' }, contextWith()));
    expect(p.messages.map((m) => [m.kind, m.headers.to, m.recipients.to, m.headers.cc])).toEqual([
      ['customer-reply', '', [], 'bob@acme.example'],
      ['follower-notification', 'otto@desk.example', [{ name: null, address: 'otto@desk.example' }], ''],
    ]);
  });

  it('H3: the requester left out of one reply is not in its To header; someone left out twice is listed once', () => {
    const t = ticket();
    const p = ok(planDelivery(t, { id: 'c', visibility: 'public', oneTime: { cc: [], bcc: [], leftOut: [t.requester!, t.requester!] } }, contextWith()));
    expect(p.messages[0]!.headers.to).toBe('');
    expect(p.messages[0]!.recipients.to).toEqual([]);
    expect(envelopes(p)[0]).toEqual(['customer-reply', ['bob@acme.example', 'mia@desk.example']]);
    expect(p.leftOut.map((l) => l.mailbox.address)).toEqual(['ann@acme.example']);
  });

  it('B5: a message that carries no conversation lists nothing to leave out of it', () => {
    const t = { ...ticket(), internalComments: ['old'] };
    const p = ok(planDelivery(t, { id: 'c', visibility: 'public' }, contextWith()));
    expect(p.messages.map((m) => [m.kind, m.carries])).toEqual([
      ['customer-reply', { commentId: 'c', conversation: 'public', exclude: ['old'] }],
      ['follower-notification', { commentId: 'c', conversation: 'none', exclude: [] }],
    ]);
  });

  it('B6, B10: a notification whose every recipient is held back is no message at all', () => {
    const t = ticket();
    const p = ok(planNotification(t, { id: 'c', visibility: 'public' }, 'requester-and-ccs', contextWith(), { suppressed: ['ann@acme.example', 'bob@acme.example'] }));
    expect(p.messages).toEqual([]);
    expect(p.leftOut.map((l) => [l.mailbox.address, l.reason, l.messageKind])).toEqual([
      ['ann@acme.example', 'suppressed', 'notification'],
      ['bob@acme.example', 'suppressed', 'notification'],
    ]);
  });

  it('B9: a reply on a ticket over a lowered CC limit is accepted but planned to nobody', () => {
    const t = opened('ann@acme.example', ['b@acme.example', 'c@acme.example', 'd@acme.example']);
    const r = must(t, { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: agent, at: at() }, contextWith({ ccLimit: 1 }));
    expect(r.comment?.id).toBe('c-1');
    expect(r.plans).toEqual([]);
  });
});

describe('B8: a Reply-To given as text is checked like any header', () => {
  it('B8: an empty Reply-To or one with a line break is refused, never sent', () => {
    const m = ok(planDelivery(ticket(), { id: 'c', visibility: 'public' }, contextWith())).messages[0]!;
    expect(codes(toNodemailer(m, { from: 'support@desk.example', replyTo: '' }))).not.toEqual([]);
    expect(codes(toNodemailer(m, { from: 'support@desk.example', replyTo: 'reply@desk.example\r\nBcc: x@y.example' }))).not.toEqual([]);
    expect(ok(toNodemailer(m, { from: 'support@desk.example', replyTo: 'Desk <reply@desk.example>' })).replyTo).toBe('Desk <reply@desk.example>');
  });
});

describe('B6 B8 I12: plans with nothing to send are empty through, and a notification checks a stored ticket in full', () => {
  it('B8: an automatic comment is planned as an empty plan: no message, nobody left out, no warning', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    expect(ok(planDelivery(t, { id: 'c-auto', visibility: 'public', automatic: true }, contextWith()))).toEqual({ commentId: 'c-auto', visibility: 'public', messages: [], leftOut: [], warnings: [] });
  });

  it('B6: a notification on an internal comment, or on a ticket without a requester, is an empty plan', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    expect(ok(planNotification(t, { id: 'c-int', visibility: 'internal' }, 'requester-and-ccs', contextWith()))).toEqual({ commentId: 'c-int', visibility: 'internal', messages: [], leftOut: [], warnings: [] });
    const nobody = { ...t, requester: null } as Ticket;
    expect(ok(planNotification(nobody, { id: 'c-pub', visibility: 'public' }, 'requester', contextWith()))).toEqual({ commentId: 'c-pub', visibility: 'public', messages: [], leftOut: [], warnings: [] });
  });

  it('I12 B6: planNotification reads a stored ticket in full: a CC name holding a line break is refused at its path', () => {
    const stored = JSON.parse(JSON.stringify(opened('ann@acme.example', ['bob@acme.example']))) as Ticket;
    (stored.ccs[0] as { name: string | null }).name = 'Bob\r\nBcc: eve@evil.example';
    expect(codes(planNotification(stored, { id: 'c-1', visibility: 'public' }, 'requester-and-ccs', contextWith()))).toEqual([['control-character', 'ccs.0.name']]);
  });
});
