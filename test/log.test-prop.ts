import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { eraseAddress, fold, normalizeAddress, readEvents, type Ticket, type TicketEvent } from '../src/index.js';
import { checksum } from '../src/ticket/checksum.js';
import { assertTicketInvariants } from '../src/testing/invariants.js';
import { addressesIn, logs } from './support/logs.js';

const RUNS = { numRuns: 150 };
const admin = { kind: 'admin', id: 'mia' } as const;

/** Who is on the ticket and what it holds, with one key renamed: what an erasure must keep. */
const shape = (t: Ticket, rename: (key: string) => string = (k) => k) => ({
  requester: t.requester === null ? null : rename(t.requester.key),
  ccs: t.ccs.map((m) => rename(m.key)),
  bccs: t.bccs.map((m) => rename(m.key)),
  followers: t.followers.map((m) => rename(m.key)),
  memory: t.memory.map((m) => [rename(m.key), m.lastUsed]),
  notices: t.notices.map((n) => n.kind),
  heldBack: t.heldBack.map((h) => [rename(h.mailbox.key), h.reason]),
  refused: t.refused.length,
  commentCount: t.commentCount,
  resolvedNotices: t.resolvedNotices.length,
});

describe('E7: erasure over random logs', () => {
  it.prop([logs({ caseSensitive: false }), fc.nat()], RUNS)('E7 I7: erasing any address in a log gives a log that reads, folds like the original, keeps the invariants, and holds no trace of it', ({ config, ticketId, log }, pick) => {
    const candidates = addressesIn(log);
    const address = candidates[pick % candidates.length]!;
    const key = normalizeAddress(address);
    if (!key.ok) return; // an end user's address the library could not parse: nothing of it is a participant
    const r = eraseAddress(log, address, { at: '2026-03-01T00:00:00Z', by: admin });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { events, pseudonym } = r.value;
    expect(events).toHaveLength(log.length + 1);
    expect(events.at(-1)).toMatchObject({ type: 'address-erased', pseudonym, seq: log.length + 1, ticketId, cause: 'erasure' });

    const read = readEvents(JSON.parse(JSON.stringify(events)), { ticketId });
    expect(read.ok ? [] : read.error).toEqual([]);
    const before = fold(log);
    const after = fold(events);
    const pseudoKey = normalizeAddress(pseudonym);
    expect(pseudoKey.ok).toBe(true);
    expect(shape(after)).toEqual(shape(before, (k) => (k === key.value ? (pseudoKey.ok ? pseudoKey.value : '') : k)));
    expect(after.revision).toBe(before.revision + 1);
    assertTicketInvariants(after, events, config);

    const json = JSON.stringify(events).toLowerCase();
    expect(json).not.toContain(address.toLowerCase());
    expect(json).not.toContain(key.value.toLowerCase());
  });

  it.prop([logs(), fc.nat()], { numRuns: 100 })('E7: the pseudonym is stable: erasing the same address in another case gives the same one, and erasing twice changes nothing more', ({ log }, pick) => {
    const candidates = addressesIn(log).filter((a) => normalizeAddress(a).ok);
    const address = candidates[pick % candidates.length];
    if (address === undefined) return;
    const once = eraseAddress(log, address, { at: 't1', by: admin });
    const upper = eraseAddress(log, address.toUpperCase(), { at: 't1', by: admin });
    expect(once.ok && upper.ok).toBe(true);
    if (!once.ok || !upper.ok) return;
    expect(upper.value.pseudonym).toBe(once.value.pseudonym);
    const twice = eraseAddress(once.value.events, address, { at: 't2', by: admin });
    expect(twice.ok).toBe(true);
    if (!twice.ok) return;
    expect(twice.value.events.slice(0, -1)).toEqual(once.value.events);
  });
});

type Damage =
  | { kind: 'drop'; index: number }
  | { kind: 'repeat'; index: number; to: number }
  | { kind: 'swap'; a: number; b: number }
  | { kind: 'other-ticket'; index: number; from: number }
  | { kind: 'edit'; index: number; edit: Edit }
  | { kind: 'truncate'; length: number }
  | { kind: 'garbage'; index: number; entry: unknown };

type Edit = 'field' | 'address' | 'seq' | 'ticketId' | 'seq-restamped' | 'ticketId-restamped' | 'v' | 'by' | 'type' | 'drop-key' | 'extra-key' | 'name';

