import { describe, expect, it } from 'vitest';
import { fold, handle, planDelivery, type Command, type Ticket } from '../src/index.js';
import { assertTicketInvariants } from '../src/testing/index.js';
import { addresses, agent, at, contextWith, edit, must } from './support/tickets.js';

const system = { kind: 'system' } as const;

function importing(participants: Extract<Command, { type: 'import-ticket' }>['participants'], by: Extract<Command, { type: 'import-ticket' }>['by'] = system): Command {
  return { type: 'import-ticket', ticketId: 'T-old-7', participants, by, at: at() };
}

describe('E6: import', () => {
  it('E6: only the system imports; an agent or an end user is refused and nothing is created', () => {
    for (const by of [agent, { kind: 'end-user', address: 'ann@acme.example' }] as const) {
      const r = handle(null, importing({ requester: 'ann@acme.example' }, by), contextWith());
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.map((i) => [i.code, i.path])).toEqual([['not-permitted', ['by']]]);
    }
  });

  it('E6: an import creates a ticket only: on an existing ticket it is refused', () => {
    const t = must(null, importing({ requester: 'ann@acme.example' })).ticket;
    const again = handle(t, importing({ requester: 'bob@acme.example' }), contextWith());
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error[0]?.code).toBe('invalid-command');
  });

  it('E6: policy problems are reported, not dropped: a denylisted CC, a customer as follower and CCs over the limit all stay', () => {
    const context = contextWith({ ccLimit: 2, denylist: ['noreply@vendor.example'] });
    const r = must(null, importing({ requester: 'ann@acme.example', ccs: ['bob@acme.example', 'noreply@vendor.example', 'cy@acme.example'], followers: ['paula@partner.example'] }), context);
    const t = r.ticket!;
    expect(addresses(t.ccs)).toEqual(['bob@acme.example', 'noreply@vendor.example', 'cy@acme.example']);
    expect(addresses(t.followers)).toEqual(['paula@partner.example']);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['denylisted', 'participants.ccs.1'],
      ['not-an-agent', 'participants.followers.0'],
      ['cc-limit-exceeded', 'participants.ccs'],
    ]);
    const imported = r.events.find((e) => e.type === 'ticket-imported');
    expect(imported?.type === 'ticket-imported' && imported.problems.map((p) => p.code)).toEqual(['denylisted', 'not-an-agent', 'cc-limit-exceeded']);
    // Kept people are no "refused recipients" (E5): they are on the ticket.
    expect(t.refused).toEqual([]);
    expect(r.events.map((e) => e.type)).toEqual(['ticket-opened', 'ticket-imported']);
  });

  it('E6: an address in two roles keeps the higher one (A4), and a repeated one is kept once', () => {
    const r = must(null, importing({
      requester: 'ann@acme.example',
      ccs: ['bob@acme.example', 'ANN@acme.example', 'bob@acme.example'],
      bccs: ['bob@acme.example', 'mia@desk.example'],
      followers: ['kate@desk.example', 'Kate <kate@desk.example>'],
    }));
    const t = r.ticket!;
    expect(t.requester?.address).toBe('ann@acme.example');
    expect(addresses(t.ccs)).toEqual(['bob@acme.example']);
    expect(addresses(t.bccs)).toEqual(['mia@desk.example']);
    expect(addresses(t.followers)).toEqual(['kate@desk.example']);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['two-roles', 'participants.ccs.1'],
      ['two-roles', 'participants.ccs.2'],
      ['two-roles', 'participants.bccs.0'],
      ['two-roles', 'participants.followers.1'],
    ]);
    expect(r.issues[0]?.message).toMatch(/already the requester/);
    expect(r.issues[1]?.message).toMatch(/twice/);
  });

  it('E6: support addresses and invalid addresses cannot be participants at all: dropped, reported and recorded', () => {
    const r = must(null, importing({ requester: 'support@desk.example', ccs: ['bob@acme.example', 'reply+42@in.desk.example', 'not an address'] }));
    const t = r.ticket!;
    expect(t.requester).toBeNull();
    expect(addresses(t.ccs)).toEqual(['bob@acme.example']);
    expect(r.issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['support-address', 'participants.requester'],
      ['support-address', 'participants.ccs.1'],
      ['invalid-address', 'participants.ccs.2'],
    ]);
    // The import event keeps the report; an address that could be someone's is recorded as refused (E5),
    // the help desk's own addresses are not (A5: they are never anyone's to add).
    const imported = r.events.find((e) => e.type === 'ticket-imported');
    expect(imported?.type === 'ticket-imported' && imported.problems.map((p) => p.code)).toEqual(['support-address', 'support-address', 'invalid-address']);
    expect(fold(r.events).refused.map((x) => [x.input, x.field, x.code])).toEqual([['not an address', 'cc', 'invalid-address']]);
  });

  it('E6: the imported state folds, plans and takes later commands like any other ticket', () => {
    const r = must(null, importing({ requester: 'Ann Lee <ann@acme.example>', ccs: ['bob@acme.example'], bccs: ['mia@desk.example'], followers: ['kate@desk.example'] }));
    const t = r.ticket!;
    expect(fold(r.events)).toEqual(t);
    assertTicketInvariants(t, r.events, contextWith().settings as never);
    const plan = planDelivery(t, { id: 'c-1', visibility: 'public' }, contextWith());
    expect(plan.ok).toBe(true);
    if (!plan.ok) return;
    const reply = plan.value.messages.find((m) => m.kind === 'customer-reply');
    expect(reply?.headers).toEqual({ to: 'Ann Lee <ann@acme.example>', cc: 'bob@acme.example' });
    expect(addresses(reply!.envelope)).toEqual(['ann@acme.example', 'bob@acme.example', 'mia@desk.example']);
    expect(plan.value.messages.filter((m) => m.kind === 'follower-notification').map((m) => addresses(m.envelope))).toEqual([['kate@desk.example']]);
    // Imported participants are remembered (C2) and the ticket goes on.
    expect(t.memory.map((m) => m.address)).toEqual(['ann@acme.example', 'bob@acme.example', 'mia@desk.example']);
    const next = must(t, edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }]));
    expect(next.events.map((e) => e.seq)).toEqual([3]);
  });

  it('E6: an import over the limit is kept, and planning names the overflow until an agent removes CCs', () => {
    const context = contextWith({ ccLimit: 1 });
    const t = must(null, importing({ requester: 'ann@acme.example', ccs: ['bob@acme.example', 'cy@acme.example'] }), context).ticket as Ticket;
    const plan = planDelivery(t, { id: 'c-1', visibility: 'public' }, context);
    expect(!plan.ok && plan.error.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
    // B9: a reply written meanwhile is kept; handle says why it returns no plan for it.
    const reply = must(t, { type: 'write-comment', commentId: 'c-2', visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: 't' }, context);
    expect(reply.plans).toEqual([]);
    expect(reply.issues.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
    const fixed = must(t, edit([{ op: 'remove', field: 'cc', address: 'cy@acme.example' }]), context).ticket as Ticket;
    expect(planDelivery(fixed, { id: 'c-1', visibility: 'public' }, context).ok).toBe(true);
  });
});
