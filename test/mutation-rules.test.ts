// Behaviour pinned after mutation testing of src/rules: every condition checked where it does
// NOT hold as well as where it does, domains matched by whole labels, and the G3 cycle's order.
import { describe, expect, it } from 'vitest';
import { parseAddress } from '../src/address/parse-list.js';
import { compilePolicy } from '../src/policy/policy.js';
import { createDirectory, defaultSettings, parseRules, type Rule } from '../src/index.js';
import { changeReads, compileRule, compileRules, matches } from '../src/rules/compile-rules.js';
import { runRules, type RuleUpdate } from '../src/rules/run-rules.js';
import type { Condition } from '../src/rules/types.js';
import { RecipientSet } from '../src/ticket/recipient-set.js';
import { emptyTicket } from '../src/ticket/empty.js';
import type { Mailbox } from '../src/address/types.js';

const mb = (text: string): Mailbox => {
  const r = parseAddress(text);
  if (!r.ok) throw new Error(text);
  return r.value;
};

const policy = compilePolicy({ ...defaultSettings, supportAddresses: ['support@desk.example'] });
const env = { policy };
const directory = createDirectory([
  { address: 'otto@desk.example', kind: 'agent', id: 'otto' },
  { address: 'kate@desk.example', kind: 'agent', id: 'kate' },
]);

const ticket = (parts: { requester?: string | null; ccs?: string[]; bccs?: string[]; followers?: string[] } = {}) => ({
  ...emptyTicket('T-1'),
  requester: parts.requester === null ? null : mb(parts.requester ?? 'ann@acme.example'),
  ccs: (parts.ccs ?? []).map(mb),
  bccs: (parts.bccs ?? []).map(mb),
  followers: (parts.followers ?? []).map(mb),
});

const update = (over: Partial<RuleUpdate> = {}): RuleUpdate => ({ kinds: ['inbound-reply'], sender: mb('ann@acme.example'), senderRole: 'requester', comment: { id: 'c', visibility: 'public' }, at: 't', ...over });

/** Whether a rule with this one condition (in `all`, then in `any`) fires. */
const holds = (c: Condition, t = ticket(), u = update()): boolean => {
  const viaAll = matches(compileRule({ id: 'r', title: '', active: true, conditions: { all: [c] }, actions: [] }, env), new RecipientSet(t), u);
  const viaAny = matches(compileRule({ id: 'r', title: '', active: true, conditions: { any: [c] }, actions: [] }, env), new RecipientSet(t), u);
  expect(viaAny).toBe(viaAll);
  return viaAll;
};

