import { describe, expect, it } from 'vitest';
import { createDirectory, defaultSettings, type Command, type DeliveryPlan, type Ticket, type TicketContext } from '../src/index.js';
import { addresses, at, email, must, SUPPORT } from './support/tickets.js';

// Adversarial review of H5, B9 and stored reasons: inputs the feature tests did not try.
const kate = { kind: 'agent', id: 'kate' } as const;
const ivan = [
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
  { address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' },
] as const;
const ctx = (denylist: string[] = [], entries: readonly unknown[] = ivan): TicketContext => ({
  settings: { ...defaultSettings, supportAddresses: SUPPORT, denylist },
  directory: createDirectory(entries as never),
});
const envelopes = (plans: readonly DeliveryPlan[]): string[] => plans.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope))).sort();
const reply = (commentId: string): Command => ({ type: 'write-comment', commentId, visibility: 'public', by: kate, at: at() });
const open = (from: string, cc: string, c: TicketContext, id = 'T-1'): Ticket =>
  must(null, { ...email({ from, to: 'support@desk.example', cc }), newTicketId: id } as Command, c).ticket!;

describe('review: H5 with inputs nobody wrote', () => {
  it('I5/D2/H5: a CC writing from a denylisted address of his stays reached at his allowed one', () => {
    const c = ctx(['ivan@home.example']);
    const t = open('ann@acme.example', 'ivan@work.example', c);
    const r = must(t, email({ from: 'ivan@home.example', to: 'support@desk.example', cc: 'ann@acme.example' }), c);
    expect(r.comment?.authorRole).toBe('cc');
    expect(addresses(r.ticket!.ccs)).toEqual(['ivan@work.example']);
    expect(envelopes(must(r.ticket, reply('c-1'), c).plans)).toEqual(['ann@acme.example', 'ivan@work.example']);
  });

  it('H5/B7: a ticket holding two addresses of a person the directory learned later sends that person one copy', () => {
    const t = open('ivan@work.example', 'ivan@home.example, bob@x.example', ctx([], [ivan[0]]));
    const c = ctx();
    expect(envelopes(must(t, reply('c-1'), c).plans)).toEqual(['bob@x.example', 'ivan@work.example']);
    // He writes from home: the requester moves there, and still one copy, one address in the envelope.
    const home = must(t, email({ from: 'ivan@home.example', to: 'support@desk.example', cc: 'bob@x.example' }), c).ticket!;
    const plan = must(home, reply('c-2'), c).plans;
    expect(envelopes(plan)).toEqual(['bob@x.example', 'ivan@home.example']);
  });
});
