// P1: Omnidesk, as its articles on Cc and Bcc in tickets and on the recipients-changed notice describe it.
import { describe, expect, it } from 'vitest';
import { createComposer, handle, planDelivery, presets, suggest, describeEvent as sentence, type Ticket } from '../../src/index.js';
import { addresses, directory, email, must } from '../support/tickets.js';
import { reasonIds } from '../support/reasons.js';

const context = { settings: { ...presets.omnidesk, supportAddresses: ['support@desk.example', 'reply+*@in.desk.example'] }, directory };
const kate = { kind: 'agent', id: 'kate' } as const;

function open(cc = ''): Ticket {
  return must(null, { ...email({ from: 'Client <client@acme.example>', to: 'support@desk.example', cc }), newTicketId: 'T-1' } as never, context).ticket!;
}
const planOf = (t: Ticket, visibility: 'public' | 'internal' = 'public') => {
  const p = planDelivery(t, { id: 'reply', visibility }, context);
  if (!p.ok) throw new Error();
  return p.value.messages;
};

describe('P1 omnidesk (the Cc and Bcc article): copies and blind copies', () => {
  it('P1: points 1–4 — Cc and Bcc links show their fields; removing a field brings the link back', () => {
    const { initial, reduce } = createComposer(open(), context);
    expect([initial.fields.cc.visible, initial.fields.bcc.visible]).toEqual([false, false]);
    const shown = reduce(reduce(initial, { type: 'show', field: 'cc' }), { type: 'show', field: 'bcc' });
    expect([shown.fields.cc.visible, shown.fields.bcc.visible]).toEqual([true, true]);
    expect(reduce(shown, { type: 'hide', field: 'bcc' }).fields.bcc.visible).toBe(false);
  });

  it('P1: point 5 — with a Cc, the reply goes to the recipient and the copy, and both see both', () => {
    const t = must(open(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'personal@home.example' }], by: kate, at: 't' }, context).ticket!;
    const [reply] = planOf(t);
    expect(reply?.headers).toEqual({ to: 'Client <client@acme.example>', cc: 'personal@home.example' });
  });

  it('P1: point 6 — with a Bcc, the recipient sees only himself, the Bcc sees the main recipient', () => {
    const t = must(open(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'manager@desk.example' }], by: kate, at: 't' }, context).ticket!;
    const [reply] = planOf(t);
    expect(reply?.headers).toEqual({ to: 'Client <client@acme.example>', cc: '' });
    expect(addresses(reply!.envelope)).toEqual(['client@acme.example', 'manager@desk.example']);
  });

  it('P1: point 7 — an address the user puts in Cc, on a request or a reply, is written into the Cc field', () => {
    const t = open('accountant@acme.example');
    expect(addresses(t.ccs)).toEqual(['accountant@acme.example']);
    const r = must(t, email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'accountant@acme.example, cfo@acme.example' }), context);
    expect(addresses(r.ticket!.ccs)).toEqual(['accountant@acme.example', 'cfo@acme.example']);
  });

  it('P1: point 8 — every change of Recipient, Cc and Bcc is in the history', () => {
    const r = must(open('a@acme.example'), { type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'a@acme.example' }, { op: 'add', field: 'bcc', address: 'm@desk.example' }, { op: 'set-requester', address: 'new@acme.example' }], by: kate, at: 't' }, context);
    // Removals, then the requester, then additions, whatever order the agent asked in (C1).
    expect(r.events.map((e) => sentence(e))).toEqual([
      'agent kate removed a@acme.example from CC',
      'agent kate changed the requester from Client <client@acme.example> to new@acme.example',
      'agent kate added m@desk.example to BCC',
    ]);
  });

  it('P1: point 9 — removed addresses are offered again from the drop-down', () => {
    const t = must(open('a@acme.example'), { type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'a@acme.example' }], by: kate, at: 't' }, context).ticket!;
    expect(suggest(t, 'a', directory).map((s) => s.address)).toEqual(['a@acme.example']);
  });

  it('P1: point 10 — a Bcc answering the agent alone is a note; answering everyone is a regular reply', () => {
    const t = must(open(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'vip.manager@desk.example' }], by: kate, at: 't' }, context).ticket!;
    expect(must(t, email({ from: 'vip.manager@desk.example', to: 'reply+1@in.desk.example' }), context).email?.comment?.visibility).toBe('internal');
    expect(must(t, email({ from: 'vip.manager@desk.example', to: 'reply+1@in.desk.example, client@acme.example' }), context).email?.comment?.visibility).toBe('public');
  });

  it('P1: points 11–12 — a rule on "Cc contains" adds to Cc and to Bcc', () => {
    const rules = [{ id: 'vip', title: 'VIP', active: true, conditions: { any: [{ type: 'cc-in-domain' as const, domain: 'vip.example' }] }, actions: [{ type: 'add-bcc' as const, address: 'manager@desk.example' }, { type: 'add-cc' as const, address: 'account@acme.example' }] }];
    const r = handle(null, { ...email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'boss@vip.example' }), newTicketId: 'T' } as never, { ...context, rules });
    expect(r.ok && [addresses(r.value.ticket!.ccs), addresses(r.value.ticket!.bccs)]).toEqual([['boss@vip.example', 'account@acme.example'], ['manager@desk.example']]);
  });
});

