// Every decision explains itself (issue 14): reasons as data on the events, in words, and what would change them.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe as group, expect, it } from 'vitest';
import { checksum } from '../src/ticket/checksum.js';
import {
  describeEvent,
  englishPhrases,
  explainDecision,
  fold,
  handle,
  presets,
  readEvents,
  reasonInEnglish,
  reasonsOf,
  type Command,
  type HistoryPhrases,
  type Reason,
  type Settings,
  type Ticket,
  type TicketEvent,
} from '../src/index.js';
import { contextWith, directory, edit, email, must, opened } from './support/tickets.js';

const SUPPORT = ['support@desk.example'];
const zendesk = { settings: { ...presets.zendesk, supportAddresses: SUPPORT, denylist: ['spam.example'] }, directory };
const reasonsOfType = (events: readonly TicketEvent[], type: TicketEvent['type']) => events.filter((e) => e.type === type).map((e) => e.reasons);

function zendeskTicket(): { ticket: Ticket; events: readonly TicketEvent[] } {
  const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, x@spam.example' }), newTicketId: 'T-1' } as never, zendesk);
  return { ticket: r.ticket!, events: r.events };
}

group('E1: reasons are stored on the events they explain', () => {
  it('F0, D2: an opening message: the requester and CCs by F0, the denylisted address refused with the setting that refused it', () => {
    const { events } = zendeskTicket();
    expect(reasonsOfType(events, 'requester-changed')).toEqual([[{ rule: 'F0' }]]);
    expect(reasonsOfType(events, 'added')).toEqual([[{ rule: 'F0' }]]);
    expect(reasonsOfType(events, 'comment-added')).toEqual([[{ rule: 'F0' }]]);
    const refused = events.find((e) => e.type === 'recipients-refused');
    expect(refused?.type === 'recipients-refused' && refused.refused.map((r) => r.reason)).toEqual([{ rule: 'D2', setting: { name: 'denylist', value: 'x@spam.example' } }]);
  });

  it('F4, F5, F9: a reply names the rule and the setting behind its visibility, each CC it added and each CC it removed', () => {
    const { ticket } = zendeskTicket();
    const cc = must(ticket, email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'carl@acme.example' }), zendesk);
    expect(reasonsOfType(cc.events, 'comment-added')).toEqual([[{ rule: 'F4', setting: { name: 'ccReplyWithoutRequester', value: 'private' } }]]);
    expect(reasonsOfType(cc.events, 'added')).toEqual([[{ rule: 'F5' }]]);
    const drop = must(cc.ticket, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), zendesk);
    expect(drop.events.filter((e) => e.type === 'removed').map((e) => [e.type === 'removed' && e.mailbox.address, e.reasons])).toEqual([
      ['carl@acme.example', [{ rule: 'F9', setting: { name: 'onDroppedRecipients', value: 'apply' } }]],
    ]);
  });

  it('F3, F8, F11, F12, F13: notices and notes carry the rule, the setting and the header that decided', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const dropped = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example' }));
    expect(reasonsOfType(dropped.events, 'notice-raised')).toEqual([[{ rule: 'F3', setting: { name: 'onDroppedRecipients', value: 'notify' } }]]);
    const stranger = must(t, email({ from: 'zed@else.example', to: 'support@desk.example' }));
    expect(reasonsOfType(stranger.events, 'comment-added')).toEqual([[{ rule: 'F8', setting: { name: 'thirdPartyReply', value: 'internal' } }]]);
    const ooo = must(t, { ...email({ from: 'bob@acme.example', to: 'support@desk.example' }), headers: { 'Auto-Submitted': 'auto-replied' } } as Command);
    expect(reasonsOfType(ooo.events, 'comment-added')).toEqual([[{ rule: 'F11', setting: { name: 'machineMail', value: 'internal' }, header: { name: 'auto-submitted', value: 'auto-replied' } }]]);
    const copy = must(t, email({ from: 'bob@acme.example', to: 'ann@acme.example' }));
    expect(reasonsOfType(copy.events, 'notice-raised')).toEqual([[{ rule: 'F12' }]]);
    const forged = must(t, { ...email({ from: 'bob@acme.example', to: 'support@desk.example' }), authentication: 'fail' } as Command);
    expect(reasonsOfType(forged.events, 'comment-added')).toEqual([[{ rule: 'F13', setting: { name: 'unauthenticatedMail', value: 'note' } }]]);
  });

  it('D4, F7, F14: the directory entry that decided is named', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const light = must(t, email({ from: 'liam@desk.example', to: 'support@desk.example', cc: 'ann@acme.example' }));
    expect(reasonsOfType(light.events, 'comment-added')).toEqual([[{ rule: 'D4', directory: { address: 'liam@desk.example', kind: 'light-agent' } }]]);
    const agent = must(t, email({ from: 'kate@desk.example', to: 'support@desk.example', cc: 'ann@acme.example' }));
    expect(reasonsOfType(agent.events, 'comment-added')).toEqual([[{ rule: 'F7', setting: { name: 'agentEmailRepliesPublic', value: true }, directory: { address: 'kate@desk.example', kind: 'agent' } }]]);
    const byAgent = must(null, { ...email({ from: 'kate@desk.example', to: 'cy@acme.example, support@desk.example' }), newTicketId: 'T-9' } as never, contextWith({ agentOpensTicketFor: 'customer' }));
    expect(reasonsOfType(byAgent.events, 'requester-changed')).toEqual([[{ rule: 'F14', setting: { name: 'agentOpensTicketFor', value: 'customer' }, directory: { address: 'kate@desk.example', kind: 'agent' } }]]);
  });

  it("G2, D1: a caller's rule names itself; its refused action names the rule and the setting", () => {
    const rules = [{ id: 'vip', title: 'VIP', active: true, conditions: { any: [{ type: 'cc-in-domain', domain: 'acme.example' }] }, actions: [{ type: 'add-bcc', address: 'mia@desk.example' }, { type: 'add-cc', address: 'dan@acme.example' }] }];
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never, { ...contextWith({ ccLimit: 1 }), rules } as never);
    expect(r.events.filter((e) => e.by.kind === 'rule').map((e) => e.reasons)).toEqual([[{ rule: 'G2', callerRule: 'vip' }]]);
    const refused = r.events.find((e) => e.type === 'recipients-refused');
    expect(refused?.type === 'recipients-refused' && refused.refused.map((x) => x.reason)).toEqual([{ rule: 'D1', setting: { name: 'ccLimit', value: 1 }, callerRule: 'vip' }]);
  });

  it('C1, F10, H4, A4: edits, resolutions and merges say which rule made each change', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const former = must(t, edit([{ op: 'set-requester', address: 'cy@acme.example' }]), contextWith({ formerRequesterBecomesCc: true }));
    expect(former.events.map((e) => [e.type, e.reasons?.map((x) => [x.rule, x.setting?.name])])).toEqual([
      ['requester-changed', [['C1', undefined]]],
      ['added', [['C1', 'formerRequesterBecomesCc']]],
    ]);
    const promoted = must(must(t, edit([{ op: 'add', field: 'bcc', address: 'dan@acme.example' }])).ticket, edit([{ op: 'add', field: 'cc', address: 'dan@acme.example' }]));
    expect(promoted.events.map((e) => [e.type, e.reasons?.[0]?.rule])).toEqual([['removed', 'A4'], ['added', 'C1']]);
    const reply = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'cy@acme.example' }));
    const resolved = must(reply.ticket, { type: 'resolve-notice', noticeId: reply.email!.notice!.id, resolution: 'update-recipients', by: { kind: 'agent', id: 'kate' }, at: 't' });
    expect(resolved.events.filter((e) => e.type === 'added' || e.type === 'removed').map((e) => e.reasons)).toEqual([[{ rule: 'F10' }], [{ rule: 'F10' }]]);
    const source = must(null, { ...email({ from: 'zed@else.example', to: 'support@desk.example' }), newTicketId: 'T-2' } as never).ticket!;
    const merged = must(t, { type: 'merge-tickets', source, by: { kind: 'agent', id: 'kate' }, at: 't' });
    expect(reasonsOfType(merged.events, 'added')).toEqual([[{ rule: 'H4', setting: { name: 'mergeRequesterAs', value: 'cc' } }]]);
  });

  it('B10: each person a plan leaves out has a reason of the same shape', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const muted = must(t, edit([{ op: 'mute', address: 'bob@acme.example' }])).ticket;
    const w = must(muted, { type: 'write-comment', commentId: 'c-1', visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: 't' });
    expect(w.plans[0]?.leftOut.map((l) => [l.mailbox.address, l.reason, l.reasons])).toEqual([['bob@acme.example', 'muted', [{ rule: 'H2' }]]]);
  });
});

