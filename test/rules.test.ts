import { describe, expect, it } from 'vitest';
import { formatPath, parseRules, type Command, type Rule } from '../src/index.js';
import { addresses, contextWith, edit, email, must, opened } from './support/tickets.js';

const rule = (id: string, conditions: Rule['conditions'], actions: Rule['actions'], active = true): Rule => ({ id, title: id, active, conditions, actions });
const withRules = (rules: Rule[], overrides = {}) => ({ ...contextWith(overrides), rules });

// Omnidesk's Cc and Bcc article, points 11 and 12: "if Cc contains …" → "add to Cc / add to Bcc".
const vipWatch = rule('vip-watch', { any: [{ type: 'cc-in-domain', domain: 'vip.example' }] }, [{ type: 'add-bcc', address: 'Mia <mia@desk.example>' }]);
const accountant = rule('accountant', { all: [{ type: 'cc-contains', address: 'ceo@acme.example' }] }, [{ type: 'add-cc', address: 'accounts@acme.example' }]);

describe('G1: conditions', () => {
  it('G1: CC contains an address, or any address of a domain (subdomains only when asked)', () => {
    const ctx = withRules([vipWatch, accountant, rule('sub', { all: [{ type: 'cc-in-domain', domain: 'vip.example', subdomains: true }] }, [{ type: 'add-cc', address: 'sub@acme.example' }])]);
    const t = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'boss@eu.vip.example, CEO@acme.example' }), newTicketId: 'T' } as never, ctx);
    expect(t.firedRules).toEqual(['accountant', 'sub']);
    expect(addresses(t.ticket!.bccs)).toEqual([]);
    expect(addresses(t.ticket!.ccs)).toEqual(['boss@eu.vip.example', 'CEO@acme.example', 'accounts@acme.example', 'sub@acme.example']);
  });

  it('G1: the ticket has any CC — followers are not counted', () => {
    const ctx = withRules([rule('has-cc', { all: [{ type: 'has-cc' }] }, [{ type: 'add-bcc', address: 'mia@desk.example' }])]);
    const t = must(opened(), edit([{ op: 'add', field: 'follower', address: 'otto@desk.example' }]), ctx);
    expect(t.firedRules).toEqual([]);
    const withCc = must(t.ticket, edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), ctx);
    expect(withCc.firedRules).toEqual(['has-cc']);
  });

  it('G1: requester, sender, sender role, kind of update and visibility', () => {
    const rules = [
      rule('requester', { all: [{ type: 'requester-in-domain', domain: 'acme.example' }, { type: 'update-is', kind: 'new-ticket' }] }, [{ type: 'add-cc', address: 'r@x.example' }]),
      rule('sender', { all: [{ type: 'sender-is', address: 'bob@acme.example' }, { type: 'sender-role', role: 'cc' }, { type: 'update-is', kind: 'inbound-reply' }] }, [{ type: 'add-cc', address: 's@x.example' }]),
      rule('note', { all: [{ type: 'comment-is', visibility: 'internal' }, { type: 'update-is', kind: 'agent-reply' }] }, [{ type: 'add-follower', address: 'otto@desk.example' }]),
      rule('bcc', { any: [{ type: 'bcc-contains', address: 'mia@desk.example' }, { type: 'bcc-in-domain', domain: 'nowhere.example' }] }, [{ type: 'notify-requester' }]),
      rule('requester-is', { all: [{ type: 'requester-is', address: 'ANN@acme.example' }, { type: 'update-is', kind: 'recipient-change' }] }, [{ type: 'remove-cc', address: 'r@x.example' }]),
    ];
    const ctx = withRules(rules);
    const t1 = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), newTicketId: 'T' } as never, ctx);
    expect(t1.firedRules).toEqual(['requester']);
    const t2 = must(t1.ticket, email({ from: 'bob@acme.example', to: 'support@desk.example', cc: 'ann@acme.example, r@x.example' }), ctx);
    expect(t2.firedRules).toEqual(['sender']);
    const t3 = must(t2.ticket, { type: 'write-comment', commentId: 'n1', visibility: 'internal', by: { kind: 'agent', id: 'kate' }, at: 't' }, ctx);
    expect(t3.firedRules).toEqual(['note']);
    expect(addresses(t3.ticket!.followers)).toEqual(['otto@desk.example']);
    const t4 = must(t3.ticket, edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }]), ctx);
    expect(t4.firedRules).toEqual(['bcc', 'requester-is']);
    expect(addresses(t4.ticket!.ccs)).toEqual(['bob@acme.example', 's@x.example']);
  });
});

