// Behaviour pinned after mutation testing of src/ticket and src/context: the checksum and the
// Message-ID buckets are stored formats (a stored log or ticket must keep reading), so they are
// checked against an independent reading of their definition; the ticket checks on both sides
// of each line; suggestions by field, name and limit.
import { describe, expect, it } from 'vitest';
import {
  checkTicket,
  createComposer,
  createDirectory,
  emptyTicket,
  fold,
  handle,
  isRecipientEvent,
  planDelivery,
  prepareContext,
  readEvents,
  suggest,
  validateTicket,
  type Rule,
  type Ticket,
  type TicketEvent,
} from '../src/index.js';
import { checksum } from '../src/ticket/checksum.js';
import { hasMessageId, withMessageId, MESSAGE_ID_BUCKETS, MESSAGE_IDS_PER_BUCKET } from '../src/ticket/message-ids.js';
import { contextWith, edit, email, lightAgent, must, opened, SUPPORT } from './support/tickets.js';

// ---------------------------------------------------------------------------------------------
// E4: the checksum, read from its definition: FNV-1a (32 bits, UTF-16 code units) over the
// event's JSON with keys sorted, without the top-level `sum`, undefined members left out.

function canonicalText(value: unknown, top: boolean): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${Array.from({ length: value.length }, (_, i) => (i in value ? canonicalText(value[i], false) : '')).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .sort()
      .filter((k) => !(top && k === 'sum') && record[k] !== undefined);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalText(record[k], false)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16).padStart(8, '0');
}

const reference = (value: unknown): string => fnv1a(canonicalText(value, true));

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
};

const samples: unknown[] = [
  'plain',
  '',
  'quote " and backslash \\ inside',
  'tab\tnew line\nbell\u0007 unit separator\u001f space ~ delete\u007f',
  'lone high \ud800 and lone low \udfff, just outside \ud7ff \ue000',
  'pair \ud83d\ude00 and é, ü, ß',
  42,
  -0.5,
  true,
  false,
  null,
  [],
  {},
  [1, 'two', null, [3, [4]], { b: 1, a: 2 }],
  // eslint-disable-next-line no-sparse-arrays
  [1, , 3],
  [undefined, 'x'],
  { z: 1, y: { d: [1, 2], c: 'é' }, x: undefined, a: null, sum: 'top level: left out' },
  { nested: { sum: 'kept below the top', other: 1 } },
  { 'key "quoted"': 1, 'key\nwith line': 2, B: 3, a: 4, Z: 5, _: 6, '': 7 },
  { e: 5, d: 4, c: 3, b: 2, a: 1 },
  { a: 1, c: 3, b: 2 },
  [{ v: 2, type: 'added', field: 'cc', mailbox: { address: 'Bob <bob@acme.example>', name: 'Bob "B" Roe', key: 'bob@acme.example' }, sum: 'abc' }],
];

describe('E4: an event checksum is FNV-1a over the canonical JSON, byte for byte', () => {
  it('E4: every kind of value hashes as its canonical JSON text', () => {
    for (const value of samples) expect([value, checksum(value)]).toEqual([value, reference(value)]);
  });

  it('E4: the checksum is eight lower-case hex digits, padded with zeros', () => {
    // 'c' happens to hash to a value under 0x10000000 is not guaranteed, so look for one that does.
    let found: string | undefined;
    for (let i = 0; i < 5000 && found === undefined; i++) if (reference(`s${i}`).startsWith('0')) found = `s${i}`;
    expect(found).toBeDefined();
    expect(checksum(found)).toBe(reference(found));
    expect(checksum(found)).toMatch(/^0[0-9a-f]{7}$/);
  });

  it('E4: with the texts of frozen parts remembered, the checksum is the same, and a part that is not frozen is read again', () => {
    const texts = new WeakMap<object, string>();
    for (const value of samples) {
      const frozen = deepFreeze(structuredCloneWithHoles(value));
      expect(checksum(frozen, texts)).toBe(reference(frozen));
      expect(checksum(frozen, texts)).toBe(reference(frozen));
      // The same parts inside a new event: their remembered text is theirs.
      const event = { type: 'added', parts: [frozen, frozen], sum: 'x' };
      expect(checksum(event, texts)).toBe(reference(event));
      expect(checksum(event, texts)).toBe(reference(event));
    }
    // A frozen list holding a mailbox that is not frozen: its text is not remembered.
    const mailbox = { address: 'bob@acme.example', name: null as string | null, key: 'bob@acme.example' };
    const list = Object.freeze([Object.freeze({ field: 'cc' }), mailbox]);
    const record = Object.freeze({ list, other: Object.freeze({ a: 1 }) });
    const event = { type: 'x', record };
    expect(checksum(event, texts)).toBe(reference(event));
    mailbox.name = 'Bob';
    expect(checksum(event, texts)).toBe(reference(event));
    const holder = Object.freeze({ inner: mailbox });
    const top = { holder, after: Object.freeze([holder]) };
    expect(checksum(top, texts)).toBe(reference(top));
    mailbox.key = 'robert@acme.example';
    expect(checksum(top, texts)).toBe(reference(top));
  });

  it('E4: a stored log whose event was edited is reported at its sum; the unedited log reads', () => {
    const r = must(null, { ...email({ from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example', id: '<m1@acme.example>' }), newTicketId: 'T-1' } as never);
    const log = JSON.parse(JSON.stringify(r.events)) as TicketEvent[];
    for (const e of log) expect(e.sum).toBe(reference(e));
    expect(readEvents(log, { ticketId: 'T-1' }).ok).toBe(true);
    const edited = log.map((e) => (e.type === 'added' ? { ...e, mailbox: { ...e.mailbox, name: 'Bobby' } } : e));
    const read = readEvents(edited, { ticketId: 'T-1' });
    expect(read.ok ? [] : read.error.map((i) => [i.code, i.path])).toEqual([['invalid-value', [log.findIndex((e) => e.type === 'added'), 'sum']]]);
  });
});

function structuredCloneWithHoles(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) if (i in value) out[i] = structuredCloneWithHoles(value[i]);
    return out;
  }
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, structuredCloneWithHoles(v)]));
  return value;
}

// ---------------------------------------------------------------------------------------------
// F1: the Message-IDs a ticket remembers, in 16 buckets of the latest 16 by a 31-hash of the id.

const bucketOf = (id: string): number => {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) | 0;
  return (h >>> 0) % 16;
};

/** Ids that fall into the given bucket. */
const idsIn = (bucket: number, count: number): string[] => {
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) if (bucketOf(`<m${i}@acme.example>`) === bucket) out.push(`<m${i}@acme.example>`);
  return out;
};