const damage = (n: number): fc.Arbitrary<Damage> => {
  const index = fc.nat(n - 1);
  return fc.oneof(
    index.map((i): Damage => ({ kind: 'drop', index: i })),
    fc.tuple(index, fc.nat(n)).map(([i, to]): Damage => ({ kind: 'repeat', index: i, to: Math.max(i + 1, to) })),
    fc.tuple(index, index).filter(([a, b]) => a !== b).map(([a, b]): Damage => ({ kind: 'swap', a: Math.min(a, b), b: Math.max(a, b) })),
    fc.tuple(fc.nat(n), index).map(([i, from]): Damage => ({ kind: 'other-ticket', index: i, from })),
    fc.tuple(index, fc.constantFrom<Edit>('field', 'address', 'seq', 'ticketId', 'seq-restamped', 'ticketId-restamped', 'v', 'by', 'type', 'drop-key', 'extra-key', 'name')).map(([i, edit]): Damage => ({ kind: 'edit', index: i, edit })),
    fc.nat(n).map((length): Damage => ({ kind: 'truncate', length })),
    fc.tuple(fc.nat(n), fc.oneof(fc.constantFrom(null, 42, 'event', [], {}, { v: 2 }, { v: 2, type: 'added' }, { v: 1, type: 'ticket-opened' }), fc.jsonValue())).map(([i, entry]): Damage => ({ kind: 'garbage', index: i, entry })),
  );
};

const restamp = (e: Record<string, unknown>) => {
  const { sum: _sum, ...rest } = e;
  return { ...rest, sum: checksum(rest) };
};

/** One field of one event changed as storage might: the checksum is left as it was unless the name says otherwise. */
function edited(event: TicketEvent, edit: Edit): Record<string, unknown> | null {
  const e = structuredClone(event) as unknown as Record<string, unknown>;
  switch (edit) {
    case 'field':
      if (e.field === undefined) return null;
      e.field = e.field === 'bcc' ? 'cc' : 'bcc';
      return e;
    case 'address': {
      const m = (e.mailbox ?? e.to ?? (e.comment as Record<string, unknown> | undefined)?.author) as Record<string, unknown> | null | undefined;
      if (m === null || m === undefined) return null;
      m.address = 'eve@evil.example';
      m.key = 'eve@evil.example';
      return e;
    }
    case 'seq':
      e.seq = (e.seq as number) + 1;
      return e;
    case 'seq-restamped':
      return restamp({ ...e, seq: (e.seq as number) + 2 });
    case 'ticketId':
      e.ticketId = 'T-other';
      return e;
    case 'ticketId-restamped':
      return restamp({ ...e, ticketId: 'T-other' });
    case 'v':
      e.v = 1;
      return e;
    case 'by':
      e.by = { kind: 'agent', id: 'mallory' };
      return e;
    case 'type':
      e.type = e.type === 'added' ? 'removed' : 'added';
      return e;
    case 'drop-key':
      delete e.at;
      return e;
    case 'extra-key':
      e.bcc = ['eve@evil.example'];
      return e;
    case 'name': {
      const m = (e.mailbox ?? e.to) as Record<string, unknown> | undefined;
      if (m === undefined) return null;
      m.name = `${String(m.name)}!`;
      return e;
    }
  }
}

/** The damaged log, and what reading it must give: an issue at one index, or the ticket of a prefix. */
function apply(log: readonly TicketEvent[], d: Damage): { entries: unknown[]; expect: { reportAt: number } | { prefix: number } } | null {
  const entries: unknown[] = [...log];
  switch (d.kind) {
    case 'drop':
      entries.splice(d.index, 1);
      return { entries, expect: d.index === log.length - 1 ? { prefix: d.index } : { reportAt: d.index } };
    case 'repeat':
      entries.splice(d.to, 0, structuredClone(log[d.index]));
      return { entries, expect: { reportAt: d.to } };
    case 'swap':
      [entries[d.a], entries[d.b]] = [entries[d.b], entries[d.a]];
      return { entries, expect: { reportAt: d.a } };
    case 'other-ticket':
      entries.splice(d.index, 0, restamp({ ...(log[d.from] as unknown as Record<string, unknown>), ticketId: 'T-other', seq: d.index + 1 }));
      return { entries, expect: { reportAt: d.index } };
    case 'edit': {
      const e = edited(log[d.index]!, d.edit);
      if (e === null) return null;
      entries[d.index] = e;
      return { entries, expect: { reportAt: d.index } };
    }
    case 'truncate':
      return { entries: entries.slice(0, d.length), expect: { prefix: d.length } };
    case 'garbage':
      entries.splice(d.index, 0, d.entry);
      return { entries, expect: { reportAt: d.index } };
  }
}