describe('G1: each condition, where it holds and where it does not', () => {
  it('G1: requester-is holds for the requester in any case of the domain, not for anyone else or no requester', () => {
    expect(holds({ type: 'requester-is', address: 'ANN@ACME.example' })).toBe(true);
    expect(holds({ type: 'requester-is', address: 'bob@acme.example' })).toBe(false);
    expect(holds({ type: 'requester-is', address: 'ann@acme.example' }, ticket({ requester: null }))).toBe(false);
    // An address that does not parse matches no requester, not even a missing one.
    expect(holds({ type: 'requester-is', address: 'not an address' }, ticket({ requester: null }))).toBe(false);
  });

  it('G1: requester-in-domain holds for that domain only, subdomains only when asked', () => {
    expect(holds({ type: 'requester-in-domain', domain: 'acme.example' })).toBe(true);
    expect(holds({ type: 'requester-in-domain', domain: 'other.example' })).toBe(false);
    expect(holds({ type: 'requester-in-domain', domain: 'acme.example' }, ticket({ requester: null }))).toBe(false);
    expect(holds({ type: 'requester-in-domain', domain: 'acme.example' }, ticket({ requester: 'x@eu.acme.example' }))).toBe(false);
    expect(holds({ type: 'requester-in-domain', domain: 'acme.example', subdomains: true }, ticket({ requester: 'x@eu.acme.example' }))).toBe(true);
  });

  it('G1: subdomains: true matches the domain and its subdomains, never another domain ending in the same letters', () => {
    const c: Condition = { type: 'requester-in-domain', domain: 'acme.example', subdomains: true };
    expect(holds(c, ticket({ requester: 'x@acme.example' }))).toBe(true);
    expect(holds(c, ticket({ requester: 'x@a.b.acme.example' }))).toBe(true);
    expect(holds(c, ticket({ requester: 'x@notacme.example' }))).toBe(false);
    expect(holds(c, ticket({ requester: 'x@other.example' }))).toBe(false);
    expect(holds(c, ticket({ requester: 'x@acme.example.org' }))).toBe(false);
    expect(holds({ type: 'requester-in-domain', domain: 'acme.example', subdomains: false }, ticket({ requester: 'x@eu.acme.example' }))).toBe(false);
  });

  it('G1: domains in conditions are normalised: case, trailing dot, Unicode', () => {
    expect(holds({ type: 'requester-in-domain', domain: 'ACME.Example.' })).toBe(true);
    expect(holds({ type: 'requester-in-domain', domain: ' acme.example. ' })).toBe(true);
    expect(holds({ type: 'requester-in-domain', domain: 'bücher.example' }, ticket({ requester: 'x@xn--bcher-kva.example' }))).toBe(true);
  });

  it('G1: sender-is holds for the sender only, and never without a sender', () => {
    expect(holds({ type: 'sender-is', address: 'Ann <ann@acme.example>' })).toBe(true);
    expect(holds({ type: 'sender-is', address: 'bob@acme.example' })).toBe(false);
    expect(holds({ type: 'sender-is', address: 'ann@acme.example' }, ticket(), update({ sender: null }))).toBe(false);
    expect(holds({ type: 'sender-is', address: 'not an address' }, ticket(), update({ sender: null }))).toBe(false);
  });

  it('G1: sender-role holds for that role only', () => {
    expect(holds({ type: 'sender-role', role: 'requester' })).toBe(true);
    expect(holds({ type: 'sender-role', role: 'cc' })).toBe(false);
    expect(holds({ type: 'sender-role', role: 'agent' }, ticket(), update({ senderRole: null }))).toBe(false);
  });

  it('G1: update-is holds when the update is of that kind, among others', () => {
    expect(holds({ type: 'update-is', kind: 'recipient-change' }, ticket(), update({ kinds: ['inbound-reply', 'recipient-change'] }))).toBe(true);
    expect(holds({ type: 'update-is', kind: 'new-ticket' })).toBe(false);
  });

  it('G1: comment-is holds for that visibility only, and never without a comment', () => {
    expect(holds({ type: 'comment-is', visibility: 'public' })).toBe(true);
    expect(holds({ type: 'comment-is', visibility: 'internal' })).toBe(false);
    expect(holds({ type: 'comment-is', visibility: 'public' }, ticket(), update({ comment: null }))).toBe(false);
    expect(holds({ type: 'comment-is', visibility: 'internal' }, ticket(), update({ comment: null }))).toBe(false);
  });

  it('G1: cc-contains and bcc-contains look in their own field only', () => {
    const t = ticket({ ccs: ['bob@acme.example'], bccs: ['mia@desk.example'] });
    expect(holds({ type: 'cc-contains', address: 'BOB@acme.example' }, t)).toBe(true);
    expect(holds({ type: 'cc-contains', address: 'mia@desk.example' }, t)).toBe(false);
    expect(holds({ type: 'bcc-contains', address: 'mia@desk.example' }, t)).toBe(true);
    expect(holds({ type: 'bcc-contains', address: 'bob@acme.example' }, t)).toBe(false);
    expect(holds({ type: 'cc-contains', address: 'not an address' }, t)).toBe(false);
    expect(holds({ type: 'cc-contains', address: 'ann@acme.example' }, t)).toBe(false);
  });

  it('G1: cc-in-domain and bcc-in-domain look in their own field, whole labels, subdomains when asked', () => {
    const t = ticket({ ccs: ['bob@eu.vip.example', 'cy@acme.example'], bccs: ['mia@desk.example', 'x@sub.partner.example'] });
    expect(holds({ type: 'cc-in-domain', domain: 'acme.example' }, t)).toBe(true);
    expect(holds({ type: 'cc-in-domain', domain: 'vip.example' }, t)).toBe(false);
    expect(holds({ type: 'cc-in-domain', domain: 'vip.example', subdomains: true }, t)).toBe(true);
    expect(holds({ type: 'cc-in-domain', domain: 'desk.example' }, t)).toBe(false);
    expect(holds({ type: 'bcc-in-domain', domain: 'desk.example' }, t)).toBe(true);
    expect(holds({ type: 'bcc-in-domain', domain: 'acme.example' }, t)).toBe(false);
    expect(holds({ type: 'bcc-in-domain', domain: 'partner.example' }, t)).toBe(false);
    expect(holds({ type: 'bcc-in-domain', domain: 'partner.example', subdomains: true }, t)).toBe(true);
    expect(holds({ type: 'bcc-in-domain', domain: 'artner.example', subdomains: true }, t)).toBe(false);
    expect(holds({ type: 'bcc-in-domain', domain: 'desk.example' }, ticket())).toBe(false);
  });

  it('G1: has-cc holds with a CC, not with only followers or BCCs', () => {
    expect(holds({ type: 'has-cc' }, ticket({ ccs: ['bob@acme.example'] }))).toBe(true);
    expect(holds({ type: 'has-cc' }, ticket({ bccs: ['bob@acme.example'], followers: ['otto@desk.example'] }))).toBe(false);
  });

  it('G1: an unknown condition never holds', () => {
    expect(holds({ type: 'moon-is-full' } as never)).toBe(false);
  });

  it('G1: all needs every condition, any needs one, absent lists hold', () => {
    const yes: Condition = { type: 'sender-role', role: 'requester' };
    const no: Condition = { type: 'sender-role', role: 'cc' };
    const fires = (conditions: Rule['conditions']) => matches(compileRule({ id: 'r', title: '', active: true, conditions, actions: [] }, env), new RecipientSet(ticket()), update());
    expect(fires({})).toBe(true);
    expect(fires({ all: [], any: [] })).toBe(true);
    expect(fires({ all: [yes, no] })).toBe(false);
    expect(fires({ all: [no, yes] })).toBe(false);
    expect(fires({ any: [no, yes] })).toBe(true);
    expect(fires({ any: [no, no] })).toBe(false);
    expect(fires({ all: [yes], any: [no] })).toBe(false);
    expect(fires({ all: [no], any: [yes] })).toBe(false);
    expect(fires({ all: [yes], any: [yes] })).toBe(true);
  });

  it('G1: inactive rules are not compiled', () => {
    const rules: Rule[] = [
      { id: 'on', title: '', active: true, conditions: {}, actions: [] },
      { id: 'off', title: '', active: false, conditions: {}, actions: [] },
    ];
    expect(compileRules(rules, env).map((c) => c.rule.id)).toEqual(['on']);
  });
});