describe('F1: a ticket remembers the latest Message-IDs of each bucket, so a stored ticket keeps finding them', () => {
  it('F1: sixteen buckets of sixteen', () => {
    expect([MESSAGE_ID_BUCKETS, MESSAGE_IDS_PER_BUCKET]).toEqual([16, 16]);
  });

  it('F1: an id goes into the bucket its hash names, and only that bucket is new', () => {
    for (const id of ['<a@x>', '<1@mail.example>', 'ÿ-long-id-with-many-characters-to-overflow-the-hash@example.com', '']) {
      const buckets = withMessageId([], id);
      expect(buckets.length).toBe(16);
      expect(buckets.map((b, i) => (b.length > 0 ? i : -1)).filter((i) => i >= 0)).toEqual([bucketOf(id)]);
      expect(buckets[bucketOf(id)]).toEqual([id]);
      expect(Object.isFrozen(buckets[bucketOf(id)])).toBe(true);
      expect(hasMessageId(buckets, id)).toBe(true);
    }
    const full = withMessageId([], '<a@x>');
    const next = withMessageId(full, '<b@x>');
    full.forEach((bucket, i) => {
      if (i !== bucketOf('<b@x>')) expect(next[i]).toBe(bucket);
    });
  });

  it('F1: a bucket keeps its latest sixteen ids, oldest first, and forgets the one before', () => {
    const ids = idsIn(5, 18);
    let buckets: (readonly string[])[] = [];
    for (const id of ids) buckets = withMessageId(buckets, id);
    expect(buckets[5]).toEqual(ids.slice(2));
    expect(hasMessageId(buckets, ids[0]!)).toBe(false);
    expect(hasMessageId(buckets, ids[1]!)).toBe(false);
    expect(hasMessageId(buckets, ids[2]!)).toBe(true);
    expect(hasMessageId(buckets, ids[17]!)).toBe(true);
    // Fifteen stay fifteen plus one.
    let few: (readonly string[])[] = [];
    for (const id of ids.slice(0, 16)) few = withMessageId(few, id);
    expect(few[5]).toEqual(ids.slice(0, 16));
  });

  it('F1: buckets stored short (older or hand-made tickets) are filled up to sixteen and keep what they had', () => {
    const id = idsIn(3, 1)[0]!;
    const other = idsIn(0, 1)[0]!;
    const short = [[other]];
    const grown = withMessageId(short, id);
    expect(grown.length).toBe(16);
    expect(grown[0]).toEqual([other]);
    expect(grown[3]).toEqual([id]);
    expect(grown.filter((b) => b.length === 0).length).toBe(14);
    expect(short).toEqual([[other]]);
    expect(hasMessageId(short, id)).toBe(false);
    expect(hasMessageId([], id)).toBe(false);
  });

  it('F1: a mail delivered twice is a duplicate on the ticket it opened, and another id is not', () => {
    const first = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', id: '<dup@acme.example>' }), newTicketId: 'T-1' } as never);
    const again = must(first.ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', id: '<dup@acme.example>' }));
    expect(again.email?.outcome).toBe('duplicate');
    const other = must(first.ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', id: '<other@acme.example>' }));
    expect(other.email?.outcome).not.toBe('duplicate');
  });
});

// ---------------------------------------------------------------------------------------------

describe('E2: the empty ticket every history is folded over', () => {
  it('E2: emptyTicket holds nobody and nothing, at revision 0, and is what an empty log folds to', () => {
    const expected = {
      v: 2,
      id: 'T-7',
      requester: null,
      ccs: [],
      bccs: [],
      followers: [],
      memory: [],
      notices: [],
      resolvedNotices: [],
      refused: [],
      heldBack: [],
      internalComments: [],
      mergedInto: null,
      commentCount: 0,
      recentMessageIds: [],
      revision: 0,
    };
    expect(emptyTicket('T-7')).toEqual(expected);
    expect(checkTicket(emptyTicket('T-7')).ok).toBe(true);
  });
});

describe('E1: which events change who is on the ticket', () => {
  it('E1: added, removed and requester-changed are recipient events; the rest, and what is not an event, are not', () => {
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never);
    const edited = must(r.ticket, edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }, { op: 'set-requester', address: 'carl@acme.example' } as never]));
    const all = [...r.events, ...edited.events];
    expect(all.filter(isRecipientEvent).map((e) => e.type)).toEqual(['requester-changed', 'added', 'removed', 'requester-changed']);
    expect(all.filter((e) => !isRecipientEvent(e)).map((e) => e.type)).toEqual(expect.arrayContaining(['ticket-opened', 'comment-added']));
    expect(isRecipientEvent(undefined as never)).toBe(false);
    expect(isRecipientEvent(null as never)).toBe(false);
  });
});

// ---------------------------------------------------------------------------------------------
// C2: suggestions.

describe('C2: suggest offers remembered addresses, then the directory, for the field being filled', () => {
  const people = createDirectory([
    { address: 'kate@desk.example', kind: 'agent', id: 'kate', name: 'Kate Moss' },
    { address: 'Zed Zulu <zed@desk.example>', kind: 'agent', id: 'zed' },
    { address: 'not an address', kind: 'end-user', name: 'Kim Broken' },
    { address: 'paula@partner.example', kind: 'end-user', name: 'Paula Kant' },
  ]);
  const ticket = (): Ticket => {
    let t = opened('ann@acme.example', ['bob@acme.example', 'Kai Lee <kai@acme.example>']);
    t = must(t, edit([{ op: 'add', field: 'bcc', address: 'dan@acme.example' }])).ticket!;
    t = must(t, edit([{ op: 'add', field: 'follower', address: 'kate@desk.example' }])).ticket!;
    return t;
  };

  it('C2: a prefix of the address, of the name, or of a word of the name matches, in any case; the prefix is trimmed', () => {
    const t = ticket();
    expect(suggest(t, '  KA ', people, { field: 'bcc' }).map((s) => [s.address, s.source])).toEqual([
      ['kai@acme.example', 'ticket'],
      ['kate@desk.example', 'directory'],
      ['paula@partner.example', 'directory'],
    ]);
    expect(suggest(t, 'lee', people, { field: 'bcc' }).map((s) => s.address)).toEqual(['kai@acme.example']);
    expect(suggest(t, 'moss', people, { field: 'bcc' }).map((s) => s.address)).toEqual(['kate@desk.example']);
    expect(suggest(t, 'ee', people, { field: 'bcc' })).toEqual([]);
  });

  it('C2: each field leaves out its own holders: requester, CC (the default), BCC, follower', () => {
    const t = ticket();
    const all = (field?: 'requester' | 'cc' | 'bcc' | 'follower') => suggest(t, '', undefined, field === undefined ? {} : { field }).map((s) => s.address).sort();
    expect(all('requester')).toEqual(['bob@acme.example', 'dan@acme.example', 'kai@acme.example']);
    expect(all()).toEqual(['ann@acme.example', 'dan@acme.example']);
    expect(all('cc')).toEqual(['ann@acme.example', 'dan@acme.example']);
    expect(all('bcc')).toEqual(['ann@acme.example', 'bob@acme.example', 'kai@acme.example']);
    expect(all('follower')).toEqual(['ann@acme.example', 'bob@acme.example', 'dan@acme.example', 'kai@acme.example']);
    expect(suggest(t, '', people, { field: 'follower' }).map((s) => s.address)).not.toContain('kate@desk.example');
    const noRequester = { ...emptyTicket('T-2'), memory: [{ address: 'x@acme.example', name: null, key: 'x@acme.example', lastUsed: 1 }] } as unknown as Ticket;
    expect(suggest(noRequester, 'x', undefined, { field: 'requester' }).map((s) => s.address)).toEqual(['x@acme.example']);
  });

  it('C2: the most recently used first, then the directory in its order, at most `limit` (10 by default)', () => {
    const memory = Array.from({ length: 12 }, (_, i) => ({ address: `p${i}@acme.example`, name: null, key: `p${i}@acme.example`, lastUsed: (i * 7) % 12 }));
    const t = { ...emptyTicket('T-3'), memory } as unknown as Ticket;
    const byRecency = [...memory].sort((a, b) => b.lastUsed - a.lastUsed).map((m) => m.address);
    expect(suggest(t, 'p').map((s) => s.address)).toEqual(byRecency.slice(0, 10));
    expect(suggest(t, 'p', undefined, { limit: 3 }).map((s) => s.address)).toEqual(byRecency.slice(0, 3));
    expect(suggest(t, 'p', undefined, { limit: 0 })).toEqual([]);
    const dir = createDirectory(Array.from({ length: 4 }, (_, i) => ({ address: `p${20 + i}@acme.example`, kind: 'end-user' as const })));
    expect(suggest(t, 'p', dir, { limit: 14 }).map((s) => s.address)).toEqual([...byRecency, 'p20@acme.example', 'p21@acme.example']);
  });

  it('C2: a directory suggestion is the parsed address with the entry’s name, or the name in its address; an entry that does not parse is skipped', () => {
    const t = ticket();
    expect(suggest(t, 'z', people)).toEqual([{ address: 'zed@desk.example', name: 'Zed Zulu', key: 'zed@desk.example', source: 'directory' }]);
    expect(suggest(t, 'kim', people)).toEqual([]);
    expect(suggest(t, 'paula', people)).toEqual([{ address: 'paula@partner.example', name: 'Paula Kant', key: 'paula@partner.example', source: 'directory' }]);
    const remembered = suggest(t, 'kai', people, { field: 'bcc' });
    expect(remembered).toEqual([{ address: 'kai@acme.example', name: 'Kai Lee', key: 'kai@acme.example', source: 'ticket' }]);
  });

  it('C2: nothing for a prefix that is not text, a ticket that is not one, or a directory without entries', () => {
    const t = ticket();
    expect(suggest(t, 42 as never, people)).toEqual([]);
    expect(suggest({ ...t, v: 3 } as never, 'a', people)).toEqual([]);
    expect(suggest({ ...t, ccs: 'bob' } as never, 'a', people)).toEqual([]);
    expect(suggest(t, 'kate', { entries: null } as never, { field: 'bcc' })).toEqual([]);
    expect(suggest(t, 'kai', undefined, null as never).map((s) => s.address)).toEqual([]);
    expect(suggest(t, 'dan', undefined, null as never).map((s) => s.address)).toEqual(['dan@acme.example']);
  });

  it('C2: with caseSensitiveLocalPart only when it is true, the directory address keeps its case in its key', () => {
    const t = emptyTicket('T-4');
    const dir = createDirectory([{ address: 'Bob@acme.example', kind: 'end-user' }]);
    expect(suggest(t, 'bob', dir, { caseSensitiveLocalPart: true }).map((s) => s.key)).toEqual(['Bob@acme.example']);
    expect(suggest(t, 'bob', dir, { caseSensitiveLocalPart: false }).map((s) => s.key)).toEqual(['bob@acme.example']);
    expect(suggest(t, 'bob', dir, { caseSensitiveLocalPart: 'yes' as never }).map((s) => s.key)).toEqual(['bob@acme.example']);
  });
});

