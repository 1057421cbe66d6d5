import { fold, handle, readEvents, type Command, type CommandIssue, type EventIssue, type Handled, type PreparedContext, type TicketContext } from 'ticket-recipients';
import type { AppendIssue, EventStore, StreamAppend } from './store.js';

export type HandleFailure =
  /** The stored stream does not read as a log of this ticket: nothing was decided from it. */
  | { readonly code: 'damaged-stream'; readonly ticketId: string; readonly issues: readonly EventIssue[] }
  /** The library refused the command (e.g. a CC over the limit): retrying will not change that. */
  | { readonly code: 'refused'; readonly issues: readonly CommandIssue[] }
  /** Every attempt lost a race; the caller may queue the command again later. */
  | { readonly code: 'too-many-conflicts'; readonly attempts: number }
  | { readonly code: 'store-refused'; readonly issue: AppendIssue };

export type HandleOutcome =
  | { readonly ok: true; readonly value: { readonly handled: Handled; readonly attempts: number } }
  | { readonly ok: false; readonly error: HandleFailure };

export interface RetryOptions {
  readonly maxAttempts?: number;
  /** Wait before attempt `n` (2, 3, ...); default a short random backoff so racing workers spread out. */
  readonly backoff?: (attempt: number) => Promise<void>;
}

const randomBackoff = (attempt: number): Promise<void> =>
  new Promise((done) => setTimeout(done, Math.random() * Math.min(50, 2 ** attempt)));

/** An email that opens a ticket opens the one whose stream we read. */
function forStream(command: Command, ticketId: string, opening: boolean): Command {
  if (opening && command.type === 'receive-email' && command.newTicketId === undefined) return { ...command, newTicketId: ticketId };
  return command;
}

/**
 * The loop a help desk runs for every command: read the stream, check it, fold it, decide,
 * append what was decided if nobody else wrote meanwhile, otherwise start again from the
 * newer stream. The decision is pure, so re-deciding after a conflict is always safe.
 */
export async function handleWithRetry(
  store: EventStore,
  ticketId: string,
  command: Command,
  context: TicketContext | PreparedContext,
  options: RetryOptions = {},
): Promise<HandleOutcome> {
  const maxAttempts = options.maxAttempts ?? 20;
  const backoff = options.backoff ?? randomBackoff;
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    if (attempt > 1) await backoff(attempt);
    const log = readEvents(await store.read(ticketId), { ticketId });
    if (!log.ok) return { ok: false, error: { code: 'damaged-stream', ticketId, issues: log.error } };
    const ticket = log.value.length === 0 ? null : fold(log.value);
    const decided = handle(ticket, forStream(command, ticketId, ticket === null), context);
    if (!decided.ok) return { ok: false, error: { code: 'refused', issues: decided.error } };
    const handled = decided.value;
    const streams: StreamAppend[] = [{ ticketId, expectedRevision: handled.revision, events: handled.events }];
    if (handled.split !== null) streams.push({ ticketId: handled.split.ticketId, expectedRevision: 0, events: handled.split.events });
    // A duplicate email decides nothing: there is nothing to write, and no race to lose.
    if (streams.every((s) => s.events.length === 0)) return { ok: true, value: { handled, attempts: attempt } };
    const appended = await store.appendAll(streams);
    if (appended.ok) return { ok: true, value: { handled, attempts: attempt } };
    if (appended.error.code !== 'conflict') return { ok: false, error: { code: 'store-refused', issue: appended.error } };
  }
  return { ok: false, error: { code: 'too-many-conflicts', attempts: maxAttempts } };
}
