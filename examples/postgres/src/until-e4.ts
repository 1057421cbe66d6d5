// TEMPORARY: stands in for the library's sequence numbers (E4) until they land on main.
// Delete this file and import `handle` and `readEvents` from 'ticket-recipients' instead.
import {
  handle as libraryHandle,
  readEvents as libraryReadEvents,
  type Command,
  type CommandIssue,
  type EventIssue,
  type Handled as LibraryHandled,
  type PreparedContext,
  type Result,
  type Ticket,
  type TicketContext,
  type TicketEvent,
} from 'ticket-recipients';

export type SeqEvent = TicketEvent & { readonly ticketId: string; readonly seq: number };

export interface Handled extends Omit<LibraryHandled, 'events' | 'split'> {
  readonly events: readonly SeqEvent[];
  readonly revision: number;
  readonly split: null | { readonly ticketId: string; readonly events: readonly SeqEvent[] };
}

const stamp = (events: readonly TicketEvent[], ticketId: string, revision: number): SeqEvent[] =>
  events.map((e, i) => ({ ...e, ticketId, seq: revision + i + 1 }));

export function handle(ticket: Ticket | null, command: Command, context: TicketContext | PreparedContext): Result<Handled, readonly CommandIssue[]> {
  const r = libraryHandle(ticket, command, context);
  if (!r.ok) return r;
  const revision = ticket?.revision ?? 0;
  const opened = r.value.events.find((e) => e.type === 'ticket-opened');
  const ticketId = ticket?.id ?? (opened?.type === 'ticket-opened' ? opened.ticketId : '');
  const split = r.value.split === null ? null : { ticketId: r.value.split.ticketId, events: stamp(r.value.split.events, r.value.split.ticketId, 0) };
  return { ok: true, value: { ...r.value, events: stamp(r.value.events, ticketId, revision), revision, split } };
}

export function readEvents(log: unknown, options: { readonly ticketId: string }): Result<readonly SeqEvent[], readonly EventIssue[]> {
  if (!Array.isArray(log)) return libraryReadEvents(log) as Result<readonly SeqEvent[], readonly EventIssue[]>;
  const issues: EventIssue[] = [];
  log.forEach((e: unknown, i) => {
    const { ticketId, seq } = (typeof e === 'object' && e !== null ? e : {}) as { ticketId?: unknown; seq?: unknown };
    if (ticketId !== options.ticketId || seq !== i + 1) {
      issues.push({ code: 'not-an-event', path: `[${i}]`, message: `[${i}] is ${String(ticketId)}#${String(seq)}, expected ${options.ticketId}#${i + 1}.`, input: e });
    }
  });
  const checked = libraryReadEvents(log);
  if (!checked.ok) issues.push(...checked.error);
  return issues.length > 0 ? { ok: false, error: issues } : (checked as Result<readonly SeqEvent[], readonly EventIssue[]>);
}
