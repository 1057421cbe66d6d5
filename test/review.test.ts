import { simpleParser } from 'mailparser';
import PostalMime from 'postal-mime';
import { describe, expect, it } from 'vitest';
import { createDirectory, decodeEncodedWords, defaultSettings, describeEvent, emailFromParsed, evolve, handle, parseAddress, readEvents, type Command, type DeliveryPlan, type Ticket, type TicketContext, type TicketEvent } from '../src/index.js';
import { checksum } from '../src/ticket/checksum.js';
import { addresses, at, edit, email, must, SUPPORT } from './support/tickets.js';

// Adversarial review of H5, B9 and stored reasons: inputs the feature tests did not try.
const kate = { kind: 'agent', id: 'kate' } as const;
const ivan = [
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
  { address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' },
] as const;
const ctx = (denylist: string[] = [], entries: readonly unknown[] = ivan): TicketContext => ({
  settings: { ...defaultSettings, supportAddresses: SUPPORT, denylist },
  directory: createDirectory(entries as never),
});
const envelopes = (plans: readonly DeliveryPlan[]): string[] => plans.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope))).sort();
const reply = (commentId: string): Command => ({ type: 'write-comment', commentId, visibility: 'public', by: kate, at: at() });
const open = (from: string, cc: string, c: TicketContext, id = 'T-1'): Ticket =>
  must(null, { ...email({ from, to: 'support@desk.example', cc }), newTicketId: id } as Command, c).ticket!;

describe('review: H5 with inputs nobody wrote', () => {
  it('I5/D2/H5: a CC writing from a denylisted address of his stays reached at his allowed one', () => {
    const c = ctx(['ivan@home.example']);
    const t = open('ann@acme.example', 'ivan@work.example', c);
    const r = must(t, email({ from: 'ivan@home.example', to: 'support@desk.example', cc: 'ann@acme.example' }), c);
    expect(r.comment?.authorRole).toBe('cc');
    expect(addresses(r.ticket!.ccs)).toEqual(['ivan@work.example']);
    expect(envelopes(must(r.ticket, reply('c-1'), c).plans)).toEqual(['ann@acme.example', 'ivan@work.example']);
  });

  it('H5/B7: a ticket holding two addresses of a person the directory learned later sends that person one copy', () => {
    const t = open('ivan@work.example', 'ivan@home.example, bob@x.example', ctx([], [ivan[0]]));
    const c = ctx();
    expect(envelopes(must(t, reply('c-1'), c).plans)).toEqual(['bob@x.example', 'ivan@work.example']);
    // He writes from home: the requester moves there, and still one copy, one address in the envelope.
    const home = must(t, email({ from: 'ivan@home.example', to: 'support@desk.example', cc: 'bob@x.example' }), c).ticket!;
    const plan = must(home, reply('c-2'), c).plans;
    expect(envelopes(plan)).toEqual(['bob@x.example', 'ivan@home.example']);
  });
});

describe('review: H5 addresses on the denylist or the desk\'s own', () => {
  const withEve = [...ivan, { address: 'eve@acme.example', addresses: ['support@desk.example'], kind: 'end-user' }];
  const c = ctx(['ivan@home.example'], withEve);
  const t = open('ann@acme.example', 'bob@acme.example', c);
  it.each([
    ['cc', 'ivan@home.example', 'denylisted'],
    ['bcc', 'ivan@home.example', 'denylisted'],
    ['cc', 'support@desk.example', 'support-address'],
    ['cc', 'SUPPORT@Desk.Example', 'support-address'],
  ] as const)('I5/D2/A5: an agent adding %s %s, another address of a listed person, is refused (%s)', (field, address, code) => {
    const r = handle(t, edit([{ op: 'add', field, address }]), c);
    expect(!r.ok && r.error.map((i) => i.code)).toEqual([code]);
  });

  it('I5/D2: an inbound email copying a person at his denylisted address does not make it a CC; the refusal is recorded (E5)', () => {
    const r = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, ivan@home.example' }), c);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
    expect(r.ticket!.refused.map((x) => [x.input, x.code])).toEqual([['ivan@home.example', 'denylisted']]);
  });
});