// ---------------------------------------------------------------------------------------------
// I4, I5, I6: the ticket checks.

const mb = (address: string, name: string | null = null) => ({ address, name, key: address.toLowerCase() });
const withPeople = (patch: Partial<Record<'requester' | 'ccs' | 'bccs' | 'followers' | 'memory', unknown>>): Ticket => ({ ...emptyTicket('T-1'), ...patch }) as unknown as Ticket;
const issuesOf = (r: { ok: boolean; error?: readonly { code: string; path: readonly (string | number)[]; message: string }[] }) => (r.ok ? [] : (r.error ?? []).map((i) => [i.code, i.path.join('.')]));
const settings = { supportAddresses: SUPPORT, ccLimit: 2 };

describe('I6 I5 I4: checkTicket and validateTicket report each rule of the model, at its path', () => {
  it('I6: an address in two email roles is reported where it appears the second time, naming both roles', () => {
    const r = checkTicket(withPeople({ requester: mb('ann@acme.example'), ccs: [mb('bob@acme.example'), mb('ANN@acme.example')], bccs: [mb('bob@acme.example')] }), { settings });
    expect(issuesOf(r)).toEqual([
      ['two-roles', 'ccs.1'],
      ['two-roles', 'bccs.0'],
    ]);
    expect(r.ok ? [] : r.error.map((i) => i.message)).toEqual(['ANN@acme.example is both requester and CC.', 'bob@acme.example is both CC and BCC.']);
  });

  it('I6: a follower may also hold an email role; a follower twice is not two roles', () => {
    const kate = mb('kate@desk.example');
    expect(checkTicket(withPeople({ ccs: [kate], followers: [kate, kate] }), { settings }).ok).toBe(true);
  });

  it('I5: a support address is reported in every role, a follower included', () => {
    const desk = mb('support@desk.example');
    const r = checkTicket(withPeople({ requester: desk, ccs: [mb('reply+abc@in.desk.example')], bccs: [mb('x@desk-old.example')], followers: [desk] }), { settings: { supportAddresses: SUPPORT } });
    expect(issuesOf(r)).toEqual([
      ['forbidden-participant', 'requester'],
      ['forbidden-participant', 'ccs.0'],
      ['forbidden-participant', 'bccs.0'],
      ['forbidden-participant', 'followers.0'],
    ]);
    expect(r.ok ? [] : r.error.map((i) => i.message)).toEqual([
      'support@desk.example may not be requester.',
      'reply+abc@in.desk.example may not be CC.',
      'x@desk-old.example may not be BCC.',
      'support@desk.example may not be a follower.',
    ]);
  });

  it('I4: more CCs than the limit is reported with the limit and the count; at the limit, or with no limit, it passes', () => {
    const three = [mb('a@acme.example'), mb('b@acme.example'), mb('c@acme.example')];
    const over = checkTicket(withPeople({ ccs: three }), { settings });
    expect(over.ok ? [] : over.error).toMatchObject([{ code: 'cc-limit-exceeded', path: ['ccs'], limit: 2, count: 3, input: 3 }]);
    expect(checkTicket(withPeople({ ccs: three.slice(0, 2) }), { settings }).ok).toBe(true);
    expect(checkTicket(withPeople({ ccs: three }), { settings: { ccLimit: null } }).ok).toBe(true);
    expect(checkTicket(withPeople({ ccs: three }), { settings: { ccLimit: 3 } }).ok).toBe(true);
  });

  it('I12: what is not a ticket at all is one issue; a version-2 ticket with a bad field is reported field by field', () => {
    for (const input of [null, 'T-1', 42, { ...emptyTicket('T-1'), v: 1 }, { v: 3 }]) expect(issuesOf(checkTicket(input as never))).toEqual([['not-a-ticket', '']]);
    const bad = { ...emptyTicket('T-1'), ccs: [{ address: 'a@acme.example', name: null }], revision: -1 };
    expect(issuesOf(checkTicket(bad as never))).toEqual([
      ['missing-field', 'ccs.0.key'],
      ['out-of-range', 'revision'],
    ]);
    // Entries of the wrong shape are the shape check's to report: the model check does not add to them.
    const odd = { ...emptyTicket('T-1'), requester: mb('ann@acme.example'), ccs: [{ address: 'ann@acme.example', name: null, key: 7 }, 'ann@acme.example', { address: 5, name: null, key: 'ann@acme.example' }] };
    expect(issuesOf(checkTicket(odd as never)).map(([code]) => code)).not.toContain('two-roles');
    const keyless = { ...emptyTicket('T-1'), ccs: [{ address: 'x@acme.example', name: null }, { address: 'y@acme.example', name: null }] };
    expect(issuesOf(checkTicket(keyless as never))).toEqual([
      ['missing-field', 'ccs.0.key'],
      ['missing-field', 'ccs.1.key'],
    ]);
    // A list that is not a list is reported, not walked.
    expect(issuesOf(checkTicket({ ...emptyTicket('T-1'), ccs: 'bob@acme.example', followers: { 0: mb('kate@desk.example') } } as never))).toEqual([
      ['wrong-type', 'ccs'],
      ['wrong-type', 'followers'],
    ]);
  });

  it('I5: settings that are not valid are reported under settings, and the ticket is not checked', () => {
    expect(issuesOf(checkTicket(withPeople({ ccs: [mb('support@desk.example')] }), { settings: { ccLimit: -1, supportAddresses: SUPPORT } }))).toEqual([['out-of-range', 'settings.ccLimit']]);
    expect(issuesOf(validateTicket(withPeople({}), { ccLimit: 'x' } as never))).toEqual([['wrong-type', 'settings.ccLimit']]);
    expect(issuesOf(checkTicket(emptyTicket('T-1'), null as never))).toEqual([['not-an-object', 'context']]);
  });
});

