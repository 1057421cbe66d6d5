import type { TicketEvent } from '../ticket/events.js';
import { fold } from '../history/evolve.js';
import { decide, type Command, type CommandIssue, type Decision } from '../decider/handle.js';
import type { PreparedContext, TicketContext } from '../context/context.js';
import type { Ticket } from '../ticket/types.js';

/** The decision `when` got: accepted with its events, or refused with every issue. */
export type Outcome = { readonly ok: true; readonly value: Decision } | { readonly ok: false; readonly error: readonly CommandIssue[] };

export interface Then {
  /** The decision, for your own assertions. */
  readonly outcome: Outcome;
  /** Asserts the command was accepted and returns its events. */
  events(): readonly TicketEvent[];
  /** Asserts the command was refused and returns the issue codes. */
  refused(): readonly string[];
  /** The ticket the history and the new events fold into. */
  ticket(): Ticket;
}

/**
 * Decider-style scenarios (Given events, When a command, Then events or refusal):
 *
 * @example
 * const then = given(storedEvents, { settings }).when({ type: 'edit-recipients', … });
 * expect(then.events()).toEqual([expect.objectContaining({ type: 'added', field: 'cc' })]);
 */
export function given(history: readonly TicketEvent[], context: TicketContext | PreparedContext = {}): { when(command: Command): Then } {
  return {
    when(command) {
      const before = history.length === 0 ? null : fold(history);
      const outcome = decide(before, command, context);
      return {
        outcome,
        events() {
          if (!outcome.ok) throw new Error(`expected the command to be accepted, it was refused: ${outcome.error.map((i) => i.code).join(', ')}`);
          return outcome.value.events;
        },
        refused() {
          if (outcome.ok) throw new Error('expected the command to be refused, it was accepted');
          return outcome.error.map((i) => i.code);
        },
        ticket() {
          if (!outcome.ok) throw new Error('the command was refused: there is no new ticket');
          return fold([...history, ...outcome.value.events]);
        },
      };
    },
  };
}