describe('G2: actions', () => {
  it('G2: a refused action is reported, not thrown, and the rule\'s other actions still apply', () => {
    const ctx = withRules([rule('mixed', { all: [] }, [{ type: 'add-cc', address: 'bot@spam.example' }, { type: 'add-cc', address: 'support@desk.example' }, { type: 'add-bcc', address: 'mia@desk.example' }])], { denylist: ['spam.example'] });
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), ctx);
    expect(r.issues.map((i) => [i.code, 'ruleId' in i ? i.ruleId : null])).toEqual([
      ['denylisted', 'mixed'],
      ['support-address', 'mixed'],
    ]);
    expect(addresses(r.ticket!.bccs)).toEqual(['mia@desk.example']);
  });

  it('G2: rule actions respect the CC limit', () => {
    const ctx = withRules([rule('add', { all: [] }, [{ type: 'add-cc', address: 'a@x.example' }, { type: 'add-cc', address: 'b@x.example' }])], { ccLimit: 1 });
    const r = must(opened(), edit([{ op: 'add', field: 'bcc', address: 'mia@desk.example' }]), ctx);
    expect(addresses(r.ticket!.ccs)).toEqual(['a@x.example']);
    expect(r.issues.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
  });

  it('B6: notify actions produce delivery plans for requester, or requester and CCs', () => {
    const ctx = withRules([
      rule('tell-requester', { all: [{ type: 'update-is', kind: 'agent-reply' }] }, [{ type: 'notify-requester' }]),
      rule('tell-all', { all: [{ type: 'update-is', kind: 'agent-reply' }] }, [{ type: 'notify-requester-and-ccs' }]),
    ]);
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, { type: 'write-comment', commentId: 'c1', visibility: 'public', by: { kind: 'agent', id: 'kate' }, at: 't' }, ctx);
    expect(r.notifications.map((p) => p.messages.map((m) => addresses(m.envelope)))).toEqual([[['ann@acme.example']], [['ann@acme.example', 'bob@acme.example']]]);
    const note = must(t, { type: 'write-comment', commentId: 'n1', visibility: 'internal', by: { kind: 'agent', id: 'kate' }, at: 't' }, ctx);
    expect(note.notifications.flatMap((p) => p.messages)).toEqual([]);
  });
});

describe('G3: the cycle', () => {
  it('G3: rules run in order, each at most once; a change restarts from the top; a quiet pass ends it', () => {
    const chain = [
      rule('second', { all: [{ type: 'cc-contains', address: 'b@x.example' }] }, [{ type: 'add-cc', address: 'c@x.example' }]),
      rule('first', { all: [{ type: 'cc-contains', address: 'a@x.example' }] }, [{ type: 'add-cc', address: 'b@x.example' }]),
      rule('flip', { all: [{ type: 'cc-contains', address: 'c@x.example' }] }, [{ type: 'remove-cc', address: 'a@x.example' }]),
      rule('flop', { all: [{ type: 'has-cc' }] }, [{ type: 'add-cc', address: 'a@x.example' }]),
    ];
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'a@x.example' }]), withRules(chain));
    expect(r.firedRules).toEqual(['first', 'second', 'flip', 'flop']);
    expect(addresses(r.ticket!.ccs)).toEqual(['b@x.example', 'c@x.example', 'a@x.example']);
  });

  it('G3: inactive rules never fire', () => {
    const r = must(opened(), edit([{ op: 'add', field: 'cc', address: 'a@x.example' }]), withRules([rule('off', { all: [] }, [{ type: 'add-bcc', address: 'mia@desk.example' }], false)]));
    expect(r.firedRules).toEqual([]);
  });
});

describe('G4: history names the rule', () => {
  it('G4: events caused by a rule name its id, with cause "rule"', () => {
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'boss@vip.example' }), newTicketId: 'T' } as never, withRules([vipWatch]));
    expect(r.events.at(-1)).toMatchObject({ type: 'added', field: 'bcc', by: { kind: 'rule', ruleId: 'vip-watch' }, cause: 'rule', mailbox: { address: 'mia@desk.example', name: 'Mia' } });
  });
});

describe('D6: rule definitions from JSON', () => {
  it('D6: valid rules pass', () => {
    expect(parseRules([vipWatch, accountant])).toEqual({ ok: true, value: [vipWatch, accountant] });
  });

  it('D6: every problem is named by its path, unknown types refused with the list of known ones', () => {
    const r = parseRules([
      { id: 'a', title: 'A', active: 'yes', conditions: { all: [{ type: 'cc-contains', address: 'not an address' }, { type: 'moon-phase' }], none: [] }, actions: [{ type: 'add-cc' }, { type: 'delete-ticket' }] },
      { id: 'a', title: 'dup', active: true, conditions: { any: [{ type: 'has-cc', extra: 1 }] }, actions: [], colour: 'red' },
      'nope',
    ]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.map((i) => `${i.code} ${formatPath(i.path)}`)).toEqual([
      'wrong-type rules[0].active',
      'invalid-value rules[0].conditions.all[0].address',
      'invalid-value rules[0].conditions.all[1].type',
      'unknown-field rules[0].conditions.none',
      'missing-field rules[0].actions[0].address',
      'invalid-value rules[0].actions[1].type',
      'unknown-field rules[1].conditions.any[0].extra',
      'unknown-field rules[1].colour',
      'wrong-type rules[2]',
      'invalid-value rules[1].id',
    ]);
    expect(r.error.find((i) => formatPath(i.path) === 'rules[0].conditions.all[1].type')?.message).toContain('cc-contains');
  });
});