describe('I12 E4: what is not a ticket, and stored reasons, are reported as such', () => {
  it('I12: a value that is not a version-2 ticket object is `not-a-ticket`, alone; a version-2 ticket with a bad field is reported at the field', () => {
    for (const input of [42, null, 'T-1', { v: 1, id: 'T-1' }]) expect(issuesOf(checkTicket(input as never))).toEqual([['not-a-ticket', '']]);
    expect(issuesOf(validateTicket({ v: 1, id: 'T-1' }))).toEqual([['not-a-ticket', '']]);
    expect(issuesOf(checkTicket({ ...emptyTicket('T-1'), ccs: 'nobody' } as never))).toEqual([['wrong-type', 'ccs']]);
  });

  it('E4: a stored refusal names a rule of the behaviour reference and a setting there is; anything else is reported at its path', () => {
    const refusal = (reason: unknown) => ({ ...emptyTicket('T-1'), refused: [{ input: 'x@acme.example', mailbox: mb('x@acme.example'), field: 'cc', code: 'denylisted', reason }] }) as unknown as Ticket;
    expect(checkTicket(refusal({ rule: 'D2', setting: { name: 'denylist', value: null } })).ok).toBe(true);
    expect(checkTicket(refusal({ rule: 'B10' })).ok).toBe(true);
    expect(issuesOf(checkTicket(refusal({ rule: 'Z9' })))).toEqual([['invalid-value', 'refused.0.reason.rule']]);
    expect(issuesOf(checkTicket(refusal({ rule: 'D100' })))).toEqual([['invalid-value', 'refused.0.reason.rule']]);
    expect(issuesOf(checkTicket(refusal({ rule: 'D2', setting: { name: 'noSuchSetting', value: 1 } })))).toEqual([['invalid-value', 'refused.0.reason.setting.name']]);
    expect(issuesOf(checkTicket(refusal({ rule: 'D2', setting: { name: 'toString', value: 1 } })))).toEqual([['invalid-value', 'refused.0.reason.setting.name']]);
    // A list holding a valid id is still not an id (it would read as one as text).
    expect(issuesOf(checkTicket(refusal({ rule: ['D2'] })))).toEqual([['wrong-type', 'refused.0.reason.rule']]);
    expect(issuesOf(checkTicket(refusal({ rule: 'D2', setting: { name: ['ccLimit'], value: 1 } })))).toEqual([['wrong-type', 'refused.0.reason.setting.name']]);
  });

  it('I5: a ticket that passed the model under a prepared context plans again from what was remembered, with nothing to report', () => {
    const prepared = prepareContext(contextWith());
    const r = handle(opened('ann@acme.example', ['bob@acme.example']), edit([{ op: 'add', field: 'cc', address: 'cy@acme.example' }]), prepared);
    if (!r.ok || r.value.ticket === null) throw new Error('refused');
    for (let i = 0; i < 2; i++) expect(planDelivery(r.value.ticket, { id: 'c-1', visibility: 'public' }, prepared)).toMatchObject({ ok: true });
  });
});

describe('I12: validateTicket re-reads every stored address', () => {
  it('I12: an address that does not parse, or whose key is not its identity, is reported at the field, in every list and in memory', () => {
    const good = mb('ann@acme.example');
    expect(validateTicket(withPeople({ requester: good, memory: [{ ...good, lastUsed: 1 }] }), { supportAddresses: SUPPORT })).toMatchObject({ ok: true });
    const stale = { address: 'Bob@Acme.Example', name: null, key: 'bob@other.example' };
    const broken = { address: 'not an address', name: null, key: 'x' };
    const staleBcc = { address: 'Dan@Acme.Example', name: null, key: 'dan@other.example' };
    const r = validateTicket(withPeople({ requester: stale, ccs: [good, broken], bccs: [staleBcc], followers: [broken], memory: [{ ...stale, lastUsed: 3 }] }), {});
    expect(issuesOf(r)).toEqual([
      ['stale-identity', 'requester.key'],
      ['invalid-address', 'ccs.1.address'],
      ['stale-identity', 'bccs.0.key'],
      ['invalid-address', 'followers.0.address'],
      ['stale-identity', 'memory.0.key'],
    ]);
    expect(r.ok ? null : r.error[0]).toMatchObject({ input: 'bob@other.example' });
    expect(r.ok ? null : r.error[1]).toMatchObject({ input: 'not an address' });
  });

  it('I12: with caseSensitiveLocalPart, a key lower-cased by someone else is a stale identity', () => {
    const t = withPeople({ requester: { address: 'Ann@acme.example', name: null, key: 'ann@acme.example' } });
    expect(validateTicket(t, {}).ok).toBe(true);
    expect(issuesOf(validateTicket(t, { caseSensitiveLocalPart: true }))).toEqual([['stale-identity', 'requester.key']]);
  });

  it('I12: addresses are re-read only once the model passes: a ticket with two roles reports that alone', () => {
    const stale = { address: 'Bob@Acme.Example', name: null, key: 'bob@acme.example ' };
    const r = validateTicket(withPeople({ requester: mb('ann@acme.example'), ccs: [mb('ann@acme.example'), stale] }), {});
    expect(issuesOf(r)).toEqual([['two-roles', 'ccs.0']]);
    expect(issuesOf(validateTicket('nope'))).toEqual([['not-a-ticket', '']]);
  });

  it('I12: a stored ticket the library made validates under its settings (the defaults when none are given)', () => {
    const t = opened('Ann <ann@acme.example>', ['bob@acme.example']);
    expect(validateTicket(t, contextWith().settings)).toEqual({ ok: true, value: t });
    expect(validateTicket(t)).toEqual({ ok: true, value: t });
  });
});

