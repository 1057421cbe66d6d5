// P3: servicecamp, as its German help article on CCs in tickets describes them.
import { describe, expect, it } from 'vitest';
import { createComposer, handle, planDelivery, presets, type Ticket } from '../../src/index.js';
import { addresses, directory, email, must } from '../support/tickets.js';
import { reasonIds } from '../support/reasons.js';

const context = { settings: { ...presets.servicecamp, supportAddresses: ['support@desk.example'] }, directory };
const kate = { kind: 'agent', id: 'kate' } as const;

/** A ticket the customer opened, with CCs that staff put there in the help desk (the only way in servicecamp). */
function ticket(ccs = 'boss@acme.example, otto@desk.example'): Ticket {
  const opened = must(null, { ...email({ from: 'customer@acme.example', to: 'support@desk.example' }), newTicketId: 'T-1' } as never, context).ticket!;
  const list = ccs.split(',').map((a) => a.trim()).filter((a) => a !== '');
  if (list.length === 0) return opened;
  return must(opened, { type: 'edit-recipients', changes: list.map((address) => ({ op: 'add' as const, field: 'cc' as const, address })), by: kate, at: 't' }, context).ticket!;
}

describe('P3 servicecamp: CCs on tickets', () => {
  it('P3: CCs are a dashboard feature for staff: addresses a customer copies on an email become nobody\'s CC', () => {
    const opened = must(null, { ...email({ from: 'customer@acme.example', to: 'support@desk.example', cc: 'friend@acme.example' }), newTicketId: 'T-1' } as never, context);
    expect(opened.ticket!.ccs).toEqual([]);
    expect(opened.issues.map((i) => i.code)).toEqual(['ccs-disabled']);
    const reply = must(ticket(), email({ from: 'customer@acme.example', to: 'support@desk.example', cc: 'boss@acme.example, otto@desk.example, stranger@acme.example' }), context);
    expect(addresses(reply.ticket!.ccs)).toEqual(['boss@acme.example', 'otto@desk.example']);
  });

  it('P3: at most ten CCs per ticket; no BCC', () => {
    const ten = Array.from({ length: 10 }, (_, i) => `c${i}@acme.example`);
    const t = ticket(ten.join(', '));
    expect(t.ccs).toHaveLength(10);
    const r = handle(t, { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'eleventh@acme.example' }], by: kate, at: 't' }, context);
    expect(r.ok ? null : r.error[0]?.code).toBe('cc-limit-exceeded');
    const bcc = handle(t, { type: 'edit-recipients', changes: [{ op: 'remove', field: 'cc', address: 'c0@acme.example' }, { op: 'add', field: 'bcc', address: 'x@acme.example' }], by: kate, at: 't' }, context);
    expect(bcc.ok ? null : bcc.error[0]?.code).toBe('bcc-disabled');
  });

  it('P3: the CC field offers existing users as you type, and takes an address on Space or Enter once validated', () => {
    const { initial, reduce } = createComposer(ticket(''), context);
    const typed = reduce(initial, { type: 'input', field: 'cc', text: 'Paula' });
    expect(typed.suggestions.map((s) => s.address)).toEqual(['paula@partner.example']);
    const space = reduce(reduce(initial, { type: 'input', field: 'cc', text: 'new@acme.example' }), { type: 'key', field: 'cc', key: ' ' });
    expect(addresses(space.fields.cc.chips)).toEqual(['new@acme.example']);
    const invalid = reduce(reduce(initial, { type: 'input', field: 'cc', text: 'new@' }), { type: 'key', field: 'cc', key: 'Enter' });
    expect(invalid.fields.cc.chips).toEqual([]);
  });

  it('P3: when a CC answers, the other participants (the customer and the other CCs) get the answer, and it is public', () => {
    const t = ticket();
    const r = must(t, email({ from: 'boss@acme.example', to: 'support@desk.example' }), context);
    expect(r.email?.comment?.visibility).toBe('public');
    expect(r.email?.notice).toBeNull();
    const plan = planDelivery(r.ticket!, r.email!.comment!, context);
    expect(plan.ok && plan.value.messages.flatMap((m) => addresses(m.envelope))).toEqual(['customer@acme.example', 'otto@desk.example']);
  });

  it('P3: CCs get the whole conversation each time, even when added later', () => {
    const plan = planDelivery(ticket(), { id: 'reply', visibility: 'public' }, context);
    expect(plan.ok && plan.value.messages[0]?.carries.conversation).toBe('public');
  });

  it('P3: staff in CC also get internal notes; customers only the official replies', () => {
    const plan = planDelivery(ticket(), { id: 'note', visibility: 'internal' }, context);
    expect(plan.ok && plan.value.messages.flatMap((m) => addresses(m.envelope))).toEqual(['otto@desk.example']);
  });
});

describe('P3 servicecamp: the reasons of the walk-through (issue 14)', () => {
  it('P3: a customer\'s copied address is refused by D4 naming emailCcsEnabled; staff add CCs by C1', () => {
    const opened = must(null, { ...email({ from: 'customer@acme.example', to: 'support@desk.example', cc: 'friend@acme.example' }), newTicketId: 'T-1' } as never, context);
    expect(reasonIds(opened)).toEqual(['requester-changed F0', 'comment-added F0', 'recipients-refused D4 emailCcsEnabled=false']);
    expect(reasonIds(must(opened.ticket, { type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'boss@acme.example' }], by: kate, at: 't' }, context))).toEqual(['added C1']);
  });

  it('P3: a CC\'s answer is public by F4 under ccReplyWithoutRequester "public"', () => {
    expect(reasonIds(must(ticket(), email({ from: 'boss@acme.example', to: 'support@desk.example' }), context))).toEqual(['comment-added F4 ccReplyWithoutRequester=public']);
  });
});
