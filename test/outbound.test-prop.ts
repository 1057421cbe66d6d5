import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { parseAddress, planDelivery, planNotification, type Mailbox, type Ticket } from '../src/index.js';
import { assertNoBccLeak, assertNoDuplicateDelivery, assertNoFollowerInCustomerHeaders, assertNoHeldBackDelivery, assertNoNoteToEndUser } from '../src/testing/plan-invariants.js';
import { play, scenarioDirectory, settings, staff, steps } from '../src/testing/scenario.js';

const RUNS = { numRuns: 250 };

type Reason = Ticket['heldBack'][number]['reason'];

/** Choices made before the ticket exists: indexes into whatever participants it ends with. */
const holds = () =>
  fc.record({
    held: fc.array(fc.tuple(fc.nat(), fc.constantFrom<Reason>('muted', 'failing', 'undeliverable')), { maxLength: 4 }),
    suppressed: fc.array(fc.nat(), { maxLength: 2 }),
    internal: fc.array(fc.nat(), { maxLength: 2 }),
  });

const participants = (t: Ticket): Mailbox[] => [...(t.requester ? [t.requester] : []), ...t.ccs, ...t.bccs, ...t.followers];

/** The ticket with some participants held back (H1, H2) and some comments made internal (C4), and a suppression list. */
function holding(t: Ticket, choice: { held: [number, Reason][]; suppressed: number[]; internal: number[] }, commentIds: readonly string[]) {
  const people = participants(t);
  const pick = (i: number) => people[i % Math.max(people.length, 1)];
  const heldBack = choice.held.flatMap(([i, reason]) => (pick(i) ? [{ mailbox: pick(i)!, reason, detail: reason }] : []));
  const suppressedPeople = choice.suppressed.flatMap((i) => (pick(i) ? [pick(i)!] : []));
  const internalComments = commentIds.length === 0 ? [] : [...new Set(choice.internal.map((i) => commentIds[i % commentIds.length]!))];
  return { ticket: { ...t, heldBack, internalComments }, suppressed: suppressedPeople.map((m) => m.address), suppressedKeys: new Set<string>(suppressedPeople.map((m) => m.key)) };
}