describe('I5: checkTicket under a prepared context checks every ticket it is given again, frozen or not', () => {
  const context = () => prepareContext({ settings: { supportAddresses: SUPPORT, ccLimit: 3 } });
  const desk = () => ({ address: 'support@desk.example', name: null, key: 'support@desk.example' });

  it('I5: a ticket that is not frozen, checked again after its CCs changed, is checked in full', () => {
    const prepared = context();
    const t = { ...emptyTicket('T-1'), ccs: [mb('a@acme.example')] } as unknown as { ccs: unknown[] } & Ticket;
    expect(checkTicket(t, prepared).ok).toBe(true);
    t.ccs.push(desk());
    expect(issuesOf(checkTicket(t, prepared))).toEqual([['forbidden-participant', 'ccs.1']]);
  });

  it('I5: a frozen ticket whose requester, list or mailbox is not frozen is checked in full again', () => {
    const prepared = context();
    // The requester object is not frozen.
    const requester = mb('ann@acme.example');
    const a = Object.freeze({ ...emptyTicket('T-1'), requester, ccs: Object.freeze([]), bccs: Object.freeze([]), followers: Object.freeze([]) }) as unknown as Ticket;
    expect(checkTicket(a, prepared).ok).toBe(true);
    Object.assign(requester, desk());
    expect(issuesOf(checkTicket(a, prepared))).toEqual([['forbidden-participant', 'requester']]);
    // Each list, in turn, is not frozen.
    for (const field of ['ccs', 'bccs', 'followers'] as const) {
      const open: unknown[] = [];
      const lists = { ccs: Object.freeze([]), bccs: Object.freeze([]), followers: Object.freeze([]), [field]: open };
      const b = Object.freeze({ ...emptyTicket('T-1'), requester: null, ...lists }) as unknown as Ticket;
      expect(checkTicket(b, prepared).ok).toBe(true);
      open.push(Object.freeze(desk()));
      expect(issuesOf(checkTicket(b, prepared))).toEqual([['forbidden-participant', `${field}.0`]]);
    }
    // A mailbox in a frozen list is not frozen.
    const inner = mb('bob@acme.example');
    const c = Object.freeze({ ...emptyTicket('T-1'), ccs: Object.freeze([Object.freeze(mb('c@acme.example')), inner]), bccs: Object.freeze([]), followers: Object.freeze([]) }) as unknown as Ticket;
    expect(checkTicket(c, prepared).ok).toBe(true);
    Object.assign(inner, desk());
    expect(issuesOf(checkTicket(c, prepared))).toEqual([['forbidden-participant', 'ccs.1']]);
  });

  it('I5: a mailbox that is not frozen is asked again whether it is a support address', () => {
    const prepared = context();
    const m = mb('bob@acme.example');
    const t1 = { ...emptyTicket('T-1'), ccs: [m] } as unknown as Ticket;
    expect(checkTicket(t1, prepared).ok).toBe(true);
    Object.assign(m, desk());
    const t2 = { ...emptyTicket('T-1'), bccs: [m] } as unknown as Ticket;
    expect(issuesOf(checkTicket(t2, prepared))).toEqual([['forbidden-participant', 'bccs.0']]);
  });

  it('I5: a frozen mailbox is answered the same every time under one prepared context, and anew under another', () => {
    const prepared = context();
    const frozenDesk = Object.freeze(desk());
    const frozenBob = Object.freeze(mb('bob@acme.example'));
    for (let i = 0; i < 2; i++) {
      expect(issuesOf(checkTicket({ ...emptyTicket('T-1'), ccs: [frozenBob, frozenDesk] } as unknown as Ticket, prepared))).toEqual([['forbidden-participant', 'ccs.1']]);
      expect(checkTicket({ ...emptyTicket('T-1'), ccs: [frozenBob] } as unknown as Ticket, prepared).ok).toBe(true);
    }
    const bobIsDesk = prepareContext({ settings: { supportAddresses: ['bob@acme.example'] } });
    expect(issuesOf(checkTicket({ ...emptyTicket('T-1'), ccs: [frozenBob] } as unknown as Ticket, bobIsDesk))).toEqual([['forbidden-participant', 'ccs.0']]);
  });

  it('I4: a frozen ticket that failed is not remembered as passed: it fails every time', () => {
    const prepared = prepareContext({ settings: { ccLimit: 1 } });
    const t = deepFreeze({ ...emptyTicket('T-1'), ccs: [mb('a@acme.example'), mb('b@acme.example')] }) as unknown as Ticket;
    expect(issuesOf(checkTicket(t, prepared))).toEqual([['cc-limit-exceeded', 'ccs']]);
    expect(issuesOf(checkTicket(t, prepared))).toEqual([['cc-limit-exceeded', 'ccs']]);
  });

  it('I12: a frozen ticket with a shape problem is not remembered either: its model is not trusted to the memo', () => {
    const prepared = context();
    const t = deepFreeze({ ...emptyTicket('T-1'), ccs: [mb('a@acme.example')], revision: -1 }) as unknown as Ticket;
    expect(issuesOf(checkTicket(t, prepared))).toEqual([['out-of-range', 'revision']]);
    expect(issuesOf(checkTicket(t, prepared))).toEqual([['out-of-range', 'revision']]);
  });
});

describe('I7: a folded log is a ticket the checks accept', () => {
  it('I7: the ticket folded from a conversation validates, and handle made the same one', () => {
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never);
    const e = must(r.ticket, edit([{ op: 'add', field: 'bcc', address: 'dan@acme.example' }]));
    const folded = fold([...r.events, ...e.events]);
    expect(folded).toEqual(e.ticket);
    expect(validateTicket(folded, contextWith().settings).ok).toBe(true);
    expect(handle(folded, edit([]), contextWith()).ok).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------
// A4, G3: a change is read back by every later question in the same decision (the working set
// keeps its look-ups up to date after each change).

const rule = (id: string, conditions: Rule['conditions'], actions: Rule['actions']): Rule => ({ id, title: id, active: true, conditions, actions });
const withRules = (rules: Rule[]) => ({ ...contextWith(), rules });

describe('A4 G3: what a decision changed is what its later steps see', () => {
  it('A4: the new requester holds the requester role for the rest of the edit; the former one holds none', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'add', field: 'cc', address: 'carl@acme.example' }, { op: 'set-requester', address: 'bob@acme.example' } as never, { op: 'add', field: 'cc', address: 'bob@acme.example' }, { op: 'add', field: 'bcc', address: 'ann@acme.example' }]));
    expect(r.ticket!.requester?.address).toBe('bob@acme.example');
    expect(r.ticket!.ccs.map((m) => m.address)).toEqual(['carl@acme.example']);
    expect(r.ticket!.bccs.map((m) => m.address)).toEqual(['ann@acme.example']);
    expect(checkTicket(r.ticket!, contextWith()).ok).toBe(true);
  });

  it('A4: a requester set on a ticket without one leaves nobody else out of a role', () => {
    const t = { ...emptyTicket('T-1'), ccs: [mb('bob@acme.example')] } as unknown as Ticket;
    const r = must(t, edit([{ op: 'add', field: 'bcc', address: 'dan@acme.example' }, { op: 'set-requester', address: 'ann@acme.example' } as never, { op: 'add', field: 'cc', address: 'bob@acme.example' }]));
    expect(r.ticket!.requester?.address).toBe('ann@acme.example');
    expect(r.ticket!.ccs.map((m) => m.address)).toEqual(['bob@acme.example']);
    expect(r.events.filter((e) => e.type !== 'requester-changed').map((e) => e.type)).toEqual(['added']);
  });

  it('G3: a CC removed by one rule no longer counts for the domain or the address a later rule asks about', () => {
    const rules = [
      rule('probe', { any: [{ type: 'cc-in-domain', domain: 'nowhere.example' }, { type: 'cc-contains', address: 'nobody@nowhere.example' }] }, [{ type: 'notify-requester' }]),
      rule('drop-vip', { all: [{ type: 'cc-contains', address: 'vip@vip.example' }] }, [{ type: 'remove-cc', address: 'vip@vip.example' }]),
      rule('watch-domain', { any: [{ type: 'cc-in-domain', domain: 'vip.example' }] }, [{ type: 'add-bcc', address: 'mia@desk.example' }]),
      rule('watch-address', { any: [{ type: 'cc-contains', address: 'vip@vip.example' }] }, [{ type: 'add-bcc', address: 'otto@desk.example' }]),
    ];
    const one = must(opened(), edit([{ op: 'add', field: 'cc', address: 'vip@vip.example' }]), withRules(rules));
    expect(one.firedRules).toEqual(['drop-vip']);
    expect(one.ticket!.bccs).toEqual([]);
    // Another CC of the domain stays: the domain still counts once.
    const two = must(opened(), edit([{ op: 'add', field: 'cc', address: 'vip@vip.example' }, { op: 'add', field: 'cc', address: 'boss@vip.example' }]), withRules(rules));
    expect(two.firedRules).toEqual(['drop-vip', 'watch-domain']);
    expect(two.ticket!.bccs.map((m) => m.address)).toEqual(['mia@desk.example']);
  });

  it('G3: a CC added by one rule counts for the domain and the address a later rule asks about', () => {
    const rules = [
      rule('probe', { any: [{ type: 'cc-in-domain', domain: 'nowhere.example' }, { type: 'cc-contains', address: 'nobody@nowhere.example' }] }, [{ type: 'notify-requester' }]),
      rule('watch-domain', { any: [{ type: 'cc-in-domain', domain: 'vip.example' }] }, [{ type: 'add-bcc', address: 'mia@desk.example' }]),
      rule('watch-address', { any: [{ type: 'cc-contains', address: 'vip@vip.example' }] }, [{ type: 'add-bcc', address: 'otto@desk.example' }]),
      rule('add-vip', { all: [{ type: 'cc-contains', address: 'bob@acme.example' }] }, [{ type: 'add-cc', address: 'vip@vip.example' }]),
    ];
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]), withRules(rules));
    expect(r.firedRules).toEqual(['add-vip', 'watch-domain', 'watch-address']);
    expect(r.ticket!.bccs.map((m) => m.address)).toEqual(['mia@desk.example', 'otto@desk.example']);
  });

  it('G3: a BCC moved up to CC by a rule is a CC, not a BCC, for the rules after it', () => {
    const rules = [
      rule('probe', { any: [{ type: 'bcc-contains', address: 'nobody@nowhere.example' }, { type: 'cc-in-domain', domain: 'nowhere.example' }] }, [{ type: 'notify-requester' }]),
      rule('promote', { all: [{ type: 'bcc-contains', address: 'dan@vip.example' }] }, [{ type: 'add-cc', address: 'dan@vip.example' }]),
      rule('still-bcc', { all: [{ type: 'bcc-contains', address: 'dan@vip.example' }] }, [{ type: 'add-follower', address: 'otto@desk.example' }]),
      rule('now-cc', { all: [{ type: 'cc-in-domain', domain: 'vip.example' }] }, [{ type: 'add-follower', address: 'kate@desk.example' }]),
    ];
    const r = must(opened(), edit([{ op: 'add', field: 'bcc', address: 'dan@vip.example' }]), withRules(rules));
    expect(r.firedRules).toEqual(['promote', 'now-cc']);
    expect(r.ticket!.followers.map((m) => m.address)).toEqual(['kate@desk.example']);
  });
});