group('E3, E4: reasons survive a store and reload; logs without them still read', () => {
  it('E4: JSON round trip → readEvents → describeEvent still says why', () => {
    const { ticket, events } = zendeskTicket();
    const reply = must(ticket, email({ from: 'bob@acme.example', to: 'support@desk.example' }), zendesk);
    const log = [...events, ...reply.events];
    const read = readEvents(JSON.parse(JSON.stringify(log)), { ticketId: 'T-1' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(read.value).toEqual(log);
    const last = read.value.find((e) => e.type === 'comment-added' && e.comment.author?.address === 'bob@acme.example')!;
    expect(describeEvent(last)).toBe('bob@acme.example wrote an internal note because a CC replied without the requester (ccReplyWithoutRequester is "private")');
    expect(fold(read.value)).toEqual(reply.ticket);
  });

  it('E4: the checksum covers the reasons: a reason edited in storage is reported', () => {
    const { events } = zendeskTicket();
    const stored = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
    const i = stored.findIndex((e) => e.type === 'comment-added');
    stored[i] = { ...stored[i], reasons: [{ rule: 'F2' }] };
    const read = readEvents(stored);
    expect(read.ok ? [] : read.error.map((x) => [x.code, ...x.path])).toEqual([['invalid-value', i, 'sum']]);
    // And a reason of the wrong shape is refused by the event schema.
    const bad = JSON.parse(JSON.stringify(events)) as Record<string, unknown>[];
    bad[i] = { ...bad[i], reasons: [{ rule: 'F2', why: 'x' }] };
    bad[i] = { ...bad[i], sum: checksum(bad[i]) };
    const r = readEvents(bad);
    expect(r.ok ? [] : r.error.map((x) => x.code)).toContain('unknown-field');
  });

  it('E3: a version-2 log written before reasons existed reads, folds and describes without a "because"', () => {
    const old = JSON.parse(readFileSync(resolve(import.meta.dirname, 'fixtures', 'v2-log-without-reasons.json'), 'utf8')) as Record<string, unknown>[];
    expect(old.some((e) => 'reasons' in e)).toBe(false);
    const read = readEvents(old, { ticketId: 'T-1' });
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    expect(fold(read.value).ccs.length).toBeGreaterThan(0);
    const text = read.value.map((e) => describeEvent(e));
    expect(text.some((s) => s.includes('because'))).toBe(false);
    expect(text).toContain('bob@acme.example wrote an internal note');
  });
});

group('E1: reasons in words', () => {
  it('E1: English by default: the rule in words, then what decided', () => {
    const { events } = zendeskTicket();
    expect(events.map((e) => describeEvent(e))).toEqual([
      'ann@acme.example opened the ticket',
      'ann@acme.example set the requester to ann@acme.example because they were on the message that opened the ticket',
      'ann@acme.example added bob@acme.example to CC because they were on the message that opened the ticket',
      'ann@acme.example wrote a public reply because it opened the ticket',
      'the system could not add x@spam.example because the address is on the denylist (denylist lists x@spam.example)',
    ]);
    // An agent's own edit needs no "because": the actor says it.
    expect(describeEvent(must(opened(), edit([{ op: 'add', field: 'cc', address: 'cy@acme.example' }])).events[0]!)).toBe('agent kate added cy@acme.example to CC');
  });

  it('E1: in the caller\'s words: German phrases say why in German', () => {
    const grund: Readonly<Record<string, string>> = { F4: 'eine Kopie ohne den Anfragenden antwortete', F0: 'die Nachricht das Ticket eröffnete', D2: 'die Adresse auf der Sperrliste steht' };
    const german: HistoryPhrases = {
      ...englishPhrases,
      comment: (by, visibility, author) => `${author ?? by} schrieb ${visibility === 'public' ? 'eine öffentliche Antwort' : 'eine interne Notiz'}`,
      because: (sentence, reasons) => `${sentence}, weil ${reasons.map((r) => (grund[r.rule] ?? r.rule) + (r.setting ? ` (${r.setting.name} = ${String(r.setting.value)})` : '')).join(' und ')}`,
    };
    const { ticket } = zendeskTicket();
    const reply = must(ticket, email({ from: 'bob@acme.example', to: 'support@desk.example' }), zendesk);
    const comment = reply.events.find((e) => e.type === 'comment-added')!;
    expect(describeEvent(comment, german)).toBe('bob@acme.example schrieb eine interne Notiz, weil eine Kopie ohne den Anfragenden antwortete (ccReplyWithoutRequester = private)');
    // A phrase set without `because` (written for 0.1) gets no English clause mixed in.
    const { because: _omit, ...old } = german;
    expect(describeEvent(comment, old)).toBe('bob@acme.example schrieb eine interne Notiz');
  });

  it('E1: reasonsOf gives the reasons worth saying, the refused addresses\' too, each once', () => {
    const { events } = zendeskTicket();
    expect(events.map((e) => reasonsOf(e).map((r) => r.rule))).toEqual([[], ['F0'], ['F0'], ['F0'], ['D2']]);
    expect(reasonInEnglish({ rule: 'G2', callerRule: 'vip' })).toBe("a rule's conditions held (rule vip)");
    // A setting that makes a rule do something else has words of its own.
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const former = must(t, edit([{ op: 'set-requester', address: 'cy@acme.example' }]), contextWith({ formerRequesterBecomesCc: true }));
    expect(describeEvent(former.events.find((e) => e.type === 'added')!)).toBe('agent kate added ann@acme.example to CC because the former requester stays on as a CC (formerRequesterBecomesCc is true)');
    const follows = must(t, edit([{ op: 'add', field: 'cc', address: 'kate@desk.example' }]), contextWith({ agentCcBecomesFollower: true }));
    expect(follows.events.map((e) => describeEvent(e))).toEqual(['agent kate added kate@desk.example to CC', 'agent kate added kate@desk.example to followers because an agent who becomes a CC follows the ticket (agentCcBecomesFollower is true)']);
    expect(reasonInEnglish({ rule: 'F7', directory: { address: 'kate@desk.example', kind: 'agent' } })).toBe('an agent or a follower wrote it (the directory lists kate@desk.example as agent)');
  });
});

group('what would change it: re-deciding with each other value', () => {
  // Every alternative explainDecision offers is checked against handle run with that value.
  const cases: readonly [string, Settings, Command][] = [
    ['F4 zendesk', presets.zendesk, email({ from: 'bob@acme.example', to: 'support@desk.example' })],
    ['F4 omnidesk', presets.omnidesk, email({ from: 'bob@acme.example', to: 'support@desk.example' })],
    ['F3/F9 zendesk', presets.zendesk, email({ from: 'ann@acme.example', to: 'support@desk.example' })],
    ['F8 zendesk', presets.zendesk, email({ from: 'zed@else.example', to: 'support@desk.example' })],
    ['F11 omnidesk', presets.omnidesk, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), headers: { 'Auto-Submitted': 'auto-replied' } } as Command],
    ['F7 zendesk', presets.zendesk, email({ from: 'kate@desk.example', to: 'support@desk.example', cc: 'ann@acme.example' })],
  ];
  it.each(cases)('%s: each alternative is what deciding again with that value does, and at least one differs', (_name, preset, command) => {
    const context = { settings: { ...preset, supportAddresses: SUPPORT }, directory };
    const t = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never, context).ticket!;
    const before = handle(t, command, context);
    if (!before.ok) throw new Error('refused');
    const who = (x: Ticket | null) => JSON.stringify([x?.requester?.key, x?.ccs.map((m) => m.key), x?.bccs.map((m) => m.key), x?.followers.map((m) => m.key)]);
    const why = explainDecision(t, command, context);
    expect(why.alternatives.length).toBeGreaterThan(0);
    // The settings offered are those the stored reasons name.
    const named = new Set(before.value.events.flatMap((e) => [...(e.reasons ?? []), ...(e.type === 'recipients-refused' ? e.refused.flatMap((r) => (r.reason ? [r.reason] : [])) : [])]).flatMap((r: Reason) => (r.setting ? [r.setting.name] : [])));
    expect(why.alternatives.every((a) => named.has(a.setting))).toBe(true);
    for (const a of why.alternatives) {
      const again = handle(t, command, { ...context, settings: { ...context.settings, [a.setting]: a.value } });
      if (!again.ok) throw new Error('refused');
      expect([a.setting, a.value, a.visibility, a.participantsChange]).toEqual([a.setting, a.value, again.value.comment?.visibility ?? null, who(again.value.ticket) !== who(before.value.ticket)]);
    }
    expect(why.alternatives.some((a) => a.visibility !== before.value.comment?.visibility || a.participantsChange)).toBe(true);
  });

  it('D1: for a CC limit that kept people out, the limit that would have let them all in, checked by deciding again', () => {
    const context = { settings: { ...presets.omnidesk, supportAddresses: SUPPORT, ccLimit: 2 }, directory };
    const t = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never, context).ticket!;
    const command = email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cy@acme.example, dan@acme.example, eve@acme.example' });
    const why = explainDecision(t, command, context);
    expect(why.refusals.map((r) => [r.input, r.reason.rule])).toEqual([['dan@acme.example', 'D1'], ['eve@acme.example', 'D1']]);
    const limit = why.alternatives.find((a) => a.setting === 'ccLimit');
    expect([limit?.value, limit?.participantsChange]).toEqual([4, true]);
    const again = handle(t, command, { ...context, settings: { ...context.settings, ccLimit: 4 } });
    expect(again.ok && [again.value.ticket?.ccs.length, again.value.issues.length]).toEqual([4, 0]);
  });

  it('F8, D4: under servicecamp "add-as-cc" would change nothing (CCs by email are off), and says so', () => {
    const context = { settings: { ...presets.servicecamp, supportAddresses: SUPPORT }, directory };
    const t = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), newTicketId: 'T-1' } as never, context).ticket!;
    const why = explainDecision(t, email({ from: 'zed@else.example', to: 'support@desk.example' }), context);
    expect(why.alternatives.map((a) => a.sentence)).toEqual(['with thirdPartyReply: "add-as-cc" the outcome would have been the same']);
  });
});

