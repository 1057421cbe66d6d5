// A simulator session as plain JSON: settings, rules, the directory, and the ticket's event log.
// The log is the state: the ticket is always `fold(log)`, and undo drops the last step's events.
import {
  createDirectory,
  fold,
  formatPath,
  handle,
  parseRules,
  parseSettings,
  readEvents,
  type Command,
  type DirectoryEntry,
  type Handled,
  type Issue,
  type Rule,
  type Settings,
  type Ticket,
  type TicketEvent,
} from 'ticket-recipients';

/** One command the page ran: which step it belongs to and how many events it appended. */
export interface Entry {
  readonly step: number;
  readonly label: string;
  readonly command: Command;
  readonly events: number;
  /** Which of `earlier` this command ran under; absent: the session's current settings and rules. */
  readonly context?: number;
}

/** Settings and rules a session used before they were changed. */
export interface EarlierContext {
  readonly settings: Settings;
  readonly rules: readonly Rule[];
}

export interface Session {
  readonly v: 1;
  readonly settings: Settings;
  readonly rules: readonly Rule[];
  readonly directory: readonly DirectoryEntry[];
  readonly ticketId: string;
  /** The ticket's event log, as `readEvents` reads it. */
  readonly log: readonly TicketEvent[];
  /** What made the log, command by command (for undo, the timeline's reasons and "copy as a test"). */
  readonly entries: readonly Entry[];
  /**
   * The settings and rules in force before each change of them, for the entries that ran under
   * them: a past comment's plan, its reasons and a test replaying it use what was in force then.
   */
  readonly earlier?: readonly EarlierContext[];
}