describe('review: H5 a preferred address the desk may not send to', () => {
  it('A5/D2/H5: a preferred address that is the desk\'s own or denylisted is not sent to; the person is reached where the ticket keeps him', () => {
    const entries = [
      ivan[0],
      { address: 'ivan@work.example', addresses: ['ivan@home.example'], preferred: 'ivan@home.example', kind: 'end-user' },
      { address: 'eve@acme.example', addresses: ['support@desk.example'], preferred: 'support@desk.example', kind: 'end-user' },
    ];
    const c = ctx(['ivan@home.example'], entries);
    const t = open('ann@acme.example', 'ivan@work.example, eve@acme.example', c);
    const plans = must(t, reply('c-1'), c).plans;
    expect(envelopes(plans)).toEqual(['ann@acme.example', 'eve@acme.example', 'ivan@work.example']);
    expect(plans[0]?.messages[0]?.headers.cc).toBe('ivan@work.example, eve@acme.example');
  });
});

describe('review: H5 a directory that changes between calls', () => {
  it('H5/F1: once the directory stops listing her second address, a reply from the address the ticket mails her at is still hers', () => {
    const c = ctx([], [...ivan, { address: 'ann@acme.example', addresses: ['ann@home.example'], kind: 'end-user' }]);
    const t = open('ann@acme.example', 'bob@x.example', c);
    const home = must(t, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@x.example' }), c).ticket!;
    const shrunk = ctx([], [ivan[0]]);
    expect(envelopes(must(home, reply('c-1'), shrunk).plans)).toEqual(['ann@home.example', 'bob@x.example']);
    const r = must(home, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@x.example' }), shrunk);
    expect(r.comment?.authorRole).toBe('requester');
    expect(r.ticket!.notices).toEqual([]);
  });
});

describe('review: reasons read back from a damaged store', () => {
  // A log whose reasons were edited and its checksum recomputed (storage damage, or a careless migration).
  const damaged = (reasons: unknown) => {
    const c = ctx();
    const log: TicketEvent[] = JSON.parse(JSON.stringify(must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-9' } as Command, c).events));
    const i = log.findIndex((e) => e.type === 'requester-changed');
    const { sum: _sum, ...content } = { ...log[i]!, reasons } as TicketEvent;
    log[i] = { ...content, sum: checksum(content) } as TicketEvent;
    return { log, i };
  };
  it.each([
    ['a line break in a rule id', [{ rule: 'F0\r\nX-Injected: 1' }]],
    ['a line break in a header value', [{ rule: 'F11', header: { name: 'Auto-Submitted', value: 'auto-replied\r\nBcc: x@evil.example' } }]],
    ['a rule id no rule has', [{ rule: '__proto__' }]],
    ['a huge rule id', [{ rule: 'F'.repeat(100_000) }]],
    ['a setting that does not exist', [{ rule: 'D1', setting: { name: 'constructor', value: 1 } }]],
    ['a directory kind that does not exist', [{ rule: 'D4', directory: { address: 'x@acme.example', kind: 'god' } }]],
  ])('E4: readEvents reports %s in a stored reason, and does not throw', (_what, reasons) => {
    const { log, i } = damaged(reasons);
    const read = readEvents(JSON.parse(JSON.stringify(log)));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error.every((e) => e.path[0] === i && e.path[1] === 'reasons')).toBe(true);
  });

  it('E4: the reasons this library writes still read back', () => {
    const { log } = damaged([{ rule: 'D1', setting: { name: 'ccLimit', value: 1 } }, { rule: 'F11', header: { name: 'Auto-Submitted', value: 'auto-replied' } }, { rule: 'D4', directory: { address: 'liam@desk.example', kind: 'light-agent' } }, { rule: 'G2', callerRule: 'vip' }]);
    expect(readEvents(JSON.parse(JSON.stringify(log))).ok).toBe(true);
  });
});

describe('review: B9 a reply held twice over', () => {
  it('B9: a reply a follower had while held, held again by the notice its acceptance raised, does not reach him a second time as a CC', () => {
    const staff = [ivan[0], { address: 'otto@desk.example', kind: 'agent', id: 'otto' }];
    const c: TicketContext = { ...ctx([], staff), settings: { ...ctx().settings, internalNotesToStaffCcs: false } };
    let t = open('ann@acme.example', 'bob@acme.example', c);
    t = must(t, edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), c).ticket!;
    const held = must(t, { ...(email({ from: 'zed@z.example', to: 'support@desk.example', cc: 'ann@acme.example' }) as Extract<Command, { type: 'receive-email' }>), commentId: 'held', authentication: 'fail' }, c);
    expect(envelopes(held.plans)).toEqual(['otto@desk.example']);
    const log = [...held.events];
    const accepted = must(held.ticket, { type: 'resolve-notice', noticeId: 'held#unverified-sender', resolution: 'accept', by: kate, at: at() }, c);
    log.push(...accepted.events);
    expect(accepted.ticket!.notices.map((n) => n.kind)).toEqual(['third-party-reply']);
    const moved = must(accepted.ticket, edit([{ op: 'remove', field: 'follower', address: 'otto@desk.example' }, { op: 'add', field: 'cc', address: 'otto@desk.example' }]), c);
    log.push(...moved.events);
    const released = must(moved.ticket, { type: 'resolve-notice', noticeId: 'held#third-party-reply', resolution: 'add-as-cc', by: kate, at: at() }, c);
    expect(envelopes(released.plans)).toEqual(['bob@acme.example']);
    // I7: the log of the held part folds to the same ticket.
    expect(evolve(t, [...log, ...released.events])).toEqual(released.ticket);
  });
});

describe('review: every decision says why', () => {
  it('H5: the address-changed event carries its reason, and the timeline says it', () => {
    const c = ctx([], [...ivan, { address: 'ann@acme.example', addresses: ['ann@home.example'], kind: 'end-user' }]);
    const t = open('ann@acme.example', 'bob@x.example', c);
    const r = must(t, email({ from: 'ann@home.example', to: 'support@desk.example', cc: 'bob@x.example' }), c);
    const moved = r.events.find((e) => e.type === 'address-changed')!;
    expect(moved.reasons).toEqual([{ rule: 'H5' }]);
    expect(describeEvent(moved)).toBe('ann@home.example is now reached at this address because they wrote from it, and the directory lists it as theirs');
  });
});

describe('review: H5 directory problems', () => {
  it('H5: an address one person lists as another of hers that is a later person\'s own is reported, and decisions refuse to go on', () => {
    const entries = [{ address: 'ann@acme.example', addresses: ['otto@desk.example'], kind: 'end-user' }, { address: 'otto@desk.example', kind: 'agent', id: 'otto' }] as const;
    const directory = createDirectory(entries);
    expect(directory.issues.map((i) => [i.code, i.path])).toEqual([['address-shared', [1, 'address']]]);
    expect(handle(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), newTicketId: 'T-5' } as Command, { ...ctx(), directory }).ok).toBe(false);
  });
});