// ---------------------------------------------------------------------------------------------
// D6, D7, D2: the context a decision is handed.

describe('D6 D7: what a context holds is what the decision uses, and what it is not is reported', () => {
  const refusal = (r: ReturnType<typeof handle>) => (r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')]));

  it('D6: a context that is not an object is reported, by the decisions, the checks and the composer, and so is a prepared one made from it', () => {
    for (const bad of [null, 'settings', 42]) {
      expect(refusal(handle(opened(), edit([]), bad as never))).toEqual([['not-an-object', 'context']]);
      expect(issuesOf(checkTicket(emptyTicket('T-1'), bad as never))).toEqual([['not-an-object', 'context']]);
      expect(createComposer(opened(), bad as never).issues.map((i) => [i.code, i.path.join('.')])).toEqual([['not-an-object', 'context']]);
      expect(refusal(handle(opened(), edit([]), prepareContext(bad as never)))).toEqual([['not-an-object', 'context']]);
    }
    expect(createComposer(opened(), undefined).issues).toEqual([]);
  });

  it('D6: a directory that lacks either look-up, or is null, is a wrong-type issue at directory', () => {
    const people = createDirectory([{ address: 'kate@desk.example', kind: 'agent', id: 'kate' }]);
    for (const directory of [null, { byKey: people.byKey }, { byId: people.byId }, { ...people, byId: 'kate' }]) {
      expect(refusal(handle(opened(), edit([]), { directory: directory as never }))).toEqual([['wrong-type', 'directory']]);
    }
    // A hand-made directory with both look-ups is taken as it is.
    expect(handle(opened(), edit([]), { directory: { entries: [], byKey: people.byKey, byId: people.byId } as never }).ok).toBe(true);
  });

  it('D7: actors are checked against the directory only when one is given', () => {
    const ghost = edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }], { kind: 'agent', id: 'ghost' });
    expect(refusal(handle(opened(), ghost, contextWith()))).toEqual([['unknown-actor', 'by.id']]);
    expect(handle(opened(), ghost, { settings: { supportAddresses: SUPPORT } }).ok).toBe(true);
  });

  it('D6: a prepared context keeps the settings, directory and rules it was given, for callers that read them', () => {
    const given = contextWith({ ccLimit: 7 });
    const prepared = prepareContext(given);
    expect({ ...prepared }).toEqual(given);
    // Spreading it gives a plain context with the same settings: it decides the same.
    const again = { ...prepared };
    const r = handle(opened(), edit([{ op: 'add', field: 'bcc', address: 'support@desk.example' }]), again);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['support-address']);
  });

  it('D2: a context made from a prepared one by Object.create with its own settings is compiled with them', () => {
    const prepared = prepareContext({ settings: { supportAddresses: ['support@desk.example'] } });
    const stricter = Object.assign(Object.create(prepared) as object, { settings: { supportAddresses: ['support@desk.example'], denylist: ['x@acme.example'] } });
    const r = handle(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), stricter);
    expect(r.ok ? [] : r.error.map((i) => i.code)).toEqual(['denylisted']);
    expect(handle(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), prepared).ok).toBe(true);
  });

  it('B9 H5: a reply released by a notice resolution is planned under the context of the command (the directory’s preferred address)', () => {
    const people = createDirectory([
      { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
      { address: 'bob@acme.example', addresses: ['bob@home.example'], preferred: 'bob@home.example', kind: 'end-user' },
    ]);
    const ctx = { settings: { supportAddresses: SUPPORT }, directory: people };
    const t = opened('ann@acme.example', ['bob@acme.example'], ctx);
    const third = must(t, email({ from: 'eve@other.example', to: 'support@desk.example' }), ctx);
    const notice = third.email!.notice!;
    const resolved = must(third.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'add-as-cc', by: { kind: 'agent', id: 'kate' }, at: 't' } as never, ctx);
    const envelopes = resolved.plans.flatMap((p) => p.messages.flatMap((m) => m.envelope.map((e) => e.address)));
    expect(envelopes).toContain('bob@home.example');
    expect(envelopes).not.toContain('bob@acme.example');
    // The same under a prepared context.
    const prepared = prepareContext(ctx);
    const again = must(third.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'add-as-cc', by: { kind: 'agent', id: 'kate' }, at: 't' } as never, prepared);
    expect(again.plans).toEqual(resolved.plans);
  });
});

// ---------------------------------------------------------------------------------------------
// E1, G4: why each change happened, stored on its event.

describe('E1 G4: the reasons a recipient change records', () => {
  it('A4: a BCC moved up to CC by an agent is removed for A4; by a rule, for A4 naming the rule (G4)', () => {
    let t = opened();
    t = must(t, edit([{ op: 'add', field: 'bcc', address: 'dan@acme.example' }])).ticket!;
    const byAgent = must(t, edit([{ op: 'add', field: 'cc', address: 'dan@acme.example' }]));
    expect(byAgent.events.map((e) => [e.type, 'field' in e ? e.field : null, e.reasons])).toEqual([
      ['removed', 'bcc', [{ rule: 'A4' }]],
      ['added', 'cc', [{ rule: 'C1' }]],
    ]);
    const promote = rule('promote', { all: [{ type: 'bcc-contains', address: 'dan@acme.example' }] }, [{ type: 'add-cc', address: 'dan@acme.example' }]);
    const byRule = must(t, edit([{ op: 'add', field: 'cc', address: 'eve@acme.example' }]), withRules([promote]));
    expect(byRule.events.map((e) => [e.type, 'field' in e ? e.field : null, e.cause, e.reasons])).toEqual([
      ['added', 'cc', 'agent-edit', [{ rule: 'C1' }]],
      ['removed', 'bcc', 'rule', [{ rule: 'A4', callerRule: 'promote' }]],
      ['added', 'cc', 'rule', [{ rule: 'G2', callerRule: 'promote' }]],
    ]);
  });

  it('A4: a CC made requester leaves CC for A4', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'set-requester', address: 'bob@acme.example' } as never]));
    expect(r.events.map((e) => [e.type, e.reasons])).toEqual([
      ['removed', [{ rule: 'A4' }]],
      ['requester-changed', [{ rule: 'C1' }]],
    ]);
  });

  it('A4: an agent added as CC under agentCcBecomesFollower also follows, for that setting; an end user does not', () => {
    const ctx = contextWith({ agentCcBecomesFollower: true });
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }, { op: 'add', field: 'cc', address: 'paula@partner.example' }]), ctx);
    expect(r.events.map((e) => [e.type, 'field' in e ? e.field : null, 'mailbox' in e ? e.mailbox.address : null, e.reasons])).toEqual([
      ['added', 'cc', 'otto@desk.example', [{ rule: 'C1' }]],
      ['added', 'follower', 'otto@desk.example', [{ rule: 'A4', setting: { name: 'agentCcBecomesFollower', value: true } }]],
      ['added', 'cc', 'paula@partner.example', [{ rule: 'C1' }]],
    ]);
    // Off (the default): no follower.
    expect(must(opened(), edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }])).ticket!.followers).toEqual([]);
    // With followers off, the CC stays and nobody follows; the refusal to follow is not the agent's to see.
    const off = must(opened(), edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }]), contextWith({ agentCcBecomesFollower: true, followersEnabled: false }));
    expect([off.ticket!.ccs.map((m) => m.address), off.ticket!.followers]).toEqual([['otto@desk.example'], []]);
    // Already a follower: one follower, one event.
    const following = must(opened(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    const both = must(following, edit([{ op: 'add', field: 'cc', address: 'otto@desk.example' }]), ctx);
    expect(both.events.map((e) => e.type)).toEqual(['added']);
    expect(both.ticket!.followers.map((m) => m.address)).toEqual(['otto@desk.example']);
  });
});