export const DIRECTORY: readonly DirectoryEntry[] = [
  { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate' },
  { address: 'liam@desk.example', kind: 'light-agent', id: 'liam', name: 'Liam' },
  { address: 'mia@desk.example', kind: 'admin', id: 'mia', name: 'Mia Müller' },
  { address: 'paula@partner.example', kind: 'end-user', name: 'Paula Partner' },
];

export const emptySession = (settings: Settings, rules: readonly Rule[] = []): Session => ({ v: 1, settings, rules, directory: DIRECTORY, ticketId: 'T-1', log: [], entries: [] });

/** The context the next command runs under: the current settings and rules. */
export const contextOf = (s: Session) => ({ settings: s.settings, rules: s.rules, directory: createDirectory(s.directory) });

/** The context entry `i` ran under: a change of settings or rules applies to the commands after it, not to what happened. */
export function contextAt(s: Session, i: number) {
  const index = s.entries[i]?.context;
  const then = index === undefined ? undefined : s.earlier?.[index];
  return then === undefined ? contextOf(s) : { settings: then.settings, rules: then.rules, directory: createDirectory(s.directory) };
}

/** The session with new settings or rules: the entries made so far keep the ones they ran under. */
export function withContext(s: Session, settings: Settings, rules: readonly Rule[] = s.rules): Session {
  const same = JSON.stringify([settings, rules]) === JSON.stringify([s.settings, s.rules]);
  if (same || s.entries.every((e) => e.context !== undefined)) return { ...s, settings, rules };
  const earlier = [...(s.earlier ?? []), { settings: s.settings, rules: s.rules }];
  const context = earlier.length - 1;
  return { ...s, settings, rules, earlier, entries: s.entries.map((e) => (e.context === undefined ? { ...e, context } : e)) };
}

/** The ticket the log folds into; `null` before the first email. */
export const ticketOf = (s: Session): Ticket | null => (s.log.length === 0 ? null : fold(s.log));

/** The ticket before entry `i` ran (the log up to it). */
export function ticketBefore(s: Session, i: number): Ticket | null {
  const n = s.entries.slice(0, i).reduce((sum, e) => sum + e.events, 0);
  return n === 0 ? null : fold(s.log.slice(0, n));
}

/** The ticket after entry `i` ran. */
export const ticketAfter = (s: Session, i: number): Ticket | null => ticketBefore(s, i + 1);

/** The first and last index (exclusive) of entry `i`'s events in the log. */
export function eventRange(s: Session, i: number): readonly [number, number] {
  const start = s.entries.slice(0, i).reduce((sum, e) => sum + e.events, 0);
  return [start, start + (s.entries[i]?.events ?? 0)];
}

const nextStep = (s: Session): number => (s.entries.at(-1)?.step ?? 0) + 1;

/** When the next command happens: the library has no clock, the page counts minutes. */
export const nextAt = (s: Session): string => new Date(Date.UTC(2026, 2, 2, 9, 0) + s.entries.length * 60_000).toISOString();

export type Applied = { readonly ok: true; readonly session: Session; readonly handled: readonly Handled[] } | { readonly ok: false; readonly issues: readonly Issue[] };

/**
 * Runs commands as one step: each on the ticket the previous one left. A refused command
 * refuses the whole step (nothing is appended). `make` receives the ticket so far, so that a
 * step's second command (the comment after an edit) sees the first one's result.
 */
export function apply(s: Session, label: string, makers: readonly ((ticket: Ticket | null, at: string) => Command | null)[]): Applied {
  const context = contextOf(s);
  const step = nextStep(s);
  let ticket = ticketOf(s);
  let log = [...s.log];
  const entries = [...s.entries];
  const handled: Handled[] = [];
  for (const make of makers) {
    const command = make(ticket, new Date(Date.UTC(2026, 2, 2, 9, 0) + entries.length * 60_000).toISOString());
    if (command === null) continue;
    const r = handle(ticket, command, context);
    if (!r.ok) return { ok: false, issues: r.error };
    handled.push(r.value);
    log = [...log, ...r.value.events];
    entries.push({ step, label, command, events: r.value.events.length });
    if (r.value.ticket !== null) ticket = r.value.ticket;
  }
  const ticketId = s.log.length === 0 && ticket !== null ? ticket.id : s.ticketId;
  return { ok: true, session: { ...s, ticketId, log, entries }, handled };
}

/** Drops the last step's events and entries: the ticket is folded again from what is left. */
export function undo(s: Session): Session {
  const last = s.entries.at(-1)?.step;
  if (last === undefined) return s;
  const keep = s.entries.filter((e) => e.step !== last);
  const n = keep.reduce((sum, e) => sum + e.events, 0);
  return { ...s, log: s.log.slice(0, n), entries: keep };
}

export interface SessionProblem {
  readonly where: string;
  readonly code: string;
  readonly message: string;
}

/**
 * Reads a session from JSON (a shared link or a downloaded file): the settings through
 * `parseSettings`, the rules through `parseRules`, the log through `readEvents`.
 */
export function readSession(input: unknown): { readonly session: Session | null; readonly problems: readonly SessionProblem[] } {
  const problems: SessionProblem[] = [];
  if (typeof input !== 'object' || input === null) return { session: null, problems: [{ where: '', code: 'not-an-object', message: 'A session is an object with settings, rules and log.' }] };
  const raw = input as Record<string, unknown>;
  const settings = parseSettings(raw.settings);
  if (!settings.ok) problems.push(...settings.error.map((i) => ({ where: formatPath(['settings', ...i.path]), code: i.code, message: i.message })));
  const rules = parseRules(raw.rules ?? []);
  if (!rules.ok) problems.push(...rules.error.map((i) => ({ where: formatPath(i.path) || 'rules', code: i.code, message: i.message })));
  const log = readEvents(raw.log ?? []);
  if (!log.ok) problems.push(...log.error.map((i) => ({ where: formatPath(['log', ...i.path]), code: i.code, message: i.message })));
  const earlier: EarlierContext[] = [];
  // Absent in links shared before the session kept them; anything else than a list is reported, never ignored.
  if (raw.earlier !== undefined && !Array.isArray(raw.earlier)) problems.push({ where: 'earlier', code: 'wrong-type', message: 'earlier must be a list of the settings and rules earlier commands ran under.' });
  (Array.isArray(raw.earlier) ? (raw.earlier as unknown[]) : []).forEach((c, i) => {
    const before = typeof c === 'object' && c !== null ? (c as Record<string, unknown>) : {};
    const past = parseSettings(before.settings);
    if (!past.ok) problems.push(...past.error.map((p) => ({ where: formatPath(['earlier', i, 'settings', ...p.path]), code: p.code, message: p.message })));
    const pastRules = parseRules(before.rules ?? []);
    if (!pastRules.ok) problems.push(...pastRules.error.map((p) => ({ where: formatPath(['earlier', i, ...p.path]), code: p.code, message: p.message })));
    if (past.ok && pastRules.ok) earlier.push({ settings: past.value, rules: pastRules.value });
  });
  const entries = Array.isArray(raw.entries) ? (raw.entries as Entry[]) : [];
  entries.forEach((e, i) => {
    const c = e?.context;
    if (c !== undefined && !(Number.isInteger(c) && c >= 0 && c < earlier.length)) problems.push({ where: formatPath(['entries', i, 'context']), code: 'invalid-value', message: `Entry ${i} ran under earlier settings number ${JSON.stringify(c)}; the session keeps ${earlier.length}.` });
  });
  const total = entries.reduce((sum, e) => sum + (typeof e?.events === 'number' ? e.events : Number.NaN), 0);
  if (log.ok && total !== log.value.length) problems.push({ where: 'entries', code: 'invalid-value', message: `The entries account for ${total} events; the log has ${log.value.length}.` });
  if (!settings.ok || !rules.ok || !log.ok || problems.length > 0) return { session: null, problems };
  const directory = Array.isArray(raw.directory) ? (raw.directory as DirectoryEntry[]) : DIRECTORY;
  const ticketId = log.value[0]?.ticketId ?? 'T-1';
  return { session: { v: 1, settings: settings.value, rules: rules.value, directory, ticketId, log: log.value, entries, ...(earlier.length > 0 ? { earlier } : {}) }, problems };
}

// The URL hash: the session's JSON, UTF-8, base64url.
export function toHash(s: Session): string {
  const bytes = new TextEncoder().encode(JSON.stringify(s));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return `#s=${btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;
}

export function fromHash(hash: string): unknown {
  const m = /^#s=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m?.[1]) return null;
  try {
    const binary = atob(m[1].replace(/-/g, '+').replace(/_/g, '/'));
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    return null;
  }
}