describe('review: a From that names several authors (RFC 5322 allows a mailbox list with Sender)', () => {
  const zendesk = (): TicketContext => ({ settings: { ...defaultSettings, supportAddresses: SUPPORT, onDroppedRecipients: 'apply', ccReplyWithoutRequester: 'private' } });

  it('F9: a CC who co-authored the reply (second From mailbox) is present, and is not removed under "apply"', () => {
    const c = zendesk();
    const t = open('ann@acme.example', 'bob@acme.example, cleo@acme.example', c);
    const r = must(t, email({ from: 'Ann <ann@acme.example>, Bob <bob@acme.example>', to: 'support@desk.example' }), c);
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
  });

  it('F2/F3: with every participant in From, To or Cc no dropped-recipients notice is raised', () => {
    const c = ctx();
    const t = open('ann@acme.example', 'bob@acme.example', c);
    const r = must(t, email({ from: 'ann@acme.example, bob@acme.example', to: 'support@desk.example' }), c);
    expect(r.email?.notice ?? null).toBeNull();
    expect(r.comment?.visibility).toBe('public');
  });

  it('F0: the other authors of a message that opens a ticket become CCs, as the other present addresses do', () => {
    const t = open('ann@acme.example, dora@acme.example', 'bob@acme.example', ctx());
    expect(t.requester?.address).toBe('ann@acme.example');
    expect(addresses(t.ccs)).toEqual(['dora@acme.example', 'bob@acme.example']);
  });
});