describe('P1 omnidesk (the recipients-changed article): the recipients-changed notice', () => {
  const base = () => open('it-partner@integrator.example');

  it('P1: case 1 — everyone present plus newcomers: the newcomers become Cc, no notice', () => {
    const r = must(base(), email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'it-partner@integrator.example, colleague@acme.example' }), context);
    expect(r.email?.notice).toBeNull();
    expect(addresses(r.ticket!.ccs)).toEqual(['it-partner@integrator.example', 'colleague@acme.example']);
  });

  it('P1: case 2 and scenario a — the client drops the partner and asks something new: notice, then split', () => {
    const r = must(base(), email({ from: 'client@acme.example', to: 'support@desk.example' }), context);
    const notice = r.email!.notice!;
    expect(notice.resolutions).toEqual(['update-recipients', 'split']);
    const split = must(r.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'split', newTicketId: 'T-2', by: kate, at: 't' }, context);
    expect(split.splitTicket!.requester?.address).toBe('client@acme.example');
    expect(split.splitTicket!.ccs).toEqual([]);
    expect(addresses(split.ticket!.ccs)).toEqual(['it-partner@integrator.example']);
  });

  it('P1: scenario b — the accountant copied then dropped: the agent updates the recipients', () => {
    const withAccountant = must(open(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'accountant@acme.example' }], by: kate, at: 't' }, context).ticket!;
    const r = must(withAccountant, email({ from: 'client@acme.example', to: 'support@desk.example' }), context);
    const updated = must(r.ticket, { type: 'resolve-notice', noticeId: r.email!.notice!.id, resolution: 'update-recipients', by: kate, at: 't' }, context);
    expect(updated.ticket!.ccs).toEqual([]);
  });

  it('P1: case 3 — the manager in Cc answers only support: the notice offers only a split', () => {
    const t = open('ceo@acme.example');
    const r = must(t, email({ from: 'ceo@acme.example', to: 'support@desk.example' }), context);
    expect(r.email?.notice?.resolutions).toEqual(['split']);
    expect(r.email?.comment?.visibility).toBe('public');
    expect(r.ticket!.requester?.address).toBe('client@acme.example');
  });
});

describe('P1 omnidesk: the second pass over the articles', () => {
  it('B5: the manager in Cc answers support alone; a later agent reply to everyone does not carry that answer to the client', () => {
    // The recipients-changed article: the client must not learn of the manager's message.
    const t = open('manager@acme.example');
    const answer = must(t, email({ from: 'manager@acme.example', to: 'support@desk.example' }), context);
    expect(answer.email?.notice?.kind).toBe('cc-reply-without-requester');
    const reply = must(answer.ticket, { type: 'write-comment', commentId: 'agent-reply', visibility: 'public', by: kate, at: 't' }, context);
    const plan = reply.plans.find((p) => p.commentId === 'agent-reply');
    expect(plan?.messages[0]?.carries.exclude).toContain(answer.comment!.id);
    expect(plan?.messages[0]?.envelope.map((m) => m.address)).toContain('client@acme.example');
  });

  it('B9: once the agent resolves the notice, the held answer is released to those who have not had it, and to nobody twice', () => {
    const t = must(open('partner@acme.example'), { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'mia@desk.example' }], by: kate, at: 't' }, context).ticket!;
    const answer = must(t, email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'accountant@acme.example' }), context);
    const notice = answer.email!.notice!;
    expect(answer.plans.flatMap((p) => p.messages.filter((m) => m.kind === 'customer-reply'))).toEqual([]);
    const resolved = must(answer.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'update-recipients', by: kate, at: 't' }, context);
    const released = resolved.plans.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope)));
    // The client wrote it and the accountant was on it (B7); the partner was dropped by the update; the BCC had nothing yet.
    expect(released).toEqual(['mia@desk.example']);
    expect(addresses(resolved.ticket!.ccs)).toEqual(['accountant@acme.example']);
  });

  it('C3: point 9 — clicking into the empty Cc field offers the addresses the ticket remembers', () => {
    const t = must(open('accountant@acme.example'), { type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'accountant@acme.example' }], by: kate, at: 't' }, context).ticket!;
    const { initial, reduce } = createComposer(t, context);
    const focused = reduce(reduce(initial, { type: 'show', field: 'cc' }), { type: 'focus', field: 'cc' });
    expect(focused.suggestions.map((s) => s.address)).toEqual(['accountant@acme.example']);
  });
});

