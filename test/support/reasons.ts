import type { Handled, TicketEvent } from '../../src/index.js';

/**
 * The reasons a command stored, one line per reason: the event type, the rule id, then the
 * setting (name=value), the header name, the directory kind and the caller's rule that
 * decided. Ids and settings only: the English words are tested apart.
 */
export function reasonIds(r: Pick<Handled, 'events'> | readonly TicketEvent[]): string[] {
  const events = 'events' in r ? r.events : r;
  return events.flatMap((e) => {
    const reasons = e.type === 'recipients-refused' ? e.refused.flatMap((x) => (x.reason === undefined ? [] : [x.reason])) : (e.reasons ?? []);
    return reasons.map((x) =>
      [e.type, x.rule, x.setting && `${x.setting.name}=${String(x.setting.value)}`, x.header && x.header.name, x.directory && x.directory.kind, x.callerRule && `rule:${x.callerRule}`].filter(Boolean).join(' '),
    );
  });
}