describe('G2, G3: actions and the cycle', () => {
  const rule = (id: string, conditions: Rule['conditions'], actions: Rule['actions']): Rule => ({ id, title: id, active: true, conditions, actions });
  const run = (rules: Rule[], t = ticket(), u = update()) => runRules(t, u, compileRules(rules, env), { policy, directory });

  it('G2: each action type does its own thing, by the rule as actor', () => {
    const out = run([
      rule('all', {}, [
        { type: 'add-cc', address: 'c@acme.example' },
        { type: 'add-bcc', address: 'b@acme.example' },
        { type: 'add-follower', address: 'otto@desk.example' },
        { type: 'remove-cc', address: 'old@acme.example' },
        { type: 'notify-requester' },
        { type: 'notify-requester-and-ccs' },
      ]),
    ], ticket({ ccs: ['old@acme.example'] }));
    expect(out.events.map((e) => (e.type === 'added' || e.type === 'removed' ? `${e.type} ${e.field} ${e.mailbox.address}` : e.type))).toEqual([
      'added cc c@acme.example',
      'added bcc b@acme.example',
      'added follower otto@desk.example',
      'removed cc old@acme.example',
    ]);
    expect(out.events.every((e) => e.cause === 'rule' && e.by.kind === 'rule' && e.by.ruleId === 'all' && e.at === 't')).toBe(true);
    expect(out.notify).toEqual([
      { ruleId: 'all', audience: 'requester' },
      { ruleId: 'all', audience: 'requester-and-ccs' },
    ]);
    expect(out.issues).toEqual([]);
  });

  it('G2: a refused action is reported with the rule id and the field, and the others still apply', () => {
    const out = run([rule('r', {}, [{ type: 'add-bcc', address: 'support@desk.example' }, { type: 'add-follower', address: 'nobody@acme.example' }, { type: 'add-cc', address: 'ok@acme.example' }])]);
    expect(out.issues.map((i) => [i.code, i.ruleId, i.field])).toEqual([
      ['support-address', 'r', 'bcc'],
      ['not-an-agent', 'r', 'follower'],
    ]);
    expect(out.events).toHaveLength(1);
  });

  it('G2: an action whose address does not parse, or that has none, is reported and does not stop the rule', () => {
    const out = run([rule('r', {}, [{ type: 'add-cc', address: 'not an address' }, { type: 'add-bcc' } as never, { type: 'add-cc', address: 'ok@acme.example' }])]);
    expect(out.issues.map((i) => [i.code, i.field])).toEqual([
      ['invalid-address', 'cc'],
      ['invalid-command', 'bcc'],
    ]);
    expect(out.issues[1]?.path).toEqual([]);
    expect(out.events).toHaveLength(1);
  });

  it('G3: a rule that changes the ticket starts the checking again, so an earlier rule sees the change', () => {
    const out = run([
      rule('second', { all: [{ type: 'cc-contains', address: 'c@acme.example' }] }, [{ type: 'add-bcc', address: 'b@acme.example' }]),
      rule('first', {}, [{ type: 'add-cc', address: 'c@acme.example' }]),
    ]);
    expect(out.fired).toEqual(['first', 'second']);
  });

  it('G3: a rule that fires without changing anything does not restart the pass, and each fires once', () => {
    const out = run([
      rule('notify', {}, [{ type: 'notify-requester' }]),
      rule('add', {}, [{ type: 'add-cc', address: 'c@acme.example' }]),
      rule('after', { all: [{ type: 'has-cc' }] }, [{ type: 'notify-requester-and-ccs' }]),
    ]);
    expect(out.fired).toEqual(['notify', 'add', 'after']);
    expect(out.notify.map((n) => n.ruleId)).toEqual(['notify', 'after']);
  });

  it('G3: a rule that stops holding after another fired is not fired', () => {
    const out = run([
      rule('remove', {}, [{ type: 'remove-cc', address: 'bob@acme.example' }]),
      rule('needs-bob', { all: [{ type: 'cc-contains', address: 'bob@acme.example' }] }, [{ type: 'notify-requester' }]),
    ], ticket({ ccs: ['bob@acme.example'] }));
    expect(out.fired).toEqual(['remove']);
  });
});

