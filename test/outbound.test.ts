import { describe, expect, it } from 'vitest';
import { handle, planDelivery, planNotification, validateTicket, type DeliveryPlan, type Ticket } from '../src/index.js';
import { assertNoBccLeak } from '../src/testing/plan-invariants.js';
import { addresses, contextWith, edit, email, must, opened } from './support/tickets.js';

/** Ann's ticket: Bob (end user) and Otto (agent) in CC, Mia in BCC, Kate following. */
function ticket(): Ticket {
  const t = opened('Ann Lee <ann@acme.example>', ['"Roe, Bob" <bob@acme.example>', 'otto@desk.example']);
  return must(t, edit([{ op: 'add', field: 'bcc', address: 'Mia <mia@desk.example>' }, { op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket!;
}

const plan = (t: Ticket, comment: Parameters<typeof planDelivery>[1], context = contextWith()): DeliveryPlan => {
  const r = planDelivery(t, comment, context);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const byKind = (p: DeliveryPlan, kind: string) => p.messages.filter((m) => m.kind === kind);

describe('B: outbound delivery', () => {
  it('B1: a public reply is one message to the requester and every CC, whose headers show exactly those', () => {
    const [reply] = byKind(plan(ticket(), { id: 'c1', visibility: 'public' }), 'customer-reply');
    expect(reply?.headers).toEqual({ to: 'Ann Lee <ann@acme.example>', cc: '"Roe, Bob" <bob@acme.example>, otto@desk.example' });
  });

  it('B2: BCCs get the same reply with the same headers, through the envelope only', () => {
    const p = plan(ticket(), { id: 'c1', visibility: 'public' });
    const [reply] = byKind(p, 'customer-reply');
    expect(addresses(reply!.envelope)).toEqual(['ann@acme.example', 'bob@acme.example', 'otto@desk.example', 'mia@desk.example']);
    for (const m of p.messages) expect(`${m.headers.to} ${m.headers.cc}`).not.toContain('mia@');
  });

  it('B3: followers get a notification of public replies and internal notes, never in customer headers', () => {
    for (const visibility of ['public', 'internal'] as const) {
      const p = plan(ticket(), { id: 'c1', visibility });
      expect(byKind(p, 'follower-notification').map((m) => addresses(m.envelope))).toEqual([['kate@desk.example']]);
      for (const m of byKind(p, 'customer-reply')) expect(`${m.headers.to} ${m.headers.cc}`).not.toContain('kate@');
    }
  });

  it('B4: an internal note goes to followers and agent CCs, never to an end user whatever their role', () => {
    const p = plan(ticket(), { id: 'n1', visibility: 'internal' });
    expect(p.messages.flatMap((m) => addresses(m.envelope)).sort()).toEqual(['kate@desk.example', 'otto@desk.example']);
    expect(byKind(p, 'customer-reply')).toEqual([]);
  });

  it('B5: CCs and BCCs get the whole public conversation', () => {
    const [reply] = byKind(plan(ticket(), { id: 'c1', visibility: 'public' }), 'customer-reply');
    expect(reply?.carries).toEqual({ commentId: 'c1', conversation: 'public', exclude: [] });
  });

  it('B6: notify requester vs requester and CCs; nothing for an internal note or without a requester', () => {
    const t = ticket();
    const only = planNotification(t, { id: 'c1', visibility: 'public' }, 'requester', contextWith());
    const all = planNotification(t, { id: 'c1', visibility: 'public' }, 'requester-and-ccs', contextWith());
    expect(only.ok && only.value.messages.map((m) => [m.headers, addresses(m.envelope)])).toEqual([[{ to: 'Ann Lee <ann@acme.example>', cc: '' }, ['ann@acme.example']]]);
    expect(all.ok && all.value.messages.map((m) => addresses(m.envelope))).toEqual([['ann@acme.example', 'bob@acme.example', 'otto@desk.example']]);
    const note = planNotification(t, { id: 'n1', visibility: 'internal' }, 'requester-and-ccs', contextWith());
    expect(note.ok && note.value.messages).toEqual([]);
    const nobody = planNotification({ ...t, requester: null }, { id: 'c1', visibility: 'public' }, 'requester-and-ccs', contextWith());
    expect(nobody.ok && nobody.value.messages).toEqual([]);
  });

  it('B7: a reply-all from the requester sends no copy to those who were on it; others still get it', () => {
    const t = ticket();
    const r = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, otto@desk.example' }));
    const p = plan(r.ticket!, r.email!.comment!);
    expect(p.messages.flatMap((m) => addresses(m.envelope)).sort()).toEqual(['kate@desk.example', 'mia@desk.example']);
  });

  it('B7: an automatic message (Auto-Submitted) is answered by no notification at all', () => {
    const r = handle(ticket(), { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, otto@desk.example' }), autoSubmitted: 'auto-replied' } as never, contextWith());
    if (!r.ok) throw new Error();
    expect(r.value.email?.comment?.automatic).toBe(true);
    expect(plan(r.value.ticket!, r.value.email!.comment!).messages).toEqual([]);
    const human = handle(ticket(), { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), autoSubmitted: 'no' } as never, contextWith());
    expect(human.ok && human.value.email?.comment?.automatic).toBe(false);
  });
});

describe('I1: who may see a BCC address', () => {
  it('I1: an agent who is both BCC and follower gets their own note naming only themselves; the same note to anyone else is a leak', () => {
    const t = must(ticket(), edit([{ op: 'add', field: 'follower', address: 'mia@desk.example' }])).ticket!;
    const p = plan(t, { id: 'n1', visibility: 'internal' });
    const [note] = p.messages.filter((m) => addresses(m.envelope).includes('mia@desk.example'));
    expect(note?.kind).toBe('follower-notification');
    expect(note?.headers.to).toBe('mia@desk.example');
    expect(() => assertNoBccLeak(p, t)).not.toThrow();
    const leaked = { ...p, messages: [{ ...note!, envelope: [...note!.envelope, t.requester!] }] };
    expect(() => assertNoBccLeak(leaked, t)).toThrow(/I1: BCC mia@desk.example appears in a follower-notification header sent to ann@acme.example/);
    const customer = { ...p, messages: [{ ...note!, kind: 'customer-reply' as const }] };
    expect(() => assertNoBccLeak(customer, t)).toThrow(/I1/);
  });
});

describe('D2: a denylist entry added later removes no one', () => {
  it('D2: a CC denylisted after joining still receives replies; the plan is not refused', () => {
    const t = ticket();
    const plan = planDelivery(t, { id: 'c', visibility: 'public' }, contextWith({ denylist: ['acme.example'] }));
    expect(plan.ok && addresses(plan.value.messages[0]!.envelope)).toContain('bob@acme.example');
  });
});

describe('F3: notices hold a reply back', () => {
  it('F3: a reply under an open notice goes to no customer it left out; followers still hear of it', () => {
    const t = ticket();
    const r = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example' }));
    expect(r.email?.notice?.kind).toBe('recipients-changed');
    const p = plan(r.ticket!, r.email!.comment!);
    expect(p.messages.map((m) => m.kind)).toEqual(['follower-notification']);
  });
});

describe('Stored tickets that break the model are reported, not planned', () => {
  it('I6: an address in two roles, a CC over a lowered limit, an unknown role, a CR/LF name', () => {
    const t = ticket();
    const broken = { ...t, bccs: [...t.bccs, t.ccs[0]!], watchers: [], ccs: [...t.ccs, { ...t.ccs[0]!, address: 'x@acme.example', key: 'x@acme.example', name: 'X\r\nBcc: y@z' }] };
    const r = planDelivery(broken as Ticket, { id: 'c', visibility: 'public' }, contextWith({ ccLimit: 2 }));
    expect(r.ok).toBe(false);
    // Planning and validateTicket run the same ticket schema: the unknown role and the CR/LF name are both found.
    if (!r.ok) expect(r.error.map((i) => i.code).sort()).toEqual(['cc-limit-exceeded', 'control-character', 'two-roles', 'unknown-field']);
    if (!r.ok) expect(r.error.find((i) => i.code === 'control-character')?.path).toEqual(['ccs', 2, 'name']);
    const full = validateTicket(broken, contextWith({ ccLimit: 2 }).settings);
    expect(full.ok ? [] : full.error.map((i) => i.code).sort()).toEqual(['cc-limit-exceeded', 'control-character', 'two-roles', 'unknown-field']);
    expect(validateTicket(null)).toMatchObject({ ok: false, error: [{ code: 'not-a-ticket' }] });
    expect(validateTicket(t, contextWith().settings)).toEqual({ ok: true, value: t });
  });

  it('I6: garbage where mailboxes belong is reported, never thrown', () => {
    for (const broken of [{ v: 1, id: 'x', requester: 5, ccs: [null, 'a@b.example', { address: 7 }], bccs: 'x', followers: [], memory: [], notices: [], recentMessageIds: [], commentCount: 0, revision: 0 }, { v: 1 }, { v: 2 }]) {
      const r = validateTicket(broken);
      expect(r.ok).toBe(false);
      expect(planDelivery(broken as never, { id: 'c', visibility: 'public' }).ok).toBe(false);
    }
  });

  it('I5: a forged identity key is caught', () => {
    const t = ticket();
    const forged = { ...t, ccs: [{ ...t.ccs[0]!, key: 'someone-else@acme.example' }, t.ccs[1]!] };
    const r = validateTicket(forged, contextWith().settings);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['stale-identity']);
  });
});