describe('I1–I3, I11 over random tickets and random comments', () => {
  it.prop([settings(), steps(), fc.constantFrom('public', 'internal' as const), holds()], RUNS)(
    'I1 I2 I3 I11: no BCC in headers to anyone else, no note to an end user, no follower in customer headers, nobody held back or twice',
    (config, list, visibility, choice) => {
      const { tickets, trace } = play(list, config);
      const context = { settings: config, directory: scenarioDirectory };
      const inbound = trace.flatMap((t) => (t.result?.ok && t.result.value.email?.comment ? [t.result.value.email.comment] : []));
      const identity = { caseSensitiveLocalPart: config.caseSensitiveLocalPart };
      for (const stored of tickets.values()) {
        const { ticket, suppressed } = holding(stored.ticket, choice, inbound.map((c) => c.id));
        const held = ticket.notices.map((n) => n.comment);
        for (const comment of [{ id: 'agent-reply', visibility }, ...inbound, ...held]) {
          const plans = [
            planDelivery(ticket, comment, context, { suppressed }),
            planNotification(ticket, comment, 'requester-and-ccs', context, { suppressed }),
          ];
          for (const plan of plans) {
            expect(plan.ok).toBe(true);
            if (!plan.ok) return;
            assertNoBccLeak(plan.value, ticket, identity);
            assertNoNoteToEndUser(plan.value, scenarioDirectory);
            assertNoFollowerInCustomerHeaders(plan.value, ticket, identity);
            assertNoDuplicateDelivery(plan.value);
            assertNoHeldBackDelivery(plan.value, ticket, suppressed, identity);
          }
        }
      }
    },
  );

  it.prop([settings(), steps(), holds()], RUNS)(
    'B1 B2 B10: an agent\'s public reply reaches every requester, CC and BCC exactly once, or lists them as left out with their reason',
    (config, list, choice) => {
      const { tickets } = play(list, config);
      for (const stored of tickets.values()) {
        const { ticket, suppressed, suppressedKeys } = holding(stored.ticket, choice, []);
        const plan = planDelivery(ticket, { id: 'r', visibility: 'public' }, { settings: config, directory: scenarioDirectory }, { suppressed });
        if (!plan.ok) throw new Error(JSON.stringify(plan.error));
        const received = plan.value.messages.flatMap((m) => m.envelope.map((e) => e.key));
        for (const who of [...(ticket.requester ? [ticket.requester] : []), ...ticket.ccs, ...ticket.bccs]) {
          const barred = ticket.heldBack.some((h) => h.mailbox.key === who.key && h.reason !== 'failing') || suppressedKeys.has(who.key);
          const left = plan.value.leftOut.filter((l) => l.mailbox.key === who.key);
          expect(received.filter((k) => k === who.key)).toHaveLength(barred ? 0 : 1);
          expect(left).toHaveLength(barred ? 1 : 0);
          const failing = ticket.heldBack.some((h) => h.mailbox.key === who.key && h.reason === 'failing');
          expect(plan.value.warnings.some((w) => w.mailbox.key === who.key)).toBe(failing && !barred);
        }
        // B1: the headers still show the requester and every CC, held back or not: they are still on the ticket.
        const reply = plan.value.messages.find((m) => m.kind === 'customer-reply');
        if (reply) expect(reply.recipients.cc.map((r) => r.address)).toEqual(ticket.ccs.map((m) => m.address));
      }
    },
  );

  it.prop([settings(), steps(), holds()], RUNS)(
    'B5 B6: a held reply reaches no customer, and no conversation carries a held reply or a comment internal now',
    (config, list, choice) => {
      const { tickets, trace } = play(list, config);
      const context = { settings: config, directory: scenarioDirectory };
      const inbound = trace.flatMap((t) => (t.result?.ok && t.result.value.email?.comment ? [t.result.value.email.comment] : []));
      for (const stored of tickets.values()) {
        const { ticket } = holding(stored.ticket, choice, inbound.map((c) => c.id));
        const hidden = [...ticket.notices.map((n) => n.comment.id), ...ticket.internalComments];
        for (const comment of [{ id: 'agent-reply', visibility: 'public' as const }, ...inbound]) {
          for (const plan of [planDelivery(ticket, comment, context), planNotification(ticket, comment, 'requester-and-ccs', context)]) {
            if (!plan.ok) throw new Error(JSON.stringify(plan.error));
            const held = ticket.notices.some((n) => n.comment.id === comment.id);
            for (const m of plan.value.messages) {
              if (m.carries.conversation === 'public') for (const id of hidden) expect(m.carries.exclude).toContain(id);
              if (held || ticket.internalComments.includes(comment.id)) expect(['customer-reply', 'notification']).not.toContain(m.kind);
            }
          }
        }
      }
    },
  );

  it.prop([settings(), steps(), fc.constantFrom(...staff.map((s) => s.address)), fc.constantFrom('public', 'internal' as const)], { numRuns: 200 })(
    'I1: an agent who is both BCC and follower may see their own address on their own notification; nobody else sees it',
    (config, list, address, visibility) => {
      const { tickets } = play(list, config);
      const identity = { caseSensitiveLocalPart: config.caseSensitiveLocalPart };
      const agent = parseAddress(address, identity);
      if (!agent.ok) throw new Error(address);
      for (const stored of tickets.values()) {
        const t = stored.ticket;
        if (t.requester?.key === agent.value.key || t.ccs.some((m) => m.key === agent.value.key)) continue;
        const only = (l: readonly Mailbox[]) => [...l.filter((m) => m.key !== agent.value.key), agent.value];
        const ticket = { ...t, bccs: only(t.bccs), followers: only(t.followers) };
        const plan = planDelivery(ticket, { id: 'c', visibility }, { settings: config, directory: scenarioDirectory });
        if (!plan.ok) throw new Error(JSON.stringify(plan.error));
        assertNoBccLeak(plan.value, ticket, identity);
        const theirs = plan.value.messages.filter((m) => m.envelope.some((e) => e.key === agent.value.key));
        expect(theirs).toHaveLength(1);
        expect(theirs[0]?.kind).toBe(visibility === 'public' ? 'customer-reply' : 'follower-notification');
        // The assertion is not blind: the same notification also sent to someone else is a leak.
        const note = plan.value.messages.find((m) => m.kind === 'follower-notification' && m.envelope[0]?.key === agent.value.key);
        if (note && t.requester) {
          const leaked = { ...plan.value, messages: [{ ...note, envelope: [...note.envelope, t.requester] }] };
          expect(() => assertNoBccLeak(leaked, ticket, identity)).toThrow(/I1/);
        }
      }
    },
  );
});