describe('P1 omnidesk: the reasons of the walk-through (issue 14)', () => {
  it('P1: points 7–8 — the request, the reply that brings a CC, and the agent\'s edit each store their rule', () => {
    const opened = must(null, { ...email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'accountant@acme.example' }), newTicketId: 'T-1' } as never, context);
    expect(reasonIds(opened)).toEqual(['requester-changed F0', 'added F0', 'comment-added F0']);
    const reply = must(opened.ticket, email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'accountant@acme.example, cfo@acme.example' }), context);
    expect(reasonIds(reply)).toEqual(['added F5', 'comment-added F2']);
    const edited = must(reply.ticket, { type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'cfo@acme.example' }, { op: 'add', field: 'bcc', address: 'm@desk.example' }], by: kate, at: 't' }, context);
    expect(reasonIds(edited)).toEqual(['removed C1', 'added C1']);
  });

  it('P1: points 10–12 — a BCC\'s reply (F6) and a rule\'s actions (G2, with the rule\'s id)', () => {
    const t = must(open(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'vip.manager@desk.example' }], by: kate, at: 't' }, context).ticket!;
    expect(reasonIds(must(t, email({ from: 'vip.manager@desk.example', to: 'reply+1@in.desk.example' }), context))).toEqual(['comment-added F6']);
    const rules = [{ id: 'vip', title: 'VIP', active: true, conditions: { any: [{ type: 'cc-in-domain' as const, domain: 'vip.example' }] }, actions: [{ type: 'add-bcc' as const, address: 'manager@desk.example' }, { type: 'add-cc' as const, address: 'account@acme.example' }] }];
    const r = must(null, { ...email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'boss@vip.example' }), newTicketId: 'T' } as never, { ...context, rules } as never);
    expect(reasonIds(r)).toEqual(['requester-changed F0', 'added F0', 'comment-added F0', 'added G2 rule:vip', 'added G2 rule:vip']);
  });

  it('P1: cases 2 and 3 — the notices name the setting; the split and the update name F10', () => {
    const t = open('it-partner@integrator.example');
    const dropped = must(t, email({ from: 'client@acme.example', to: 'support@desk.example', cc: 'accountant@acme.example' }), context);
    expect(reasonIds(dropped)).toEqual(['comment-added F3 onDroppedRecipients=notify', 'notice-raised F3 onDroppedRecipients=notify']);
    const split = must(dropped.ticket, { type: 'resolve-notice', noticeId: dropped.email!.notice!.id, resolution: 'split', newTicketId: 'T-2', by: kate, at: 't' }, context);
    expect(reasonIds(split.split!.events)).toEqual(['requester-changed F10', 'added F10', 'comment-added F10']);
    const updated = must(dropped.ticket, { type: 'resolve-notice', noticeId: dropped.email!.notice!.id, resolution: 'update-recipients', by: kate, at: 't' }, context);
    expect(reasonIds(updated)).toEqual(['removed F10', 'added F10']);
    const ceo = must(open('ceo@acme.example'), email({ from: 'ceo@acme.example', to: 'support@desk.example' }), context);
    expect(reasonIds(ceo)).toEqual(['comment-added F4 ccReplyWithoutRequester=public', 'notice-raised F4 ccReplyWithoutRequester=public']);
  });
});