describe('review: A2 with encoders that split a character across encoded words', () => {
  it('A2: a UTF-8 character split across adjacent Q words is decoded whole, as postal-mime and mailparser do', () => {
    expect(decodeEncodedWords('=?UTF-8?Q?split_=E2=82?= =?UTF-8?Q?=AC_euro?=')).toBe('split € euro');
    const m = parseAddress('=?UTF-8?Q?Ren=C3?= =?UTF-8?Q?=A9e_O=E2=80?= =?UTF-8?Q?=99Connor?= <renee@acme.example>');
    expect(m.ok && m.value.name).toBe('Renée O’Connor');
  });

  it('A2: a UTF-8 character split across adjacent B words is decoded whole', () => {
    // 'Jörg' as bytes 4a c3 | b6 72 67, each part base64-encoded on its own.
    const split = `=?UTF-8?B?${btoa('J\xc3')}?= =?UTF-8?B?${btoa('\xb6rg')}?=`;
    expect(decodeEncodedWords(split)).toBe('Jörg');
  });

  it('A2: words of different charsets are not joined, and a word that does not decode still keeps its raw form', () => {
    expect(decodeEncodedWords('=?ISO-8859-1?Q?Ren=E9?= =?UTF-8?Q?_=E2=82=AC?=')).toBe('René €');
    expect(decodeEncodedWords('=?UTF-8?Q?ok?= =?UTF-8?Q?=FF?=')).toBe('ok=?UTF-8?Q?=FF?=');
  });
});

describe('review: F1 with the same message read by either parser', () => {
  const raw = (id: string) => `From: ann@acme.example\r\nTo: support@desk.example\r\nMessage-ID: ${id}\r\nSubject: hi\r\n\r\nhello`;
  const command = (parsed: unknown) => {
    const r = emailFromParsed(parsed, { at: at(), newTicketId: 'T-1' });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    return r.value as Command;
  };

  it.each(['CAF1.abc@mail.gmail.example', '<CAF1.abc@mail.gmail.example> (resent)'])('F1: a Message-ID written as %j gives one id from postal-mime and mailparser, so a second delivery is a duplicate', async (id) => {
    const first = command(await PostalMime.parse(raw(id)));
    const second = command(await simpleParser(raw(id)));
    expect(first.type === 'receive-email' && first.messageId).toBe('<CAF1.abc@mail.gmail.example>');
    expect(second.type === 'receive-email' && second.messageId).toBe('<CAF1.abc@mail.gmail.example>');
    const c = ctx();
    const opened = must(null, first, c);
    const again = must(opened.ticket, second, c);
    expect(again.issues.map((i) => i.code)).toEqual(['duplicate-message']);
  });
});

