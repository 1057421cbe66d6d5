// Random valid event logs, built by playing random scenarios through the library's own `handle`.
import fc from 'fast-check';
import { stamp } from '../../src/decider/handle.js';
import { parseAddress, type Mailbox, type Settings, type TicketEvent, type UnstampedEvent } from '../../src/index.js';
import { address } from '../../src/testing/arbitraries.js';
import { play, settings, steps, type Step } from '../../src/testing/scenario.js';

/** A mailbox text whose display name holds an address (its own, or someone else's), as mail clients often write. */
const namedAfterAddress = (): fc.Arbitrary<string> =>
  fc.tuple(address(), address(), fc.boolean()).map(([named, actual, own]) => (own ? `"${actual}" <${actual}>` : `"For ${named.toUpperCase()} (via desk)" <${actual}>`));

/** An inbound email among the pool's people, some of them named after addresses. */
const emailWithNames = (): fc.Arbitrary<Step> =>
  fc.record({
    kind: fc.constant('email' as const),
    from: fc.oneof(address(), namedAfterAddress()),
    to: fc.array(fc.oneof(address(), namedAfterAddress()), { maxLength: 2 }).map((xs) => ['support@desk.example', ...xs]),
    cc: fc.array(fc.oneof(address(), namedAfterAddress()), { maxLength: 3 }),
    answersNote: fc.boolean(),
  });

const mailboxOf = (text: string): Mailbox | null => {
  const r = parseAddress(text);
  return r.ok ? r.value : null;
};

/** Events the decider does not emit yet in scenarios (E5 refusals, H1 delivery, H2 mutes), over the same pool. */
const extra = (): fc.Arbitrary<UnstampedEvent> =>
  fc.oneof(
    fc.array(fc.tuple(fc.oneof(address(), namedAfterAddress()), fc.constantFrom('cc', 'bcc', 'requester', 'follower' as const), fc.constantFrom('denylisted', 'cc-limit-exceeded' as const)), { minLength: 1, maxLength: 3 }).map(
      (list): UnstampedEvent => ({ type: 'recipients-refused', refused: list.map(([input, field, code]) => ({ input, mailbox: mailboxOf(input), field, code })), at: 'later', by: { kind: 'system' }, cause: 'inbound-email' }),
    ),
    fc.tuple(address(), fc.constantFrom('ok', 'failing', 'undeliverable' as const)).map(([a, status]): UnstampedEvent => ({ type: 'delivery-changed', mailbox: mailboxOf(a)!, status, reason: `550 ${a}: mailbox unavailable`, at: 'later', by: { kind: 'system' }, cause: 'delivery' })),
    fc.tuple(address(), fc.boolean()).map(([a, muted]): UnstampedEvent => ({ type: 'mute-changed', mailbox: mailboxOf(a)!, muted, at: 'later', by: { kind: 'end-user', address: a }, cause: 'agent-edit' })),
  );

export interface GeneratedLog {
  readonly config: Settings;
  readonly ticketId: string;
  readonly log: readonly TicketEvent[];
}

/**
 * A valid log of one ticket: a random scenario (emails, edits, notice resolutions, splits)
 * played with `handle`, one of the tickets it made, and a few refusal, delivery and mute events.
 */
export const logs = (options: { readonly caseSensitive?: boolean } = {}): fc.Arbitrary<GeneratedLog> =>
  fc
    .tuple(
      settings().map((s) => (options.caseSensitive === undefined ? s : { ...s, caseSensitiveLocalPart: options.caseSensitive })),
      fc.array(fc.oneof({ weight: 3, arbitrary: steps() }, { weight: 1, arbitrary: fc.array(emailWithNames(), { maxLength: 4 }) }), { minLength: 1, maxLength: 3 }).map((parts) => parts.flat()),
      fc.array(extra(), { maxLength: 3 }),
      fc.nat(),
    )
    .map(([config, list, extras, pick]) => {
      const opening: Step = { kind: 'email', from: 'Ann <ann@acme.example>', to: ['support@desk.example'], cc: ['bob@acme.example'], answersNote: false };
      const tickets = [...play([opening, ...list], config).tickets.values()];
      const chosen = tickets[pick % tickets.length]!;
      const ticketId = chosen.ticket.id;
      return { config, ticketId, log: [...chosen.log, ...stamp(extras, ticketId, chosen.log.length)] };
    });

/** Every address a log names as a mailbox or an end-user actor: the ones an erasure may ask for. */
export function addressesIn(log: readonly TicketEvent[]): string[] {
  const found = new Set<string>();
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (typeof v === 'object' && v !== null) {
      const r = v as Record<string, unknown>;
      if (typeof r.key === 'string' && typeof r.address === 'string') found.add(r.address);
      if (r.kind === 'end-user' && typeof r.address === 'string') found.add(r.address);
      Object.values(r).forEach(visit);
    }
  };
  visit(log);
  return [...found].sort();
}