describe('G1, D6: rules read from JSON', () => {
  const base = { id: 'r', title: 't', active: true, conditions: {}, actions: [] };

  it('G1: a domain needs a dot and no @, * or spaces; a trailing dot is allowed', () => {
    const domainOk = (domain: unknown) => parseRules([{ ...base, conditions: { all: [{ type: 'cc-in-domain', domain }] } }]).ok;
    expect(domainOk('acme.example')).toBe(true);
    expect(domainOk(' acme.example. ')).toBe(true);
    expect(domainOk('localhost')).toBe(false);
    expect(domainOk('a@acme.example')).toBe(false);
    expect(domainOk('*.acme.example')).toBe(false);
    expect(domainOk('acme .example')).toBe(false);
    expect(domainOk('acme.example x')).toBe(false);
    expect(domainOk('.')).toBe(false);
    const bad = parseRules([{ ...base, conditions: { all: [{ type: 'cc-in-domain', domain: 5 }] } }]);
    expect(bad.ok ? null : bad.error[0]?.code).toBe('wrong-type');
    const text = parseRules([{ ...base, conditions: { all: [{ type: 'cc-in-domain', domain: 'nodot' }] } }]);
    expect(text.ok ? null : text.error[0]).toMatchObject({ code: 'invalid-value', path: ['rules', 0, 'conditions', 'all', 0, 'domain'] });
  });

  it('G2: an action address that does not parse is invalid-value; a non-string is wrong-type', () => {
    const r = parseRules([{ ...base, actions: [{ type: 'add-cc', address: 'nope' }, { type: 'add-cc', address: 5 }] }]);
    expect(r.ok ? [] : r.error.map((i) => [i.code, i.path])).toEqual([
      ['invalid-value', ['rules', 0, 'actions', 0, 'address']],
      ['wrong-type', ['rules', 0, 'actions', 1, 'address']],
    ]);
  });

  it('D6: repeated ids are reported at the later rule, every repeat; rules without a string id are not compared', () => {
    const r = parseRules([base, { ...base, title: 'again' }, { ...base }, { ...base, id: 5 }, { ...base, id: 5 }]);
    expect(r.ok ? [] : r.error.filter((i) => i.code === 'invalid-value').map((i) => i.path)).toEqual([
      ['rules', 1, 'id'],
      ['rules', 2, 'id'],
    ]);
    expect(parseRules([base, { ...base, id: 's' }]).ok).toBe(true);
    expect(parseRules('nope').ok).toBe(false);
  });

  it('D6: a valid list is returned as given', () => {
    const input = [{ ...base, conditions: { any: [{ type: 'sender-role', role: 'cc' }] }, actions: [{ type: 'notify-requester' }] }];
    const r = parseRules(input);
    expect(r.ok && r.value).toBe(input);
  });
});

