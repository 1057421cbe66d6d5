import { isRecord } from '../json.js';
import { issue, show, type Issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import { walk } from '../schema/schema.js';
import { checksum } from '../ticket/checksum.js';
import { ticketEvent } from '../ticket/event-schema.js';
import { EVENT_VERSION, type TicketEvent } from '../ticket/events.js';

/** Why a stored log cannot be folded as it is (E3, E4). */
export type EventIssue = Issue<
  | 'not-a-log'
  | 'not-an-event'
  | 'unsupported-version'
  | 'unknown-event'
  | 'sequence-gap'
  | 'sequence-repeat'
  | 'sequence-disorder'
  | 'other-ticket'
  | 'invalid-value'
  | 'wrong-type'
  | 'missing-field'
  | 'unknown-field'
  | 'out-of-range'
  | 'control-character'
>;

export interface ReadEventsOptions {
  /** The ticket the log belongs to: events of any other ticket are reported. Default: the first event's. */
  readonly ticketId?: string;
}

/**
 * E3: a version-1 event (before sequence numbers) upgraded to the current format, numbered
 * by its place in the log. Version 1 tickets kept resolved notices; version 2 drops them,
 * which folding does by itself.
 */
function upgrade(event: Record<string, unknown>, ticketId: string, seq: number): Record<string, unknown> {
  const { v: _v, ...rest } = event;
  const notice = rest.notice;
  // Version 1 notices carried a `resolved` field; the resolution is its own event in both versions.
  const upgraded = isRecord(notice) ? { ...rest, notice: Object.fromEntries(Object.entries(notice).filter(([k]) => k !== 'resolved')) } : rest;
  return { v: EVENT_VERSION, ticketId, seq, ...upgraded };
}

/**
 * Checks a stored event log before folding it (E3, E4, I12). Every entry must be an event
 * this library writes (each field checked against the one event schema, and its checksum),
 * of the one ticket, numbered 1, 2, 3… with no gap, repeat or reordering. Version-1 logs are
 * upgraded. Every problem is reported with its index; whatever is accepted folds.
 *
 * @example
 * const log = readEvents(JSON.parse(stored), { ticketId: 'T-1' });
 * const ticket = log.ok ? fold(log.value) : null;
 */
export function readEvents(input: unknown, options: ReadEventsOptions = {}): Result<readonly TicketEvent[], readonly EventIssue[]> {
  if (!Array.isArray(input)) return err([issue('not-a-log', 'An event log is a list of events.', input)]);
  const issues: EventIssue[] = [];
  const events: TicketEvent[] = [];
  const firstOpened = input.find((e) => isRecord(e) && e.type === 'ticket-opened');
  const ticketId = options?.ticketId ?? (isRecord(input[0]) && typeof input[0].ticketId === 'string' ? input[0].ticketId : isRecord(firstOpened) && typeof firstOpened.ticketId === 'string' ? firstOpened.ticketId : '');
  let previous = 0;
  // Entries already reported since the last good event: they may have held the numbers between.
  let skipped = 0;
  // A loop over every index, not forEach: a sparse array's holes are entries too, and not events.
  for (let index = 0; index < input.length; index++) {
    const raw: unknown = input[index];
    const at = [index];
    if (!isRecord(raw)) {
      issues.push(issue('not-an-event', `Entry ${index} is not an event.`, raw, at));
      skipped++;
      continue;
    }
    if (raw.v !== 1 && raw.v !== EVENT_VERSION) {
      issues.push(issue('unsupported-version', `Entry ${index} has version ${show(raw.v)}; this library reads versions 1 and ${EVENT_VERSION}.`, raw, at));
      skipped++;
      continue;
    }
    const v1 = raw.v === 1;
    // Version 1 never wrote a number or a checksum: an entry with them is a later event whose
    // version was changed, and upgrading it would give it a fresh checksum, hiding any other edit.
    const v2Field = v1 ? (['seq', 'sum'] as const).find((k) => k in raw) : undefined;
    if (v2Field !== undefined) {
      issues.push(issue('unknown-field', `Entry ${index} is marked version 1 but has a \`${v2Field}\`, which version 1 never wrote.`, raw, [index, v2Field]));
      skipped++;
      continue;
    }
    const event = v1 ? upgrade(raw, ticketId, index + 1) : raw;
    if (v1) event.sum = checksum(event);
    const w = walk(at);
    if (!ticketEvent(event, w)) {
      const unknownType = w.issues.find((i) => i.path.length === 2 && i.path[1] === 'type');
      if (unknownType !== undefined) issues.push(issue('unknown-event', `Entry ${index} has an unknown type ${show(raw.type)}.`, raw, at));
      else issues.push(...(w.issues as EventIssue[]));
      skipped++;
      continue;
    }
    if (event.sum !== checksum(event)) {
      issues.push(issue('invalid-value', `Entry ${index} does not match its checksum: it was changed after the library wrote it.`, raw, [index, 'sum']));
      skipped++;
      continue;
    }
    if (event.ticketId !== ticketId) {
      issues.push(issue('other-ticket', `Entry ${index} belongs to ticket ${String(event.ticketId)}, not ${ticketId}.`, raw, [index, 'ticketId'], { ticketId: String(event.ticketId) }));
      skipped++;
      continue;
    }
    const seq = event.seq as number;
    const expected = previous + 1;
    const tookTheGap = seq > expected && seq <= expected + skipped;
    skipped = 0;
    if (seq !== expected && !tookTheGap) {
      const code = seq === previous ? 'sequence-repeat' : seq > expected ? 'sequence-gap' : 'sequence-disorder';
      issues.push(issue(code, `Entry ${index} is number ${seq}; number ${expected} was expected here.`, raw, [index, 'seq'], { expected }));
    }
    previous = Math.max(previous, seq);
    events.push(event as unknown as TicketEvent);
  }
  return issues.length > 0 ? err(issues) : ok(events);
}