describe('review: F11 with a bounce whose From has no domain', () => {
  // Some MTAs write the daemon's name alone; it is no valid address, but it is still the daemon writing.
  it.each(['MAILER-DAEMON', 'Mail Delivery System <MAILER-DAEMON>', 'postmaster'])('F11: From %j is a bounce: it opens no ticket and changes no one on one', (from) => {
    const c = ctx();
    const opened = handle(null, { ...email({ from, to: 'support@desk.example' }), newTicketId: 'T-9' } as Command, c);
    expect(opened.ok && opened.value.ticket).toBe(null);
    expect(opened.ok && opened.value.email?.classification.kind).toBe('bounce');
    const t = open('ann@acme.example', 'bob@acme.example', c);
    const r = must(t, email({ from, to: 'support@desk.example' }), c);
    expect(r.email?.classification).toEqual({ kind: 'bounce', reason: { header: 'from', value: from.replace(/^.*<|>$/g, '') } });
    expect(addresses(r.ticket!.ccs)).toEqual(['bob@acme.example']);
    expect(r.comment?.visibility).toBe('internal');
  });

  it('F11: a From that is no address and names no daemon stays a person\'s mail', () => {
    const r = handle(open('ann@acme.example', '', ctx()), email({ from: 'Ann Lee', to: 'support@desk.example' }), ctx());
    expect(r.ok && r.value.email?.classification.kind).toBe('person');
  });
});

describe('review: A2 with UTF-16 names', () => {
  const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
  it('A2: UTF-16 without a byte-order mark is big-endian (RFC 2781); with one, the mark decides and is dropped', () => {
    expect(decodeEncodedWords(`=?UTF-16?B?${b64([0x00, 0x4a, 0x00, 0xf6])}?=`)).toBe('Jö');
    expect(decodeEncodedWords(`=?utf-16?B?${b64([0xfe, 0xff, 0x00, 0x4a, 0x00, 0xf6])}?=`)).toBe('Jö');
    expect(decodeEncodedWords(`=?UTF-16?B?${b64([0xff, 0xfe, 0x4a, 0x00, 0xf6, 0x00])}?=`)).toBe('Jö');
    expect(decodeEncodedWords(`=?UTF-16LE?B?${b64([0x4a, 0x00, 0xf6, 0x00])}?=`)).toBe('Jö');
  });
});

describe('review 2: F11 with a daemon-signed bounce read by a mail parser', () => {
  const raw = (from: string) => `From: ${from}\r\nTo: support@desk.example\r\nMessage-ID: <b1@mx.example>\r\nSubject: Undelivered Mail\r\n\r\nhello`;
  const classify = async (from: string, parser: 'postal-mime' | 'mailparser' | 'text') => {
    const command = parser === 'text' ? email({ from, to: 'support@desk.example' }) : emailFromParsed(parser === 'postal-mime' ? await PostalMime.parse(raw(from)) : await simpleParser(raw(from)), { at: at() });
    if ('ok' in command && !command.ok) throw new Error(JSON.stringify(command.error));
    const r = handle(open('ann@acme.example', 'bob@acme.example', ctx()), ('ok' in command ? command.value : command) as Command, ctx());
    return r.ok ? r.value.email?.classification : null;
  };
  const parsers = ['postal-mime', 'mailparser', 'text'] as const;

  it.each(parsers.flatMap((p) => ['MAILER-DAEMON', 'MAILER-DAEMON (Mail Delivery System)', '"MAILER-DAEMON" <>', 'postmaster (Mail Delivery)'].map((f) => [f, p] as const)))('F11: From %j read by %s is a bounce', async (from, parser) => {
    expect(await classify(from, parser)).toEqual({ kind: 'bounce', reason: { header: 'from', value: /mailer-daemon/i.test(from) ? 'MAILER-DAEMON' : 'postmaster' } });
  });

  it.each(parsers.flatMap((p) => ['Ann Postmaster', 'ann (postmaster)', '"postmaster" <ann@@acme.example>', 'ann.postmaster'].map((f) => [f, p] as const)))('F11: From %j read by %s, no address that merely mentions the postmaster, stays a person\'s mail', async (from, parser) => {
    expect((await classify(from, parser))?.kind).toBe('person');
  });
});