group('E7: erasure reaches the reasons', () => {
  it('E7: an address named by a reason (the denylist entry it matched, a directory entry) is replaced by the pseudonym', async () => {
    const { eraseAddress } = await import('../src/index.js');
    const { events } = zendeskTicket();
    const erased = eraseAddress(events, 'x@spam.example', { at: 't', by: { kind: 'system' } });
    expect(erased.ok).toBe(true);
    if (!erased.ok) return;
    expect(JSON.stringify(erased.value.events)).not.toContain('x@spam.example');
    const refused = erased.value.events.find((e) => e.type === 'recipients-refused');
    expect(refused?.type === 'recipients-refused' && refused.refused[0]?.reason).toEqual({ rule: 'D2', setting: { name: 'denylist', value: erased.value.pseudonym } });
    const first = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T-1' } as never);
    const light = must(first.ticket, email({ from: 'liam@desk.example', to: 'support@desk.example', cc: 'ann@acme.example' }));
    expect(reasonsOfType(light.events, 'comment-added')).toEqual([[{ rule: 'D4', directory: { address: 'liam@desk.example', kind: 'light-agent' } }]]);
    const gone = eraseAddress([...first.events, ...light.events], 'liam@desk.example', { at: 't', by: { kind: 'system' } });
    expect(gone.ok && JSON.stringify(gone.value.events).includes('liam@desk.example')).toBe(false);
  });
});