describe('G3: the order rules fire in, over many rule lists', () => {
  /** G3 as the spec says it: check from the first rule, restart after every change, skip the rules that fired. */
  function fromTheTop(t: ReturnType<typeof ticket>, u: RuleUpdate, rules: Rule[]) {
    const compiled = rules.filter((r) => r.active).map((r) => compileRule(r, env));
    const set = new RecipientSet(t);
    const fired: string[] = [];
    const notify: string[] = [];
    const done = new Set<number>();
    for (let restart = true; restart; ) {
      restart = false;
      for (let i = 0; i < compiled.length; i++) {
        const c = compiled[i]!;
        if (done.has(i) || !matches(c, set, u)) continue;
        done.add(i);
        fired.push(c.rule.id);
        const before = set.events.length;
        const ctx = { policy, directory, by: { kind: 'rule' as const, ruleId: c.rule.id }, cause: 'rule' as const, at: u.at, reason: { rule: 'G2' as const, callerRule: c.rule.id } };
        for (const { action, mailbox } of c.actions) {
          if (action.type === 'notify-requester' || action.type === 'notify-requester-and-ccs') notify.push(`${c.rule.id} ${action.type}`);
          else if (mailbox !== null && mailbox.ok) (action.type === 'remove-cc' ? set.remove('cc', mailbox.value, ctx) : set.add(action.type === 'add-bcc' ? 'bcc' : 'cc', mailbox.value, ctx));
        }
        if (set.events.length > before) {
          restart = true;
          break;
        }
      }
    }
    return { fired, events: set.events, notify };
  }

  // A fixed list of rule lists (a small linear congruential generator, the same every run), whose actions feed each other's conditions.
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor((seed / 2147483648) * n);
  };
  const pick = <T>(list: readonly T[]): T => list[next(list.length)]!;
  const people = ['a@x.example', 'b@y.example', 'c@sub.x.example', 'd@sub.y.example'];
  const domains = ['x.example', 'y.example', 'sub.x.example'];
  const condition = (): Condition =>
    pick<() => Condition>([
      () => ({ type: 'cc-contains', address: pick(people) }),
      () => ({ type: 'bcc-contains', address: pick(people) }),
      () => ({ type: 'cc-in-domain', domain: pick(domains), subdomains: next(2) === 1 }),
      () => ({ type: 'bcc-in-domain', domain: pick(domains), subdomains: next(2) === 1 }),
      () => ({ type: 'has-cc' }),
      () => ({ type: 'sender-role', role: pick(['requester', 'cc'] as const) }),
    ])();
  const action = (): Rule['actions'][number] =>
    pick<() => Rule['actions'][number]>([
      () => ({ type: 'add-cc', address: pick(people) }),
      () => ({ type: 'add-cc', address: pick(people) }),
      () => ({ type: 'remove-cc', address: pick(people) }),
      () => ({ type: 'add-bcc', address: pick(people) }),
      () => ({ type: 'notify-requester' }),
    ])();
  const list = <T>(make: () => T, max: number): T[] => Array.from({ length: next(max + 1) }, make);
  const cases = Array.from({ length: 250 }, (_, k) => ({
    k,
    ccs: people.filter(() => next(3) === 0),
    rules: Array.from({ length: 3 + next(10) }, (_, i): Rule => ({ id: `r${i}`, title: "", active: next(8) !== 0, conditions: { all: list(condition, 1), any: list(condition, 1) }, actions: list(action, 2) })),
  }));

  it('G3: what fires, in what order, with what changes and notifications, is what checking from the top after every change gives', () => {
    let changed = 0;
    for (const c of cases) {
      const t = ticket({ ccs: c.ccs });
      const u = update();
      const want = fromTheTop(t, u, c.rules);
      const got = runRules(t, u, compileRules(c.rules, env), { policy, directory });
      // Rules compiled one by one, without the index of who reads what: the run builds it.
      const plain = runRules(t, u, c.rules.filter((r) => r.active).map((r) => compileRule(r, env)), { policy, directory });
      for (const out of [got, plain]) {
        expect([c.k, out.fired]).toEqual([c.k, want.fired]);
        expect(out.events).toEqual(want.events);
        expect(out.notify.map((n) => `${n.ruleId} ${n.audience === 'requester' ? 'notify-requester' : 'notify-requester-and-ccs'}`)).toEqual(want.notify);
      }
      if (want.fired.length > 2 && want.events.length > 1) changed++;
    }
    // The list exercises restarts, not just quiet passes.
    expect(changed).toBeGreaterThan(30);
  });
});