describe('review 2: F1 with Message-IDs the parsers read differently', () => {
  const raw = (id: string) => `From: ann@acme.example\r\nTo: support@desk.example\r\nMessage-ID: ${id}\r\nSubject: hi\r\n\r\nhello`;
  const ids = async (id: string, options: { messageId?: string } = {}) =>
    Promise.all([PostalMime.parse(raw(id)), simpleParser(raw(id))].map(async (p) => {
      const r = emailFromParsed(await p, { at: at(), newTicketId: 'T-1', ...options });
      return r.ok ? (r.value as { messageId: string }).messageId : r.error.map((i) => i.code).join();
    }));

  it.each(['(via relay) <CAF1.abc@mail.example>', '<<CAF1.abc@mail.example>>', '<CAF1.abc@mail.example', 'CAF1.abc@mail.example (resent)'])('F1: a Message-ID written %j is <id@host> from postal-mime and mailparser alike', async (id) => {
    expect(await ids(id)).toEqual(['<CAF1.abc@mail.example>', '<CAF1.abc@mail.example>']);
  });

  it('F1: an empty Message-ID `<>` is no id: two different messages carrying it are not duplicates of each other', async () => {
    expect(await ids('<>')).toEqual(['missing-message-id', 'missing-message-id']);
    expect(await ids('<>', { messageId: '<queue-1@mx.example>' })).toEqual(['<queue-1@mx.example>', '<queue-1@mx.example>']);
  });
});

describe('review 2: A2 with the other names of two-byte Unicode', () => {
  const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
  it.each(['UCS-2', 'ucs-2', 'unicode', 'csUnicode', 'ISO-10646-UCS-2'])('A2: %s without a byte-order mark is big-endian, as UTF-16 is', (charset) => {
    expect(decodeEncodedWords(`=?${charset}?B?${b64([0x00, 0x4a, 0x00, 0xf6])}?=`)).toBe('Jö');
    expect(decodeEncodedWords(`=?${charset}?B?${b64([0xff, 0xfe, 0x4a, 0x00, 0xf6, 0x00])}?=`)).toBe('Jö');
  });
});

describe('review 2: A2 with a byte-order mark in every encoded word', () => {
  const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
  it.each([
    ['UTF-16', [0xfe, 0xff, 0x00, 0x41], [0xfe, 0xff, 0x00, 0x42]],
    ['UTF-16', [0xff, 0xfe, 0x41, 0x00], [0xff, 0xfe, 0x42, 0x00]],
    ['UTF-8', [0xef, 0xbb, 0xbf, 0x41], [0xef, 0xbb, 0xbf, 0x42]],
  ])('A2: %s words that each open with a mark decode without U+FEFF inside the name', (charset, first, second) => {
    const name = `=?${charset}?B?${b64(first)}?= =?${charset}?B?${b64(second)}?=`;
    expect(decodeEncodedWords(name)).toBe('AB');
    const m = parseAddress(`${name} <ab@acme.example>`);
    expect(m.ok && m.value.name).toBe('AB');
  });

  it('A2: a UTF-16 code unit split across words (an odd number of bytes before the next word) is still joined whole', () => {
    expect(decodeEncodedWords(`=?UTF-16BE?B?${b64([0x00, 0x41, 0x00])}?= =?UTF-16BE?B?${b64([0x42])}?=`)).toBe('AB');
  });
});

