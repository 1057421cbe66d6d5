// P2: Zendesk, as its French and German articles on CCs and followers with email clients describe it.
import { describe, expect, it } from 'vitest';
import { createComposer, handle, planDelivery, planNotification, presets, type Ticket } from '../../src/index.js';
import { addresses, directory, email, must } from '../support/tickets.js';
import { reasonIds } from '../support/reasons.js';

const context = { settings: { ...presets.zendesk, supportAddresses: ['support@desk.example'], denylist: ['no-reply*@*'] }, directory };
const kate = { kind: 'agent', id: 'kate' } as const;

function ticket(): Ticket {
  const t = must(null, { ...email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example' }), newTicketId: 'T-1' } as never, context).ticket!;
  return must(t, { type: 'edit-recipients', changes: [{ op: 'add', field: 'follower', address: 'otto@desk.example' }], by: kate, at: 't' }, context).ticket!;
}

describe('P2 zendesk: settings', () => {
  it('P2: 48 CCs, dropped CCs applied, CC replies without the requester private, third parties internal, no BCC', () => {
    expect(presets.zendesk).toMatchObject({ ccLimit: 48, onDroppedRecipients: 'apply', ccReplyWithoutRequester: 'private', thirdPartyReply: 'internal', bccEnabled: false, followersEnabled: true });
    const r = handle(ticket(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'bcc', address: 'x@acme.example' }], by: kate, at: 't' }, context);
    expect(r.ok ? null : r.error[0]?.code).toBe('bcc-disabled');
  });
});

describe('P2 zendesk: best practices for administrators', () => {
  it('P2: "Email user (requester)" vs "(requester and CCs)"', () => {
    const t = ticket();
    const one = planNotification(t, { id: 'c', visibility: 'public' }, 'requester', context);
    const all = planNotification(t, { id: 'c', visibility: 'public' }, 'requester-and-ccs', context);
    expect(one.ok && one.value.messages.flatMap((m) => addresses(m.envelope))).toEqual(['requester@acme.example']);
    expect(all.ok && all.value.messages.flatMap((m) => addresses(m.envelope))).toEqual(['requester@acme.example', 'cc1@acme.example', 'cc2@acme.example']);
  });

  it('P2: addresses that may never be added as CC or follower', () => {
    const r = must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example, no-reply@shop.example' }), context);
    expect(addresses(r.ticket!.ccs)).not.toContain('no-reply@shop.example');
    expect(r.issues.map((i) => i.code)).toEqual(['denylisted']);
  });
});

