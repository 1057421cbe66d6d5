import { describe as group, expect, it } from 'vitest';
import { describe as deprecatedDescribe, describeEvent, emptyTicket, englishPhrases, fold, formatPath, readEvents, recipientChanges, type HistoryPhrases } from '../src/index.js';
import { contextWith, edit, email, must, opened } from './support/tickets.js';

group('E1: events', () => {
  it('E1: every kind of event reads as a sentence for a timeline', () => {
    const t = opened('Ann <ann@acme.example>', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'set-requester', address: 'bob@acme.example' }, { op: 'add', field: 'bcc', address: 'mia@desk.example' }]));
    expect(r.events.map((e) => describeEvent(e))).toEqual([
      // A4: the agent asked for a new requester; the CC removal is the rule's doing, so it says why.
      'agent kate removed bob@acme.example from CC because an address holds one role',
      'agent kate changed the requester from Ann <ann@acme.example> to bob@acme.example',
      'agent kate added mia@desk.example to BCC',
    ]);
  });

  it('E1: callers describe history in their own language', () => {
    const russian: HistoryPhrases = {
      ...englishPhrases,
      field: (f) => (f === 'cc' ? 'копию' : f === 'bcc' ? 'скрытую копию' : 'наблюдатели'),
      actor: (a) => (a.kind === 'rule' ? `правило ${a.ruleId}` : a.kind === 'end-user' ? a.address : 'сотрудник'),
      added: (by, field, who) => `${by} добавил ${who} в ${field}`,
    };
    const r = must(opened(), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }]));
    expect(describeEvent(r.events[0]!, russian)).toBe('сотрудник добавил mia@desk.example в скрытую копию');
  });
});

group('E2: folding', () => {
  it('E2: recipientChanges lists the events between two recipient states, and they fold from one to the other', () => {
    const before = opened('ann@acme.example', ['bob@acme.example', 'cleo@acme.example']);
    const after = must(before, edit([{ op: 'remove', field: 'cc', address: 'bob@acme.example' }, { op: 'add', field: 'bcc', address: 'mia@desk.example' }, { op: 'set-requester', address: 'cleo@acme.example' }])).ticket!;
    // The changes go through the decider like any edit: policy applies, history records them.
    const changes = recipientChanges(before, after);
    const replayed = must(before, { type: 'edit-recipients', changes, by: { kind: 'system' }, at: 't' }).ticket!;
    expect([replayed.requester, replayed.ccs, replayed.bccs, replayed.followers]).toEqual([after.requester, after.ccs, after.bccs, after.followers]);
    expect(recipientChanges(after, after)).toEqual([]);
  });

  it('E2: a split ticket folds from its own log', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const reply = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example' }));
    const notice = reply.email!.notice!;
    const split = must(reply.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'split', newTicketId: 'T-2', by: { kind: 'agent', id: 'kate' }, at: 't' }, contextWith());
    expect(fold(split.split!.events)).toEqual(split.splitTicket);
    expect(fold([])).toEqual(emptyTicket(''));
  });
});

group('E3: versions', () => {
  it('E3: every event carries v: 2, and stored logs are checked before folding', () => {
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T' } as never);
    expect(r.events.every((e) => e.v === 2)).toBe(true);
    expect(readEvents(JSON.parse(JSON.stringify(r.events)))).toEqual({ ok: true, value: r.events });
    const n = r.events.length;
    const stored = [...r.events, { ...r.events[0], v: 3 }, { v: 2, type: 'teleported' }, null];
    const read = readEvents(stored);
    expect(read.ok ? [] : read.error.map((i) => `${i.code} ${formatPath(i.path)}`)).toEqual([`unsupported-version [${n}]`, `unknown-event [${n + 1}]`, `not-an-event [${n + 2}]`]);
  });
});

group('describeEvent', () => {
  it('E1: names appear decoded and unquoted; the deprecated describe is the same function', () => {
    const r = must(opened('ann@acme.example'), edit([{ op: 'add', field: 'cc', address: '"Smith, John" <John@Example.COM>' }]));
    expect(describeEvent(r.events[0]!)).toBe('agent kate added Smith, John <John@Example.COM> to CC');
    expect(deprecatedDescribe).toBe(describeEvent);
  });
});
