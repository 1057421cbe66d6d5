import { describe, expect, it } from 'vitest';
import { createComposer, createDirectory, defaultSettings, fold, handle, planDelivery, validateTicket, type Command, type ComposerAction, type DeliveryPlan, type Rule, type Ticket, type TicketContext, type TicketEvent } from '../src/index.js';
import { addresses, at, contextWith, edit, email, must, SUPPORT } from './support/tickets.js';

// H5: Ann writes from work and from home; Ivan too, but wants mail at work; Max is an agent with a second mailbox.
const people = createDirectory([
  { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate' },
  { address: 'max@desk.example', addresses: ['max@mobile.example'], kind: 'agent', id: 'max', name: 'Max' },
  { address: 'ann@acme.example', addresses: ['ann@home.example'], kind: 'end-user', name: 'Ann' },
  { address: 'ivan@work.example', addresses: ['ivan@home.example'], preferred: 'ivan@work.example', kind: 'end-user' },
]);
const context = (rules: Rule[] = []): TicketContext => ({ settings: { ...defaultSettings, supportAddresses: SUPPORT }, directory: people, rules });

const reply = (commentId: string): Command => ({ type: 'write-comment', commentId, visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: at() });
const envelopes = (plans: readonly DeliveryPlan[]): string[] => plans.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope))).sort();