describe('P2 zendesk: best practices for agents', () => {
  it('P2: followers get public replies and internal notes, never appear in the addresses, and cannot be added by email', () => {
    const t = ticket();
    for (const visibility of ['public', 'internal'] as const) {
      const plan = planDelivery(t, { id: 'c', visibility }, context);
      expect(plan.ok && plan.value.messages.some((m) => m.kind === 'follower-notification' && addresses(m.envelope).includes('otto@desk.example'))).toBe(true);
      expect(plan.ok && plan.value.messages.some((m) => m.kind === 'customer-reply' && `${m.headers.to} ${m.headers.cc}`.includes('otto@'))).toBe(false);
    }
    const byEmail = handle(t, { type: 'edit-recipients', changes: [{ op: 'add', field: 'follower', address: 'kate@desk.example' }], by: { kind: 'end-user', address: 'requester@acme.example' }, at: 't' }, context);
    expect(byEmail.ok).toBe(false);
  });

  it('P2: a follower\'s emailed reply is an internal note', () => {
    expect(must(ticket(), email({ from: 'otto@desk.example', to: 'support@desk.example', cc: 'requester@acme.example' }), context).email?.comment?.visibility).toBe('internal');
  });

  it('P2: agents (not light agents) and end users can add CCs by email', () => {
    const byUser = must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example, new@acme.example' }), context);
    expect(addresses(byUser.ticket!.ccs)).toContain('new@acme.example');
    const byAgent = must(ticket(), email({ from: 'kate@desk.example', to: 'requester@acme.example', cc: 'support@desk.example, agentadded@acme.example' }), context);
    expect(addresses(byAgent.ticket!.ccs)).toContain('agentadded@acme.example');
    const byLight = must(ticket(), email({ from: 'liam@desk.example', to: 'requester@acme.example', cc: 'support@desk.example, light@acme.example' }), context);
    expect(addresses(byLight.ticket!.ccs)).not.toContain('light@acme.example');
  });

  it('P2: Reply (not Reply all) keeps an agent\'s comment private', () => {
    expect(must(ticket(), email({ from: 'kate@desk.example', to: 'support@desk.example' }), context).email?.comment?.visibility).toBe('internal');
    expect(must(ticket(), email({ from: 'kate@desk.example', to: 'support@desk.example', cc: 'requester@acme.example, cc1@acme.example, cc2@acme.example' }), context).email?.comment?.visibility).toBe('public');
  });

  it('P2: a third party\'s reply raises a warning and stays out of the conversation until an agent adds them', () => {
    const r = must(ticket(), email({ from: 'friend@other.example', to: 'support@desk.example' }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(r.email?.notice?.kind).toBe('third-party-reply');
    const added = must(r.ticket, { type: 'resolve-notice', noticeId: r.email!.notice!.id, resolution: 'add-as-cc', by: kate, at: 't' }, context);
    expect(addresses(added.ticket!.ccs)).toContain('friend@other.example');
  });
});

describe('P2 zendesk: best practices for end users', () => {
  it('P2: removing a CC from an email removes it only when the sender is requester or CC and the requester is on the email', () => {
    expect(addresses(must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example' }), context).ticket!.ccs)).toEqual(['cc1@acme.example']);
    expect(addresses(must(ticket(), email({ from: 'cc1@acme.example', to: 'support@desk.example', cc: 'requester@acme.example' }), context).ticket!.ccs)).toEqual(['cc1@acme.example']);
    expect(addresses(must(ticket(), email({ from: 'cc1@acme.example', to: 'support@desk.example' }), context).ticket!.ccs)).toEqual(['cc1@acme.example', 'cc2@acme.example']);
  });

  it('P2: an end user who is not on the ticket cannot remove CCs by email', () => {
    expect(addresses(must(ticket(), email({ from: 'outsider@acme.example', to: 'support@desk.example', cc: 'requester@acme.example' }), context).ticket!.ccs)).toEqual(['cc1@acme.example', 'cc2@acme.example']);
  });

  it('P2: a CC\'s reply that does not reach the requester is private', () => {
    expect(must(ticket(), email({ from: 'cc1@acme.example', to: 'support@desk.example' }), context).email?.comment?.visibility).toBe('internal');
  });

  it('P2: someone added as CC gets every public reply since the ticket was created', () => {
    const t = must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example, late@acme.example' }), context).ticket!;
    const plan = planDelivery(t, { id: 'next', visibility: 'public' }, context);
    const toLate = plan.ok ? plan.value.messages.find((m) => addresses(m.envelope).includes('late@acme.example')) : undefined;
    expect(toLate?.carries.conversation).toBe('public');
  });
});

describe('P2 zendesk: the second pass over the articles', () => {
  it('B4: CCs are told of public comments, followers of notes too: an agent in CC gets no internal note', () => {
    const withAgentCc = must(ticket(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'kate@desk.example' }], by: kate, at: 't' }, context).ticket!;
    const note = planDelivery(withAgentCc, { id: 'n', visibility: 'internal' }, context);
    expect(note.ok && note.value.messages.map((m) => [m.kind, addresses(m.envelope)])).toEqual([['follower-notification', ['otto@desk.example']]]);
    const reply = planDelivery(withAgentCc, { id: 'r', visibility: 'public' }, context);
    expect(reply.ok && reply.value.messages[0]?.recipients.cc.map((m) => m.address)).toContain('kate@desk.example');
  });

  it('D4: a light agent writes internal notes only, by email too: their Reply all is a note', () => {
    const withLight = must(ticket(), { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'liam@desk.example' }], by: kate, at: 't' }, context).ticket!;
    const r = must(withLight, email({ from: 'liam@desk.example', to: 'support@desk.example, requester@acme.example', cc: 'cc1@acme.example, cc2@acme.example' }), context);
    expect(r.email?.comment?.visibility).toBe('internal');
    expect(handle(withLight, { type: 'write-comment', commentId: 'c', visibility: 'public', by: { kind: 'light-agent', id: 'liam' }, at: 't' }, context).ok).toBe(false);
  });

  it('C4: an agent turns a customer\'s public comment into an internal note; it rides along with nothing afterwards', () => {
    const r = must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example' }), context);
    const hidden = must(r.ticket, { type: 'change-visibility', commentId: r.comment!.id, visibility: 'internal', by: kate, at: 't' }, context);
    expect(hidden.ticket!.internalComments).toEqual([r.comment!.id]);
    const next = planDelivery(hidden.ticket!, { id: 'later', visibility: 'public' }, context);
    expect(next.ok && next.value.messages[0]?.carries.exclude).toContain(r.comment!.id);
  });

  it('C3: no Bcc field is offered, since the help desk keeps no BCCs', () => {
    const { initial, reduce } = createComposer(ticket(), context);
    expect(initial.fields.bcc.available).toBe(false);
    expect(reduce(initial, { type: 'show', field: 'bcc' }).fields.bcc.visible).toBe(false);
  });
});