describe('review: A2 runs of encoded words, byte by byte', () => {
  const b64 = (bytes: number[]) => btoa(String.fromCharCode(...bytes));
  it('A2: only a mark that opens a later word of a UTF run is dropped; the same bytes inside a word, or in another charset, are text', () => {
    // A UTF-8 mark opening the second word, after an odd number of bytes: dropped.
    expect(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?=EF=BB=BFb?=')).toBe('ab');
    // Inside a word it is the character U+FEFF the sender wrote, left for the name's cleaning to judge.
    expect(decodeEncodedWords('=?UTF-8?Q?a?= =?UTF-8?Q?b=EF=BB=BFc?=')).toBe('ab\ufeffc');
    // In Latin-1 those bytes are three letters.
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?=EF=BB=BFb?=')).toBe('aï»¿b');
    // A charset with no mark keeps every byte of every word.
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?null?=')).toBe('anull');
    // A word that is not valid Q or B stays raw beside the ones that decode, in any charset.
    expect(decodeEncodedWords('=?ISO-8859-1?Q?a?= =?ISO-8859-1?Q?=ZZ?=')).toBe('a=?ISO-8859-1?Q?=ZZ?=');
    expect(decodeEncodedWords('=?UTF-16?B?AEE=?= =?UTF-16?B?A?=')).toBe('A=?UTF-16?B?A?=');
  });

  it('A2: in UTF-16, FE FF at an odd offset of the run is the middle of two code units, not a mark', () => {
    // 'A', U+00FE, U+FF00 big-endian (00 41 00 FE FF 00), cut after three bytes.
    expect(decodeEncodedWords(`=?UTF-16?B?${b64([0x00, 0x41, 0x00])}?= =?UTF-16?B?${b64([0xfe, 0xff, 0x00])}?=`)).toBe('A\u00fe\uff00');
    expect(decodeEncodedWords(`=?UTF-16?B?${b64([0x00, 0x41])}?= =?UTF-16?B?${b64([0xfe, 0xff, 0x00, 0x42])}?=`)).toBe('AB');
    // A mark's bytes inside a later word are the character U+FEFF, kept.
    expect(decodeEncodedWords(`=?UTF-16?B?${b64([0x00, 0x41])}?= =?UTF-16?B?${b64([0x00, 0x42, 0xfe, 0xff, 0x00, 0x43])}?=`)).toBe('AB\ufeffC');
  });
});

describe('review: F1 and F11, what the fixes read, piece by piece', () => {
  const raw = (id: string) => `From: ann@acme.example\r\nTo: support@desk.example\r\nMessage-ID: ${id}\r\nSubject: hi\r\n\r\nhello`;
  const idOf = async (id: string) => {
    const r = emailFromParsed(await PostalMime.parse(raw(id)), { at: at(), newTicketId: 'T-1' });
    return r.ok && r.value.type === 'receive-email' ? r.value.messageId : null;
  };
  it.each([
    ['<a@acme.example> <b@acme.example>', '<a@acme.example>'],
    ['< > <a@acme.example>', '<a@acme.example>'],
  ])('F1: of the Message-ID %j the first id with text is the message\'s, %j', async (written, id) => {
    expect(await idOf(written)).toBe(id);
  });

  const kind = (from: unknown) => {
    const r = handle(open('ann@acme.example', 'bob@acme.example', ctx()), { ...email({ from: 'x@y.example', to: 'support@desk.example' }), from } as Command, ctx());
    return r.ok ? r.value.email?.classification.kind : r.error.map((i) => i.code).join();
  };
  it.each<[string, unknown]>([
    ['a name before an empty address, then a comment', '"MAILER-DAEMON" <> (Mail Delivery)'],
    ['blanks between empty brackets', '"MAILER-DAEMON" < >'],
    ["a parser's object without an address", [{ name: 'MAILER-DAEMON' }]],
    ["a parser's object whose address is blank", [{ address: ' ', name: 'postmaster' }]],
  ])('F11: %s is the daemon signing: a bounce', (_, from) => {
    expect(kind(from)).toBe('bounce');
  });
  it.each<[string, unknown]>([
    ['a comment inside a word', 'post(x)master'],
    ['text after the brackets', 'MAILER-DAEMON <> ann@acme.example'],
  ])('F11: %s is not the daemon: a person\'s mail', (_, from) => {
    expect(kind(from)).toBe('person');
  });
});