/** Ann's ticket, opened from work, with Bob in CC. */
function annTicket(ctx = context()): { ticket: Ticket; log: TicketEvent[] } {
  const r = must(null, { ...email({ from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as Command, ctx);
  return { ticket: r.ticket!, log: [...r.events] };
}

describe('H5: people with several addresses', () => {
  it('H5: a reply from the requester’s second address counts as the requester: no third party, no new CC, no notice', () => {
    const { ticket, log } = annTicket();
    const r = must(ticket, email({ from: 'Ann <ann@home.example>', to: 'support@desk.example', cc: 'bob@acme.example, ann@acme.example' }), context());
    expect(r.comment?.authorRole).toBe('requester');
    expect(r.comment?.visibility).toBe('public');
    expect(r.ticket!.notices).toEqual([]);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
    expect(r.events.filter((e) => e.type === 'added' || e.type === 'requester-changed')).toEqual([]);
    // The requester is the same participant, now reached where she last wrote from; the log folds to it (I7).
    expect(r.ticket!.requester).toMatchObject({ address: 'ann@home.example', key: ticket.requester!.key });
    expect(r.events.map((e) => e.type)).toContain('address-changed');
    expect(fold([...log, ...r.events], 'T-1')).toEqual(r.ticket);
  });

  it('H5: the requester leaving a CC out from her home address raises the requester’s notice (F3), not a third-party one', () => {
    const { ticket } = annTicket();
    const r = must(ticket, email({ from: 'ann@home.example', to: 'support@desk.example' }), context());
    expect(r.comment?.authorRole).toBe('requester');
    expect(r.ticket!.notices.map((n) => [n.kind, addresses(n.missing)])).toEqual([['recipients-changed', ['bob@acme.example']]]);
  });

  it('H5: mail that may change nobody (an auto-reply, an unverified sender, a copy that did not address the desk) does not move her address (F11–F13)', () => {
    const { ticket } = annTicket();
    const from = (extra: Partial<Extract<Command, { type: 'receive-email' }>>): Command => ({ ...(email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example' }) as Extract<Command, { type: 'receive-email' }>), ...extra });
    for (const command of [from({ headers: { 'auto-submitted': 'auto-replied' } }), from({ authentication: 'fail' }), from({ to: 'bob@acme.example' })]) {
      const r = must(ticket, command, context());
      expect(r.comment?.authorRole).toBe('requester');
      expect(r.ticket!.requester?.address).toBe('ann@acme.example');
      expect(r.events.map((e) => e.type)).not.toContain('address-changed');
    }
  });

  it('H5, F6: a BCC writing from their other address is still reached where they were: a BCC’s reply changes no recipient', () => {
    const { ticket } = annTicket();
    const withIvan = must(ticket, edit([{ op: 'add', field: 'bcc', address: 'ivan@home.example' }]), context()).ticket!;
    const r = must(withIvan, email({ from: 'ivan@work.example', to: 'support@desk.example' }), context());
    expect(r.comment?.authorRole).toBe('bcc');
    expect(r.events.map((e) => e.type)).not.toContain('address-changed');
    expect(r.ticket!.bccs.map((m) => m.address)).toEqual(['ivan@home.example']);
  });

  it('H5: one role per person: her other address as CC is a no-op, as BCC of a CC a role conflict naming both', () => {
    const { ticket } = annTicket();
    const withIvan = must(ticket, edit([{ op: 'add', field: 'cc', address: 'ivan@work.example' }]), context()).ticket!;
    expect(must(withIvan, edit([{ op: 'add', field: 'cc', address: 'ann@home.example' }, { op: 'add', field: 'cc', address: 'ivan@home.example' }]), context()).events).toEqual([]);
    const conflict = handle(withIvan, edit([{ op: 'add', field: 'bcc', address: 'ivan@home.example' }]), context());
    expect(conflict.ok).toBe(false);
    expect(!conflict.ok && conflict.error.map((i) => [i.code, i.message])).toEqual([['role-conflict', 'ivan@home.example is an address of ivan@work.example, who is a CC; remove it there first to make it a BCC.']]);
    // Removing her by either address removes the person.
    expect(addresses(must(withIvan, edit([{ op: 'remove', field: 'cc', address: 'ivan@home.example' }]), context()).ticket!.ccs)).toEqual(['bob@acme.example']);
  });

  it('H5: an inbound email naming both of a person’s addresses makes one CC', () => {
    const r = must(null, { ...email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'ann@acme.example, Ann <ann@home.example>' }), newTicketId: 'T-2' } as Command, context());
    expect(addresses(r.ticket!.ccs)).toEqual(['ann@acme.example']);
  });

  it('H5: plans send the person one copy, to the address she last wrote from', () => {
    const { ticket } = annTicket();
    expect(envelopes(must(ticket, reply('c-1'), context()).plans)).toEqual(['ann@acme.example', 'bob@acme.example']);
    const home = must(ticket, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example' }), context()).ticket!;
    const w = must(home, reply('c-2'), context());
    expect(envelopes(w.plans)).toEqual(['ann@home.example', 'bob@acme.example']);
    expect(w.plans[0]?.messages[0]?.headers.to).toBe('Ann <ann@home.example>');
    // Back at work: mail follows her there.
    const work = must(home, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), context()).ticket!;
    expect(envelopes(must(work, reply('c-3'), context()).plans)).toEqual(['ann@acme.example', 'bob@acme.example']);
  });

  it('H5: a preferred address wins over the one last written from', () => {
    const { ticket } = annTicket();
    const withIvan = must(ticket, edit([{ op: 'add', field: 'cc', address: 'ivan@home.example' }]), context()).ticket!;
    expect(addresses(withIvan.ccs)).toEqual(['bob@acme.example', 'ivan@home.example']);
    const plan = planDelivery(withIvan, { id: 'c-1', visibility: 'public' }, context());
    expect(plan.ok && plan.value.messages.flatMap((m) => addresses(m.envelope)).sort()).toEqual(['ann@acme.example', 'bob@acme.example', 'ivan@work.example']);
    expect(plan.ok && plan.value.messages[0]?.headers.cc).toBe('bob@acme.example, ivan@work.example');
  });

  it('H5: an agent with two addresses is staff from either; as a follower, mail from the other address is hers', () => {
    const { ticket } = annTicket();
    const fromMobile = must(ticket, email({ from: 'max@mobile.example', to: 'support@desk.example', cc: 'ann@acme.example' }), context());
    expect(fromMobile.comment?.authorRole).toBe('agent');
    expect(fromMobile.ticket!.ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
    const following = must(ticket, edit([{ op: 'add', field: 'follower', address: 'max@mobile.example' }]), context()).ticket!;
    expect(following.followers.map((m) => m.address)).toEqual(['max@mobile.example']);
    const note = must(following, email({ from: 'max@desk.example', to: 'support@desk.example' }), context());
    expect(note.comment?.authorRole).toBe('follower');
    // Reached at the desk address he last wrote from, once.
    const n = must(note.ticket, { type: 'write-comment', commentId: 'n-1', visibility: 'internal', by: { kind: 'agent', id: 'kate' }, at: at() }, context());
    expect(envelopes(n.plans)).toEqual(['max@desk.example']);
  });

  it('H5: rule conditions and actions see the person, whichever address they name', () => {
    const rules: Rule[] = [
      { id: 'ann-writes', title: 'Ann writes', active: true, conditions: { all: [{ type: 'sender-is', address: 'ann@acme.example' }, { type: 'update-is', kind: 'inbound-reply' }] }, actions: [{ type: 'add-bcc', address: 'max@mobile.example' }] },
      { id: 'ivan-copied', title: 'Ivan copied', active: true, conditions: { all: [{ type: 'cc-contains', address: 'ivan@home.example' }] }, actions: [{ type: 'add-follower', address: 'kate@desk.example' }] },
    ];
    const ctx = context(rules);
    const { ticket } = annTicket(ctx);
    const r = must(ticket, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example, ivan@work.example' }), ctx);
    expect(r.firedRules).toEqual(['ann-writes', 'ivan-copied']);
    expect(addresses(r.ticket!.bccs)).toEqual(['max@mobile.example']);
    expect(people.byKey(r.ticket!.bccs[0]!.key)?.id).toBe('max');
  });

  it('H5: a bounce for an address the person no longer gets mail at changes nothing; one for where she is reached holds her back', () => {
    const { ticket } = annTicket();
    const home = must(ticket, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example' }), context()).ticket!;
    const bounce = (failed: string): Command => ({ type: 'receive-email', messageId: `<dsn-${failed}@mx.example>`, at: at(), from: 'MAILER-DAEMON@mx.example', to: 'support@desk.example', failedRecipients: [failed] });
    expect(must(home, bounce('ann@acme.example'), context()).ticket!.heldBack).toEqual([]);
    const dead = must(home, bounce('ann@home.example'), context()).ticket!;
    expect(dead.heldBack.map((h) => [h.mailbox.address, h.reason])).toEqual([['ann@home.example', 'undeliverable']]);
    expect(envelopes(must(dead, reply('c-9'), context()).plans)).toEqual(['bob@acme.example']);
  });

  it('H5: the composer takes the requester’s other address typed into Cc as the requester (is-requester)', () => {
    const { ticket } = annTicket();
    const { initial, reduce } = createComposer(ticket, context());
    const actions: ComposerAction[] = [{ type: 'input', field: 'cc', text: 'ann@home.example' }, { type: 'key', field: 'cc', key: 'Enter' }];
    const state = actions.reduce(reduce, initial);
    expect(addresses(state.fields.cc.chips)).toEqual(['bob@acme.example']);
    expect(state.fields.cc.error?.code).toBe('is-requester');
  });

  it('H5: a ticket that knew the person by her other address before the directory listed both still recognises her', () => {
    const before = must(null, { ...email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-3' } as Command, contextWith()).ticket!;
    const r = must(before, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), context());
    expect(r.comment?.authorRole).toBe('requester');
    expect(r.ticket!.requester).toMatchObject({ address: 'ann@acme.example', key: before.requester!.key });
  });

  it('H5: validateTicket takes the directory, so a person reached at another address is no stale identity', () => {
    const { ticket } = annTicket();
    const home = must(ticket, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@acme.example' }), context()).ticket!;
    expect(validateTicket(home, { supportAddresses: SUPPORT }, people).ok).toBe(true);
    const without = validateTicket(home, { supportAddresses: SUPPORT });
    expect(!without.ok && without.error.map((i) => [i.code, i.path])).toEqual([
      ['stale-identity', ['requester', 'key']],
      ['stale-identity', ['memory', 0, 'key']],
    ]);
  });

  it('H5: an address listed for two people, or a preferred address not theirs, is a directory issue and decisions refuse', () => {
    const shared = createDirectory([
      { address: 'ann@acme.example', addresses: ['ann@home.example', 'not an address'], kind: 'end-user' },
      { address: 'ben@acme.example', addresses: ['ann@home.example'], preferred: 'ben@elsewhere.example', kind: 'end-user' },
    ]);
    expect(shared.issues.map((i) => [i.code, i.path])).toEqual([
      ['invalid-value', [0, 'addresses', 1]],
      ['address-shared', [1, 'addresses', 0]],
      ['preferred-not-listed', [1, 'preferred']],
    ]);
    // The address stays with the first person who lists it.
    expect(shared.personKey('ann@home.example' as never)).toBe('ann@acme.example');
    const r = handle(null, email({ from: 'ann@home.example', to: 'support@desk.example' }), { ...context(), directory: shared });
    expect(!r.ok && r.error.map((i) => [i.code, i.path])).toEqual([
      ['invalid-value', ['directory', 0, 'addresses', 1]],
      ['address-shared', ['directory', 1, 'addresses', 0]],
      ['preferred-not-listed', ['directory', 1, 'preferred']],
    ]);
  });
});