describe('P2 zendesk: the reasons of the walk-through (issue 14)', () => {
  it('P2: administrators — a denylisted address is refused by D2 naming the address the denylist matched', () => {
    const r = must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example, no-reply@shop.example' }), context);
    expect(reasonIds(r)).toEqual(['comment-added F2', 'recipients-refused D2 denylist=no-reply@shop.example']);
  });

  it('P2: agents — a follower\'s note, an agent\'s Reply all and Reply, a light agent\'s note: F7 and D4 with the directory entry', () => {
    expect(reasonIds(must(ticket(), email({ from: 'otto@desk.example', to: 'support@desk.example', cc: 'requester@acme.example' }), context))).toEqual(['comment-added F7 agent']);
    expect(reasonIds(must(ticket(), email({ from: 'kate@desk.example', to: 'requester@acme.example', cc: 'support@desk.example, agentadded@acme.example' }), context))).toEqual([
      'added F5',
      'comment-added F7 agentEmailRepliesPublic=true agent',
    ]);
    expect(reasonIds(must(ticket(), email({ from: 'kate@desk.example', to: 'support@desk.example' }), context))).toEqual(['comment-added F7 agentEmailRepliesPublic=true agent']);
    expect(reasonIds(must(ticket(), email({ from: 'liam@desk.example', to: 'requester@acme.example', cc: 'support@desk.example, light@acme.example' }), context))).toEqual(['comment-added D4 light-agent']);
  });

  it('P2: a third party (F8 with thirdPartyReply), added as CC by the agent (F10)', () => {
    const r = must(ticket(), email({ from: 'friend@other.example', to: 'support@desk.example' }), context);
    expect(reasonIds(r)).toEqual(['comment-added F8 thirdPartyReply=internal', 'notice-raised F8 thirdPartyReply=internal']);
    const added = must(r.ticket, { type: 'resolve-notice', noticeId: r.email!.notice!.id, resolution: 'add-as-cc', by: kate, at: 't' }, context);
    expect(reasonIds(added)).toEqual(['added F10', 'comment-visibility-changed F10']);
  });

  it('P2: end users — a dropped CC is removed by F9 under "apply"; a CC\'s Reply is private by F4 under "private"', () => {
    expect(reasonIds(must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example' }), context))).toEqual([
      'removed F9 onDroppedRecipients=apply',
      'comment-added F3',
    ]);
    expect(reasonIds(must(ticket(), email({ from: 'cc1@acme.example', to: 'support@desk.example' }), context))).toEqual(['comment-added F4 ccReplyWithoutRequester=private']);
  });

  it('P2: C4 — the agent who makes a comment internal is the reason (C4)', () => {
    const r = must(ticket(), email({ from: 'requester@acme.example', to: 'support@desk.example', cc: 'cc1@acme.example, cc2@acme.example' }), context);
    expect(reasonIds(must(r.ticket, { type: 'change-visibility', commentId: r.comment!.id, visibility: 'internal', by: kate, at: 't' }, context))).toEqual(['comment-visibility-changed C4']);
  });
});
