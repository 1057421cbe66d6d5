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
  /**
   * Asserts the command was refused (with an issue of `code`, when given) and returns every
   * issue, for assertions on their messages, inputs and paths.
   */
  thenRefused(code?: CommandIssue['code']): readonly CommandIssue[];
  /**
   * The ticket the history and the new events fold into. A refused command adds no event,
   * so this is the ticket as the history left it: assert that nothing changed.
   */
  ticket(): Ticket;
}

/**
 * Decider-style scenarios (Given events, When a command, Then events or refusal):
 *
 * @example
 * const then = given(storedEvents, { settings }).when({ type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'cleo@acme.example' }], by: { kind: 'agent', id: 'kate' }, at });
 * expect(then.events()).toEqual([expect.objectContaining({ type: 'added', field: 'cc' })]);
 * // or, for a command the policy refuses:
 * const full = given(storedEvents, { settings: { ...settings, ccLimit: 1 } }).when({ type: 'edit-recipients', changes: [{ op: 'add', field: 'cc', address: 'cleo@acme.example' }], by: { kind: 'agent', id: 'kate' }, at });
 * expect(full.thenRefused('cc-limit-exceeded')).toHaveLength(1);
 * expect(full.ticket()).toEqual(fold(storedEvents));
 */
export function given(history: readonly TicketEvent[], context: TicketContext | PreparedContext = {}): { when(command: Command): Then } {
  return {
    when(command) {
      const before = history.length === 0 ? null : fold(history);
      const outcome = decide(before, command, context);
      const codes = (issues: readonly CommandIssue[]): string => issues.map((i) => i.code).join(', ');
      return {
        outcome,
        events() {
          if (!outcome.ok) throw new Error(`expected the command to be accepted, it was refused: ${codes(outcome.error)}`);
          return outcome.value.events;
        },
        refused() {
          if (outcome.ok) throw new Error('expected the command to be refused, it was accepted');
          return outcome.error.map((i) => i.code);
        },
        thenRefused(code) {
          if (outcome.ok) throw new Error(`expected the command to be refused${code === undefined ? '' : ` with ${code}`}, it was accepted`);
          if (code !== undefined && !outcome.error.some((i) => i.code === code)) {
            throw new Error(`expected the command to be refused with ${code}, it was refused with: ${codes(outcome.error)}`);
          }
          return outcome.error;
        },
        ticket() {
          return fold(outcome.ok ? [...history, ...outcome.value.events] : history);
        },
      };
    },
  };
}