// ---------------------------------------------------------------------------------------------
// E4: what a stored reason may hold.

describe('E4: a stored event’s reasons name a rule and a setting that exist', () => {
  const base = () => {
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]));
    const log = [...(must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', id: '<r1@acme.example>' }), newTicketId: 'T-1' } as never).events)];
    return { log, added: { ...r.events[0]!, seq: log.length + 1 } as TicketEvent };
  };
  const read = (reasons: unknown, patch: object = {}) => {
    const { log, added } = base();
    const content = { ...added, ...patch, reasons } as Record<string, unknown>;
    const event = { ...content, sum: checksum(content) };
    const r = readEvents([...log, event], { ticketId: 'T-1' });
    return r.ok ? [] : r.error.map((i) => [i.code, i.path.slice(1).join('.')]);
  };

  it('E4: rule ids of the behaviour reference pass (one letter A–I, one or two digits); anything else is invalid-value', () => {
    for (const rule of ['A1', 'F13', 'I12', 'G2']) expect([rule, read([{ rule }])]).toEqual([rule, []]);
    for (const rule of ['J1', 'a1', 'F', 'F123', 'xF1', 'F1x', 'F 1']) expect([rule, read([{ rule }])]).toEqual([rule, [['invalid-value', 'reasons.0.rule']]]);
    expect(read([{ rule: 7 }])).toEqual([['wrong-type', 'reasons.0.rule']]);
    expect(read([{ rule: 'F1\n' }]).map(([code]) => code)).toEqual(['control-character']);
  });

  it('E4: a setting is named by a setting there is, with a scalar value', () => {
    expect(read([{ rule: 'A4', setting: { name: 'agentCcBecomesFollower', value: true } }])).toEqual([]);
    for (const value of [null, 3, false, 'notify']) expect(read([{ rule: 'D1', setting: { name: 'ccLimit', value } }])).toEqual([]);
    for (const name of ['noSuchSetting', 'toString', '__proto__', 'constructor']) expect([name, read([{ rule: 'D1', setting: { name, value: 1 } }])]).toEqual([name, [['invalid-value', 'reasons.0.setting.name']]]);
    expect(read([{ rule: 'D1', setting: { name: 'ccLimit', value: { n: 1 } } }])).toEqual([['wrong-type', 'reasons.0.setting.value']]);
    expect(read([{ rule: 'D1', setting: { name: 'ccLimit', value: [1] } }])).toEqual([['wrong-type', 'reasons.0.setting.value']]);
    expect(read([{ rule: 'D1', setting: { name: 5, value: 1 } }])).toEqual([['wrong-type', 'reasons.0.setting.name']]);
  });

  it('E6: an import’s problems carry paths of names and indexes only', () => {
    const imported = must(null, { type: 'import-ticket', ticketId: 'T-1', at: 't', by: { kind: 'system' }, participants: { requester: 'ann@acme.example', ccs: ['support@desk.example'] } } as never);
    const log = JSON.parse(JSON.stringify(imported.events)) as Record<string, unknown>[];
    const at = log.findIndex((e) => e.type === 'ticket-imported');
    expect(at).toBeGreaterThanOrEqual(0);
    const withPath = (path: unknown[]) => {
      const content = { ...log[at]!, problems: [{ code: 'support-address', message: 'm', path }] } as Record<string, unknown>;
      delete content.sum;
      const copy = [...log];
      copy[at] = { ...content, sum: checksum(content) };
      const r = readEvents(copy, { ticketId: 'T-1' });
      return r.ok ? [] : r.error.map((i) => [i.code, i.path.slice(1).join('.')]);
    };
    expect(withPath(['ccs', 0])).toEqual([]);
    expect(withPath([{ a: 1 }])).toEqual([['wrong-type', 'problems.0.path.0']]);
    expect(withPath([null])).toEqual([['wrong-type', 'problems.0.path.0']]);
  });
});