describe('G1, G3, B6, D6: the corners an independent probe found', () => {
  const onChange = rule('on-change', { all: [{ type: 'update-is', kind: 'recipient-change' }] }, [{ type: 'add-bcc', address: 'audit@desk.example' }]);
  const onReply = rule('on-reply', { all: [{ type: 'update-is', kind: 'inbound-reply' }] }, [{ type: 'add-bcc', address: 'audit@desk.example' }]);
  const ack = rule('ack', { all: [{ type: 'update-is', kind: 'new-ticket' }] }, [{ type: 'notify-requester' }]);

  it('G1: an edit that changes nothing is not a recipient change: no rule fires', () => {
    const t = opened('ann@acme.example', ['bob@acme.example']);
    const r = must(t, edit([{ op: 'add', field: 'cc', address: 'bob@acme.example' }]), withRules([onChange]));
    expect(r.events).toEqual([]);
    expect(r.firedRules).toEqual([]);
  });

  it('G1: an inbound reply that added CCs is an inbound reply and a recipient change', () => {
    const t = opened('ann@acme.example', ['bob@acme.example'], withRules([]));
    const r = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example' }), withRules([onChange, onReply]));
    expect(r.firedRules).toEqual(['on-change', 'on-reply']);
    const quiet = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'bob@acme.example' }), withRules([onChange]));
    expect(quiet.firedRules).toEqual([]);
  });

  it('G1: resolving a notice by split changes no participant of the ticket: not a recipient change', () => {
    const t = opened('ann@acme.example', ['bob@acme.example'], withRules([]));
    const reply = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example' }), withRules([]));
    const notice = reply.email!.notice!;
    const split = must(reply.ticket, { type: 'resolve-notice', noticeId: notice.id, resolution: 'split', newTicketId: 'T-2', by: { kind: 'agent', id: 'kate' }, at: 't' }, withRules([onChange]));
    expect(split.firedRules).toEqual([]);
  });

  it('G3: rules run on the ticket a split creates, as a new ticket', () => {
    const t = opened('ann@acme.example', ['bob@acme.example'], withRules([]));
    const reply = must(t, email({ from: 'ann@acme.example', to: 'support@desk.example', cc: 'dan@acme.example' }), withRules([]));
    const newTicketRule = rule('new-ticket-bcc', { all: [{ type: 'update-is', kind: 'new-ticket' }] }, [{ type: 'add-bcc', address: 'audit@desk.example' }]);
    const split = must(reply.ticket, { type: 'resolve-notice', noticeId: reply.email!.notice!.id, resolution: 'split', newTicketId: 'T-2', by: { kind: 'agent', id: 'kate' }, at: 't' }, withRules([newTicketRule]));
    expect(split.firedRules).toEqual(['new-ticket-bcc']);
    expect(addresses(split.splitTicket!.bccs)).toEqual(['audit@desk.example']);
    expect(split.split!.events.at(-1)).toMatchObject({ type: 'added', field: 'bcc', by: { kind: 'rule', ruleId: 'new-ticket-bcc' } });
  });

  it('G3, F11: rules never run on machine mail', () => {
    const t = opened('ann@acme.example', ['bob@acme.example'], withRules([]));
    const r = must(t, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), headers: { 'Auto-Submitted': 'auto-replied' } } as Command, withRules([onReply]));
    expect(r.firedRules).toEqual([]);
    expect(r.ticket!.bccs).toEqual([]);
  });

  it('B6: a "we received your request" notification reaches the requester who just wrote', () => {
    const r = must(null, { ...email({ from: 'ann@acme.example', to: 'support@desk.example' }), newTicketId: 'T-9' } as never, withRules([ack]));
    expect(r.firedRules).toEqual(['ack']);
    expect(r.notifications.flatMap((p) => p.messages.flatMap((m) => addresses(m.envelope)))).toEqual(['ann@acme.example']);
  });

  it('D6: a rule domain with the trailing dot of its full form matches like the domain', () => {
    const dotted = rule('vip', { any: [{ type: 'cc-in-domain', domain: 'vip.example.' }] }, [{ type: 'add-bcc', address: 'mia@desk.example' }]);
    expect(parseRules([dotted]).ok).toBe(true);
    const r = must(opened('ann@acme.example', ['boss@vip.example'], withRules([])), edit([{ op: 'add', field: 'cc', address: 'x@acme.example' }]), withRules([dotted]));
    expect(r.firedRules).toEqual(['vip']);
  });
});
