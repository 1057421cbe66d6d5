import { it } from '@fast-check/vitest';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { handle } from '../src/decider/handle.js';
import { compilePolicy } from '../src/policy/policy.js';
import { compileRules, matches, type CompiledRule } from '../src/rules/compile-rules.js';
import { runRules, type RuleUpdate, type RuleIssue } from '../src/rules/run-rules.js';
import { UPDATE_KINDS, type Action } from '../src/rules/types.js';
import { address } from '../src/testing/arbitraries.js';
import { rules } from '../src/testing/rules.js';
import { scenarioDirectory, settings } from '../src/testing/scenario.js';
import { RecipientSet, type ChangeContext } from '../src/ticket/recipient-set.js';
import { AUTHOR_ROLES, type Ticket } from '../src/ticket/types.js';

/** G3 as written: check from the first rule, restart after every change, skip rules that fired. */
function restartEveryTime(ticket: Ticket, update: RuleUpdate, compiled: readonly CompiledRule[], env: Pick<ChangeContext, 'policy' | 'directory'>) {
  const set = new RecipientSet(ticket);
  const fired: string[] = [];
  const done = new Set<number>();
  const issues: RuleIssue[] = [];
  const notify: { ruleId: string; audience: string }[] = [];
  const checks = { count: 0 };
  let restart = true;
  while (restart) {
    restart = false;
    for (let i = 0; i < compiled.length; i++) {
      const entry = compiled[i] as CompiledRule;
      if (done.has(i)) continue;
      checks.count++;
      if (!matches(entry, set, update)) continue;
      done.add(i);
      fired.push(entry.rule.id);
      const before = set.events.length;
      const ctx: ChangeContext = { ...env, by: { kind: 'rule', ruleId: entry.rule.id }, cause: 'rule', at: update.at, reason: { rule: 'G2', callerRule: entry.rule.id } };
      for (const { action, mailbox } of entry.actions) {
        const a: Action = action;
        if (a.type === 'notify-requester' || a.type === 'notify-requester-and-ccs') {
          notify.push({ ruleId: entry.rule.id, audience: a.type === 'notify-requester' ? 'requester' : 'requester-and-ccs' });
          continue;
        }
        const field = a.type === 'add-bcc' ? 'bcc' : a.type === 'add-follower' ? 'follower' : 'cc';
        if (mailbox === null || !mailbox.ok) continue;
        const refused = a.type === 'remove-cc' ? set.remove('cc', mailbox.value, ctx) : set.add(field, mailbox.value, ctx);
        if (refused !== null) issues.push({ ...refused, ruleId: entry.rule.id });
      }
      if (set.events.length > before) {
        restart = true;
        break;
      }
    }
  }
  return { events: set.events, fired, issues, notify };
}

const update = (): fc.Arbitrary<RuleUpdate> =>
  fc.record({
    kinds: fc.subarray([...UPDATE_KINDS]),
    sender: fc.constant(null),
    senderRole: fc.option(fc.constantFrom(...AUTHOR_ROLES), { nil: null }),
    comment: fc.option(fc.record({ id: fc.constant('c1'), visibility: fc.constantFrom('public' as const, 'internal' as const) }), { nil: null }),
    at: fc.constant('t1'),
  });

describe('G3: rules re-checked only where a change can matter', () => {
  it.prop([settings(), fc.array(address(), { maxLength: 6 }), address(), fc.array(rules(), { minLength: 1, maxLength: 4 }), update()], { numRuns: 500 })(
    'G3: the rules that fire, their order, events, refusals and notifications are those of checking from the top after every change',
    (config, ccs, requester, ruleSets, u) => {
      // Several generated sets in a row make longer rule lists whose actions feed each other's conditions.
      const list = ruleSets.flat().map((r, i) => ({ ...r, id: `r${i}` }));
      const opened = handle(null, { type: 'receive-email', messageId: '<1@x.example>', newTicketId: 'T-1', at: 't0', from: requester, to: 'support@desk.example', cc: ccs.join(', ') }, { settings: config, directory: scenarioDirectory });
      if (!opened.ok || opened.value.ticket === null) return;
      const env = { policy: compilePolicy(config), directory: scenarioDirectory };
      const compiled = compileRules(list, env);
      const fast = runRules(opened.value.ticket, u, compiled, env);
      const slow = restartEveryTime(opened.value.ticket, u, compiled, env);
      expect(fast.fired).toEqual(slow.fired);
      expect(fast.events).toEqual(slow.events);
      expect(fast.issues).toEqual(slow.issues);
      expect(fast.notify).toEqual(slow.notify);
    },
  );
});