describe('G2, G4, H5: what a rule records, and whom it names', () => {
  const people = createDirectory([
    { address: 'otto@desk.example', kind: 'agent', id: 'otto' },
    { address: 'ivan@work.example', addresses: ['ivan@home.example'], kind: 'end-user' },
  ]);
  const withPeople = { policy, directory: people };
  const rule = (conditions: Rule['conditions'], actions: Rule['actions']): Rule => ({ id: 'r', title: 'r', active: true, conditions, actions });

  it('G2: every change a rule makes carries the reason G2 with the rule\'s id', () => {
    const out = runRules(ticket(), update(), compileRules([rule({}, [{ type: 'add-cc', address: 'c@acme.example' }])], env), { policy, directory });
    expect(out.events.map((e) => e.reasons)).toEqual([[{ rule: 'G2', callerRule: 'r' }]]);
  });

  it('H5: a rule naming a person by their other address finds them, and adds them as the person; an action address that does not parse is still reported', () => {
    const t = ticket({ ccs: ['ivan@work.example'] });
    expect(matches(compileRule(rule({ all: [{ type: 'cc-contains', address: 'ivan@home.example' }] }, []), withPeople), new RecipientSet(t), update())).toBe(true);
    expect(matches(compileRule(rule({ all: [{ type: 'cc-contains', address: 'ivan@home.example' }] }, []), env), new RecipientSet(t), update())).toBe(false);
    const out = runRules(ticket(), update(), compileRules([rule({}, [{ type: 'add-bcc', address: 'ivan@home.example' }, { type: 'add-cc', address: 'not an address' }])], withPeople), withPeople);
    expect(out.events.map((e) => (e.type === 'added' ? [e.field, e.mailbox.address, e.mailbox.key] : e.type))).toEqual([['bcc', 'ivan@home.example', 'ivan@work.example']]);
    expect(out.issues.map((i) => [i.code, i.field])).toEqual([['invalid-address', 'cc']]);
  });
});