group('I9: the reason helpers take anything (found by the no-throw property, counterexample [[]])', () => {
  it('I9: reasonInEnglish, reasonOfIssue and reasonsOf return a value for input that is no reason, issue or event', async () => {
    const { reasonOfIssue } = await import('../src/index.js');
    expect(reasonInEnglish([] as never)).toBe('');
    expect(reasonInEnglish(null as never)).toBe('');
    expect(reasonInEnglish({ rule: 'toString' } as never)).toBe('of toString');
    expect(reasonOfIssue(undefined as never, undefined as never)).toEqual({ rule: 'D3' });
    expect(reasonOfIssue({ code: 'cc-limit-exceeded', input: 1 } as never, undefined as never)).toEqual({ rule: 'D1', setting: { name: 'ccLimit', value: null } });
    expect(reasonsOf(undefined as never)).toEqual([]);
    // Counterexample [[{}, {__proto__: null}]] (seed -1359019048): objects without a prototype are no text.
    expect(reasonInEnglish({ rule: 'F0' } as never, Object.create(null) as never)).toBe('they were on the message that opened the ticket');
    expect(reasonInEnglish({ rule: 'F4', setting: { name: Object.create(null), value: Object.create(null) } } as never)).toBe('a CC replied without the requester ( is )');
    expect(reasonsOf({ type: 'recipients-refused', refused: [null, { reason: 3 }] } as never)).toEqual([]);
  });
});