const damaged = logs().chain((g) => fc.tuple(fc.constant(g), damage(g.log.length)));

describe('I12 E4: damaged logs', () => {
  it.prop([damaged], { numRuns: 250 })('I12: one damage to a valid log is reported at its index, or the log is a valid prefix that folds to that prefix’s ticket; never a throw', ([{ ticketId, log }, d]) => {
    const case_ = apply(log, d);
    if (case_ === null) return;
    const stored = JSON.parse(JSON.stringify(case_.entries)) as unknown;
    const read = readEvents(stored, { ticketId });
    if ('prefix' in case_.expect) {
      expect(read.ok ? [] : read.error).toEqual([]);
      if (read.ok) expect(fold(read.value)).toEqual(fold(log.slice(0, case_.expect.prefix)));
      return;
    }
    expect(read.ok).toBe(false);
    if (read.ok) return;
    const at = case_.expect.reportAt;
    expect(read.error.map((i) => i.path[0])).toContain(at);
    // Nothing before the damage is blamed.
    expect(read.error.every((i) => typeof i.path[0] === 'number' && i.path[0] >= at)).toBe(true);
  });

  it.prop([damaged], { numRuns: 150 })('E4: without the expected ticket id, a damaged log is still reported or reads as a prefix of the original', ([{ log }, d]) => {
    const case_ = apply(log, d);
    if (case_ === null) return;
    const read = readEvents(JSON.parse(JSON.stringify(case_.entries)));
    if (read.ok) expect(fold(read.value)).toEqual(fold(log.slice(0, read.value.length)));
  });
});

/** The checksum's definition (E4), building the canonical text: the library hashes it without building it. */
function canonicalText(value: unknown, top = false): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((x) => canonicalText(x)).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort().filter((k) => !(top && k === 'sum') && record[k] !== undefined);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText(record[k])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

describe('E4: event checksums', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'é', '"', '\\', '\n', '\u0000', '\u2028', '\ud83d', '\ude00', '😀', 'z', ' ') });
  const json = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.array(tie('value')), fc.dictionary(text, tie('value'))),
  })).value;
  it.prop([fc.dictionary(text, json)], { numRuns: 300 })('E4: the checksum is FNV-1a over the canonical JSON (sorted keys, no sum), whatever the strings hold', (value) => {
    expect(checksum(value)).toBe(fnv1a(canonicalText(value, true)));
    expect(checksum({ ...value, sum: 'x' })).toBe(checksum(value));
    // With a table of texts (a prepared context's), over deeply frozen parts, twice: the same sum.
    const texts = new WeakMap<object, string>();
    const frozen = structuredClone(value);
    const freeze = (v: unknown): void => {
      if (typeof v === 'object' && v !== null) {
        Object.values(v).forEach(freeze);
        Object.freeze(v);
      }
    };
    Object.values(frozen).forEach(freeze);
    const expected = fnv1a(canonicalText(frozen, true));
    expect(checksum(frozen, texts)).toBe(expected);
    expect(checksum(frozen, texts)).toBe(expected);
    expect(checksum({ ...frozen, other: [frozen] }, texts)).toBe(fnv1a(canonicalText({ ...frozen, other: [frozen] }, true)));
  });
  it('E4: a frozen part holding something not frozen is summed as it is now, not as it was', () => {
    const texts = new WeakMap<object, string>();
    const list = ['a'];
    const part = Object.freeze({ list });
    const before = checksum({ part }, texts);
    list.push('b');
    expect(checksum({ part }, texts)).not.toBe(before);
    expect(checksum({ part }, texts)).toBe(fnv1a(canonicalText({ part }, true)));
  });
  it.prop([logs()], { numRuns: 50 })('E4: every event of a log carries the checksum of its canonical JSON', ({ log }) => {
    for (const e of log) expect(e.sum).toBe(fnv1a(canonicalText(e, true)));
  });
});
