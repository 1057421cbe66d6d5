import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDirectory, defaultSettings, fold, handle, parseAddress, type Command, type DeliveryPlan, type Ticket, type TicketContext, type TicketEvent } from '../src/index.js';
import { writtenKey } from '../src/policy/directory.js';
import { assertHistoryFolds, assertNoBccLeak, assertNoFollowerInCustomerHeaders, assertOneRolePerAddress } from '../src/testing/index.js';

/**
 * H5 as a property: the same conversation played twice, once with everyone writing from
 * their main address and once with each person's messages and edits spread over their
 * addresses at random, ends with the same people in the same roles, the same decisions, and
 * plans that reach the same people, each of them once.
 */

const PEOPLE = [
  { address: 'ann@acme.example', addresses: ['ann@home.example'], kind: 'end-user' as const },
  { address: 'bob@acme.example', kind: 'end-user' as const },
  { address: 'cy@other.example', addresses: ['cy@mobile.example', 'cy.private@mail.example'], kind: 'end-user' as const },
  { address: 'max@desk.example', addresses: ['max@mobile.example'], kind: 'agent' as const, id: 'max' },
  { address: 'kate@desk.example', kind: 'agent' as const, id: 'kate' },
];
const directory = createDirectory(PEOPLE);
const context: TicketContext = { settings: { ...defaultSettings, supportAddresses: ['support@desk.example'], ccLimit: 3 }, directory };
const addressesOf = (p: number): string[] => [PEOPLE[p]!.address, ...(PEOPLE[p]!.addresses ?? [])];

/** A person and which of their addresses a message or edit names (the base run always takes the first). */
const who = fc.record({ person: fc.nat(PEOPLE.length - 1), pick: fc.nat(2) });
type Who = { person: number; pick: number };

type Step =
  | { kind: 'email'; from: Who; cc: Who[] }
  | { kind: 'comment'; visibility: 'public' | 'internal' }
  | { kind: 'edit'; op: 'add' | 'remove'; field: 'cc' | 'bcc' | 'follower'; who: Who };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('email' as const), from: who, cc: fc.array(who, { maxLength: 3 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('comment' as const), visibility: fc.constantFrom('public' as const, 'internal' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('edit' as const), op: fc.constantFrom('add' as const, 'remove' as const), field: fc.constantFrom('cc' as const, 'bcc' as const, 'follower' as const), who }) },
);

function command(s: Step, i: number, name: (w: Who) => string): Command {
  const at = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
  if (s.kind === 'email') return { type: 'receive-email', messageId: `<m${i}@mail.example>`, newTicketId: 'T-1', at, from: name(s.from), to: 'support@desk.example', cc: s.cc.map(name).join(', ') };
  if (s.kind === 'comment') return { type: 'write-comment', commentId: `c${i}`, visibility: s.visibility, by: { kind: 'agent', id: 'kate' }, at };
  return { type: 'edit-recipients', changes: [{ op: s.op, field: s.field, address: name(s.who) }], by: { kind: 'agent', id: 'kate' }, at };
}

/** The person an address belongs to, from the address alone. */
const personOf = (address: string): string => {
  const parsed = parseAddress(address);
  return parsed.ok ? directory.personKey(parsed.value.key) : `?${address}`;
};

const roles = (t: Ticket | null) =>
  t === null ? null : { requester: t.requester?.key ?? null, ccs: t.ccs.map((m) => m.key), bccs: t.bccs.map((m) => m.key), followers: t.followers.map((m) => m.key), notices: t.notices.map((n) => n.kind) };

/** Everyone a step's plans reach, as people; and a check that nobody is reached twice. */
function reached(plans: readonly DeliveryPlan[]): string[] {
  const people = plans.flatMap((p) => p.messages.flatMap((m) => m.envelope.map((e) => personOf(e.address))));
  expect(new Set(people).size).toBe(people.length);
  return people.sort();
}

interface Run {
  ticket: Ticket | null;
  log: TicketEvent[];
  outcomes: unknown[];
}

function play(steps: readonly Step[], name: (w: Who) => string): Run {
  const run: Run = { ticket: null, log: [], outcomes: [] };
  steps.forEach((s, i) => {
    if (run.ticket === null && s.kind !== 'email') return;
    const r = handle(run.ticket, command(s, i, name), context);
    if (!r.ok) {
      run.outcomes.push({ refused: r.error.map((e) => e.code) });
      return;
    }
    const { ticket, events, plans, comment } = r.value;
    run.log.push(...events);
    run.ticket = ticket;
    if (ticket !== null) {
      assertOneRolePerAddress(ticket);
      for (const plan of plans) {
        assertNoBccLeak(plan, ticket, {}, directory);
        assertNoFollowerInCustomerHeaders(plan, ticket, {}, directory);
      }
    }
    run.outcomes.push({ roles: roles(ticket), author: comment?.authorRole ?? null, visibility: comment?.visibility ?? null, reached: reached(plans) });
  });
  return run;
}

describe('H5: a person’s addresses are one participant', () => {
  it('H5: spreading a person’s messages and edits over their addresses never changes roles, decisions or who is reached, and nobody gets two copies', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 14 }), (steps) => {
        const base = play(steps, (w) => addressesOf(w.person)[0]!);
        const spread = play(steps, (w) => {
          const all = addressesOf(w.person);
          return all[w.pick % all.length]!;
        });
        expect(spread.outcomes).toEqual(base.outcomes);
        if (spread.ticket !== null) {
          assertHistoryFolds(spread.ticket, spread.log);
          expect(fold(spread.log, 'T-1')).toEqual(spread.ticket);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('H5: the address a participant is held at', () => {
  // The definition `writtenKey`'s fast checks must keep: the key of the address as written, unless the
  // address lower-cased is the key already or it does not parse. Keys come from either setting of A3
  // (a ticket kept while local parts were case-sensitive is read after they are not, and back).
  const local = fc.constantFrom('ann', 'John', 'JOHN', 'o.Brien', '"Jos\u00e9"', '"Jose\u0301"', '"a b"', 'Zo\u00eb');
  const domain = fc.constantFrom('x.example', 'X.Example', 'b\u00fccher.example', 'xn--bcher-kva.example');
  it('A3 H5: writtenKey is the key of the address as written, whatever case the stored key keeps', () => {
    fc.assert(
      fc.property(local, domain, local, domain, fc.boolean(), fc.boolean(), fc.boolean(), (l1, d1, l2, d2, storedSensitive, sensitive, same) => {
        const address = `${l1}@${d1}`;
        const stored = parseAddress(same ? address : `${l2}@${d2}`, { caseSensitiveLocalPart: storedSensitive });
        if (!stored.ok) return;
        const mailbox = { address, name: null, key: stored.value.key };
        const identity = { caseSensitiveLocalPart: sensitive };
        const parsed = parseAddress(address, identity);
        const expected = address.toLowerCase() === mailbox.key || !parsed.ok || parsed.value.key === mailbox.key ? null : parsed.value.key;
        expect(writtenKey(mailbox, identity)).toBe(expected);
        // Written as its own key: the same answer.
        const own = { address: mailbox.key as string, name: null, key: mailbox.key };
        const ownParsed = parseAddress(own.address, identity);
        expect(writtenKey(own, identity)).toBe(own.address.toLowerCase() === own.key || !ownParsed.ok || ownParsed.value.key === own.key ? null : ownParsed.value.key);
      }),
      { numRuns: 500 },
    );
  });
});