describe('A4 H5: one role per person, and a stored person’s identity', () => {
  const people = createDirectory([
    { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
    { address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' },
  ]);
  const ctx = { settings: { supportAddresses: SUPPORT }, directory: people };

  it('A4: a CC named as BCC is a role conflict on the BCC field, naming the CC, or the person whose address it is', () => {
    const t = must(opened('ann@acme.example', ['bob@acme.example'], ctx), edit([{ op: 'add', field: 'cc', address: 'ivan@work.example' }]), ctx).ticket!;
    const same = handle(t, edit([{ op: 'add', field: 'bcc', address: 'bob@acme.example' }]), ctx);
    expect(same.ok ? [] : same.error.map((i) => [i.code, (i as { field?: string }).field, i.message])).toEqual([['role-conflict', 'bcc', 'bob@acme.example is a CC; remove it there first to make it a BCC.']]);
    // The refusal points at the address of the change that asked for it.
    expect(same.ok ? null : same.error[0]?.path).toEqual(['changes', 0, 'address']);
    const other = handle(t, edit([{ op: 'add', field: 'bcc', address: 'ivan@home.example' }]), ctx);
    expect(other.ok ? [] : other.error.map((i) => i.message)).toEqual(['ivan@home.example is an address of ivan@work.example, who is a CC; remove it there first to make it a BCC.']);
  });

  it('H5: validateTicket with the directory takes a person at another address as themselves; without it, or with a hand-made one, that is a stale identity', () => {
    const t = withPeople({ requester: mb('ann@acme.example'), ccs: [{ address: 'ivan@home.example', name: null, key: 'ivan@work.example' }] });
    expect(validateTicket(t, { supportAddresses: SUPPORT }, people).ok).toBe(true);
    expect(issuesOf(validateTicket(t, { supportAddresses: SUPPORT }))).toEqual([['stale-identity', 'ccs.0.key']]);
    expect(issuesOf(validateTicket(t, { supportAddresses: SUPPORT }, { entries: [], byKey: people.byKey, byId: people.byId } as never))).toEqual([['stale-identity', 'ccs.0.key']]);
  });
});

describe('E4 I5 D2 D4 D5: pinned after the first run of src/ticket', () => {
  it('E4: a string needing one escape (a backslash, the first or last surrogate, a control character) hashes as its JSON', () => {
    for (const s of ['back\\slash', 'a\ud800b', 'a\udfffb', 'x\u001fy', 'q"q', '\ud800', '\udfff']) expect([s, checksum(s)]).toEqual([s, reference(s)]);
  });

  const comment = { id: 'c-1', visibility: 'public' } as const;
  const planIssues = (t: Ticket, prepared: ReturnType<typeof prepareContext>) => {
    const r = planDelivery(t, comment, prepared);
    return r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')]);
  };
  const desk = () => ({ address: 'support@desk.example', name: null, key: 'support@desk.example' });

  it('I5: a plan under a prepared context checks again a ticket whose requester, lists or mailboxes can still change', () => {
    const prepared = prepareContext({ settings: { supportAddresses: SUPPORT } });
    const requester = mb('ann@acme.example');
    const a = Object.freeze({ ...emptyTicket('T-1'), requester, ccs: Object.freeze([]), bccs: Object.freeze([]), followers: Object.freeze([]) }) as unknown as Ticket;
    expect(planIssues(a, prepared)).toEqual([]);
    Object.assign(requester, desk());
    expect(planIssues(a, prepared)).toEqual([['forbidden-participant', 'requester']]);
    for (const field of ['ccs', 'bccs', 'followers'] as const) {
      const open: unknown[] = [];
      const b = Object.freeze({ ...emptyTicket('T-1'), requester: Object.freeze(mb('ann@acme.example')), ccs: Object.freeze([]), bccs: Object.freeze([]), followers: Object.freeze([]), [field]: open }) as unknown as Ticket;
      expect(planIssues(b, prepared)).toEqual([]);
      open.push(Object.freeze(desk()));
      expect(planIssues(b, prepared)).toEqual([['forbidden-participant', `${field}.0`]]);
    }
    const inner = mb('bob@acme.example');
    const c = Object.freeze({ ...emptyTicket('T-1'), requester: Object.freeze(mb('ann@acme.example')), ccs: Object.freeze([inner]), bccs: Object.freeze([]), followers: Object.freeze([]) }) as unknown as Ticket;
    expect(planIssues(c, prepared)).toEqual([]);
    Object.assign(inner, desk());
    expect(planIssues(c, prepared)).toEqual([['forbidden-participant', 'ccs.0']]);
    // Not frozen at all.
    const d = { ...emptyTicket('T-1'), requester: mb('ann@acme.example'), ccs: [mb('bob@acme.example')] } as unknown as { ccs: unknown[] } & Ticket;
    expect(planIssues(d, prepared)).toEqual([]);
    d.ccs.push(desk());
    expect(planIssues(d, prepared)).toEqual([['forbidden-participant', 'ccs.1']]);
  });

  it('I5: under a prepared context a frozen support mailbox is found every time, and a mailbox that is not frozen is asked again', () => {
    const prepared = prepareContext({ settings: { supportAddresses: SUPPORT } });
    const frozenDesk = Object.freeze(desk());
    const ann = Object.freeze(mb('ann@acme.example'));
    for (let i = 0; i < 2; i++) expect(planIssues({ ...emptyTicket('T-1'), requester: ann, ccs: [frozenDesk] } as unknown as Ticket, prepared)).toEqual([['forbidden-participant', 'ccs.0']]);
    const m = mb('bob@acme.example');
    expect(planIssues({ ...emptyTicket('T-1'), requester: ann, ccs: [m] } as unknown as Ticket, prepared)).toEqual([]);
    Object.assign(m, desk());
    expect(planIssues({ ...emptyTicket('T-1'), requester: ann, bccs: [m] } as unknown as Ticket, prepared)).toEqual([['forbidden-participant', 'bccs.0']]);
  });

  it('I4: under a prepared context a frozen ticket over the limit is refused every time, and one never checked is checked', () => {
    const prepared = prepareContext({ settings: { ccLimit: 1 } });
    const over = deepFreeze({ ...emptyTicket('T-1'), requester: mb('ann@acme.example'), ccs: [mb('a@acme.example'), mb('b@acme.example')] }) as unknown as Ticket;
    expect(planIssues(over, prepared)).toEqual([['cc-limit-exceeded', 'ccs']]);
    expect(planIssues(over, prepared)).toEqual([['cc-limit-exceeded', 'ccs']]);
  });

  it('I12 I4: a ticket with a shape problem and a model problem reports both', () => {
    const t = { ...emptyTicket('T-1'), requester: mb('ann@acme.example'), ccs: [mb('a@acme.example'), mb('b@acme.example')], revision: -1 };
    expect(issuesOf(checkTicket(t as never, { settings: { ccLimit: 1 } }))).toEqual([
      ['out-of-range', 'revision'],
      ['cc-limit-exceeded', 'ccs'],
    ]);
  });

  it('I12: a ticket with nobody on it validates', () => {
    expect(validateTicket(emptyTicket('T-1'))).toEqual({ ok: true, value: emptyTicket('T-1') });
  });

  it('D2: a denylisted address may be made requester by an agent', () => {
    const r = must(opened(), edit([{ op: 'set-requester', address: 'bot@spam.example' } as never]), contextWith({ denylist: ['spam.example'] }));
    expect(r.ticket!.requester?.address).toBe('bot@spam.example');
  });

  it('D4: a light agent’s refusals through an edit name the field and what they may not do', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = handle(t, edit([{ op: 'set-requester', address: 'bob@acme.example' } as never], lightAgent), contextWith());
    expect(r.ok ? [] : r.error.map((i) => [i.code, (i as { field?: string }).field])).toEqual([['not-permitted', 'requester']]);
    const add = handle(t, edit([{ op: 'add', field: 'cc', address: 'carl@acme.example' }], lightAgent), contextWith());
    expect(add.ok ? [] : add.error.map((i) => [i.code, i.message])).toEqual([['not-permitted', 'A light agent may not add CCs.']]);
    // Removing themselves where they are not is nothing to refuse.
    expect(must(t, edit([{ op: 'remove', field: 'cc', address: 'liam@desk.example' }], lightAgent)).events).toEqual([]);
  });

  it('A4: an agent who is the requester may also follow', () => {
    const t = must(opened(), edit([{ op: 'set-requester', address: 'otto@desk.example' } as never])).ticket!;
    const r = must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]));
    expect(r.ticket!.followers.map((m) => m.address)).toEqual(['otto@desk.example']);
  });

  it('D5 D2: adding a follower who is one already is a no-op, even once the denylist names them', () => {
    const t = must(opened(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }])).ticket!;
    const r = handle(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), contextWith({ denylist: ['otto@desk.example'] }));
    expect(r.ok && r.value.events).toEqual([]);
  });

  it('A4: agentCcBecomesFollower concerns CCs: an agent added as BCC does not follow', () => {
    const r = must(opened(), edit([{ op: 'add', field: 'bcc', address: 'otto@desk.example' }]), contextWith({ agentCcBecomesFollower: true }));
    expect([r.ticket!.bccs.map((m) => m.address), r.ticket!.followers]).toEqual([['otto@desk.example'], []]);
  });
});

describe('I5: the model memo remembers a ticket only when every part of it is frozen', () => {
  const comment = { id: 'c-1', visibility: 'public' } as const;
  const desk = () => Object.freeze({ address: 'support@desk.example', name: null, key: 'support@desk.example' });
  const codes = (t: Ticket, prepared: ReturnType<typeof prepareContext>) => {
    const r = planDelivery(t, comment, prepared);
    return r.ok ? [] : r.error.map((i) => [i.code, i.path.join('.')]);
  };

  it('I5: a frozen ticket whose three lists are all open is checked again after one changes', () => {
    const prepared = prepareContext({ settings: { supportAddresses: SUPPORT } });
    const ccs: unknown[] = [Object.freeze(mb('bob@acme.example'))];
    const t = Object.freeze({ ...emptyTicket('T-1'), requester: Object.freeze(mb('ann@acme.example')), ccs, bccs: [], followers: [] }) as unknown as Ticket;
    expect(codes(t, prepared)).toEqual([]);
    ccs.push(desk());
    expect(codes(t, prepared)).toEqual([['forbidden-participant', 'ccs.1']]);
  });

  it('I5: a ticket that is not frozen, whose parts all are, is checked again after a list is replaced', () => {
    const prepared = prepareContext({ settings: { supportAddresses: SUPPORT } });
    const t = { ...emptyTicket('T-1'), requester: Object.freeze(mb('ann@acme.example')), ccs: Object.freeze([Object.freeze(mb('bob@acme.example'))]), bccs: Object.freeze([]), followers: Object.freeze([]) } as unknown as { ccs: unknown } & Ticket;
    expect(codes(t, prepared)).toEqual([]);
    (t as { ccs: unknown }).ccs = Object.freeze([desk()]);
    expect(codes(t, prepared)).toEqual([['forbidden-participant', 'ccs.0']]);
  });
});
