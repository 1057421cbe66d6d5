import { err, ok, type Result } from '../result.js';
import type { TicketEvent } from '../ticket/events.js';

const TYPES = new Set(['ticket-opened', 'requester-changed', 'added', 'removed', 'comment-added', 'comment-moved', 'comment-visibility-changed', 'notice-raised', 'notice-resolved']);

export interface EventIssue {
  readonly code: 'not-an-event' | 'unsupported-version' | 'unknown-event';
  /** Where in the log, e.g. `[12]`. */
  readonly path: string;
  readonly message: string;
  readonly input: unknown;
}

/**
 * Checks a stored event log before folding it (E3): every entry an object with a known
 * `type` and a version this library reads (`v: 1`). A log from a newer version is
 * reported rather than folded wrongly.
 *
 * @example
 * const log = readEvents(JSON.parse(stored));
 * const ticket = log.ok ? fold(log.value) : null;
 */
export function readEvents(input: unknown): Result<readonly TicketEvent[], readonly EventIssue[]> {
  if (!Array.isArray(input)) return err([{ code: 'not-an-event', path: '', message: 'An event log is a list.', input }]);
  const issues: EventIssue[] = [];
  input.forEach((event: unknown, i) => {
    const path = `[${i}]`;
    if (typeof event !== 'object' || event === null) issues.push({ code: 'not-an-event', path, message: `${path} is not an event.`, input: event });
    else if ((event as { v?: unknown }).v !== 1) issues.push({ code: 'unsupported-version', path, message: `${path} has version ${String((event as { v?: unknown }).v)}; this library reads version 1.`, input: event });
    else if (!TYPES.has(String((event as { type?: unknown }).type))) issues.push({ code: 'unknown-event', path, message: `${path} has an unknown type.`, input: event });
  });
  return issues.length > 0 ? err(issues) : ok(input as TicketEvent[]);
}