describe('G3: what a condition reads, and what a change touches', () => {
  const reads = (c: Condition): readonly string[] => compileRule({ id: 'r', title: '', active: true, conditions: { all: [c] }, actions: [] }, env).reads;
  const base = { at: 't', by: { kind: 'rule' as const, ruleId: 'r' }, cause: 'rule' as const };
  const touches = (event: object): string[] => changeReads({ ...base, ...event } as never);
  const meets = (c: Condition, event: object): boolean => reads(c).some((k) => touches(event).includes(k));

  it('G3: a condition on the update alone reads nothing of the ticket, so its answer is kept to the end', () => {
    for (const c of [
      { type: 'sender-is', address: 'ann@acme.example' },
      { type: 'sender-role', role: 'cc' },
      { type: 'update-is', kind: 'new-ticket' },
      { type: 'comment-is', visibility: 'public' },
      { type: 'cc-contains', address: 'not an address' },
      { type: 'moon-is-full' },
    ] as Condition[]) expect([c.type, reads(c)]).toEqual([c.type, []]);
  });

  it('G3: a condition on the ticket is re-checked after a change that can alter its answer; follower and other changes alter none', () => {
    const bob = mb('bob@eu.acme.example');
    expect(meets({ type: 'requester-is', address: 'ann@acme.example' }, { type: 'requester-changed', from: null, to: mb('ann@acme.example') })).toBe(true);
    expect(meets({ type: 'requester-in-domain', domain: 'acme.example' }, { type: 'requester-changed', from: null, to: mb('ann@acme.example') })).toBe(true);
    expect(meets({ type: 'cc-contains', address: 'bob@eu.acme.example' }, { type: 'removed', field: 'cc', mailbox: bob })).toBe(true);
    expect(meets({ type: 'cc-in-domain', domain: 'acme.example', subdomains: true }, { type: 'added', field: 'cc', mailbox: bob })).toBe(true);
    expect(meets({ type: 'bcc-in-domain', domain: 'eu.acme.example' }, { type: 'added', field: 'bcc', mailbox: bob })).toBe(true);
    expect(meets({ type: 'has-cc' }, { type: 'added', field: 'bcc', mailbox: bob })).toBe(false);
    expect(touches({ type: 'added', field: 'follower', mailbox: bob })).toEqual([]);
    expect(touches({ type: 'mute-changed', mailbox: bob, muted: true })).toEqual([]);
  });

  it('G3: compiled rules carry the index of who reads what, in order', () => {
    const compiled = compileRules([
      { id: 'a', title: '', active: true, conditions: { all: [{ type: 'has-cc' }] }, actions: [] },
      { id: 'b', title: '', active: true, conditions: { any: [{ type: 'sender-role', role: 'cc' }] }, actions: [] },
      { id: 'c', title: '', active: true, conditions: { all: [{ type: 'has-cc' }, { type: 'cc-contains', address: 'bob@acme.example' }] }, actions: [] },
    ], env);
    expect([...compiled.readers]).toEqual([
      ['cc *', [0, 2]],
      ['cc bob@acme.example', [2]],
    ]);
  });

  it('G1: cc-in-domain with subdomains does not hold when no CC is in the domain or under it', () => {
    const t = ticket({ ccs: ['bob@eu.vip.example', 'cy@acme.example'] });
    expect(holds({ type: 'cc-in-domain', domain: 'partner.example', subdomains: true }, t)).toBe(false);
    expect(holds({ type: 'cc-in-domain', domain: 'vip.example', subdomains: true }, ticket())).toBe(false);
  });
});
