import type { AddressIssue, Mailbox } from '../address/types.js';
import type { Result } from '../result.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { issue } from '../issue/issue.js';
import type { RecipientIssue } from '../ticket/issues.js';
import { RecipientSet, type ChangeContext } from '../ticket/recipient-set.js';
import type { AuthorRole, Ticket, Visibility } from '../ticket/types.js';
import { changeReads, matches, readersOf, type CompiledRule } from './compile-rules.js';
import type { Action, UpdateKind } from './types.js';

/** The update rules are checked against. */
export interface RuleUpdate {
  /** What the update was; one update can be two kinds (an inbound reply that added CCs is also a recipient change, G1). */
  readonly kinds: readonly UpdateKind[];
  readonly sender: Mailbox | null;
  readonly senderRole: AuthorRole | null;
  readonly comment: { readonly id: string; readonly visibility: Visibility; readonly automatic?: boolean } | null;
  readonly at: string;
}

/** A rule action the policy refused (G2): reported, and the rule's other actions still apply. */
export type RuleIssue = RecipientIssue & { readonly ruleId: string };

export interface RulesOutcome {
  readonly events: readonly UnstampedEvent[];
  /** Ids of the rules that fired, in order. */
  readonly fired: readonly string[];
  readonly issues: readonly RuleIssue[];
  /** Notify actions that fired, for the delivery plans. */
  readonly notify: readonly { readonly ruleId: string; readonly audience: 'requester' | 'requester-and-ccs' }[];
}

function act(action: Action, mailbox: Result<Mailbox, AddressIssue> | null, set: RecipientSet, ctx: ChangeContext, notify: (audience: 'requester' | 'requester-and-ccs') => void): RecipientIssue | null {
  if (action.type === 'notify-requester') return notify('requester'), null;
  if (action.type === 'notify-requester-and-ccs') return notify('requester-and-ccs'), null;
  const field = action.type === 'add-bcc' ? 'bcc' : action.type === 'add-follower' ? 'follower' : 'cc';
  if (mailbox === null) return issue('invalid-command', 'The action has no address.', action, [], { field });
  if (!mailbox.ok) return { ...mailbox.error, field } as RecipientIssue;
  return action.type === 'remove-cc' ? set.remove('cc', mailbox.value, ctx) : set.add(field, mailbox.value, ctx);
}

/** The smallest of a set of rule positions, taken one at a time (a binary heap). */
class Positions {
  private readonly heap: number[] = [];

  push(i: number): void {
    const h = this.heap;
    let at = h.push(i) - 1;
    while (at > 0) {
      const up = (at - 1) >> 1;
      if ((h[up] as number) <= i) break;
      h[at] = h[up] as number;
      at = up;
    }
    h[at] = i;
  }

  pop(): number | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || last === undefined) return top;
    let at = 0;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= h.length) break;
      if (child + 1 < h.length && (h[child + 1] as number) < (h[child] as number)) child++;
      if ((h[child] as number) >= last) break;
      h[at] = h[child] as number;
      at = child;
    }
    h[at] = last;
    return top;
  }
}

/**
 * Runs the rules over a ticket after an update (G3): in order; each rule fires at most
 * once; when a rule changes the ticket, checking starts again from the first rule, skipping
 * those that fired; it ends on a pass where nothing fires. Each rule fires at most once,
 * so this ends after at most one pass per rule plus one.
 *
 * What fires is what that loop would fire, in its order: the next rule to fire is always
 * the first one not fired whose conditions hold now. So each rule is checked once, and after
 * a change only the rules whose conditions read what the change touched are checked again
 * (`CompiledRule.reads`); a rule about the update alone keeps its answer to the end.
 */
export function runRules(
  ticket: Ticket,
  update: RuleUpdate,
  compiled: readonly CompiledRule[] & { readonly readers?: ReadonlyMap<string, readonly number[]> },
  context: Pick<ChangeContext, 'policy' | 'directory'> & { readonly domains?: WeakMap<object, ReadonlyMap<string, number>> },
): RulesOutcome {
  const set = new RecipientSet(ticket, context.domains);
  const fired: string[] = [];
  const issues: RuleIssue[] = [];
  const notify: { ruleId: string; audience: 'requester' | 'requester-and-ccs' }[] = [];
  const n = compiled.length;
  const holds = new Uint8Array(n);
  const done = new Uint8Array(n);
  // Which change last re-checked a rule: a rule read twice by one change is checked once.
  const checkedAt = new Int32Array(n).fill(-1);
  const next = new Positions();
  for (let i = 0; i < n; i++) {
    if (matches(compiled[i] as CompiledRule, set, update)) {
      holds[i] = 1;
      next.push(i);
    }
  }
  let readers = compiled.readers;
  for (let i = next.pop(); i !== undefined; i = next.pop()) {
    if (done[i] === 1 || holds[i] === 0) continue; // fired already, or no longer holds since it was queued
    const entry = compiled[i] as CompiledRule;
    const rule = entry.rule;
    done[i] = 1;
    fired.push(rule.id);
    const before = set.events.length;
    // G4: the rule's id names the actor of every change it makes.
    const ctx: ChangeContext = { policy: context.policy, directory: context.directory, by: entry.by, cause: 'rule', at: update.at, reason: entry.reason };
    for (const { action, mailbox } of entry.actions) {
      const refused = act(action, mailbox, set, ctx, (audience) => notify.push({ ruleId: rule.id, audience }));
      if (refused !== null) issues.push({ ...refused, ruleId: rule.id });
    }
    if (set.events.length === before) continue;
    readers ??= readersOf(compiled);
    for (let e = before; e < set.events.length; e++) {
      for (const read of changeReads(set.events[e] as UnstampedEvent)) {
        for (const j of readers.get(read) ?? []) {
          if (done[j] === 1 || checkedAt[j] === i) continue;
          checkedAt[j] = i;
          const now = matches(compiled[j] as CompiledRule, set, update) ? 1 : 0;
          if (now === 1 && holds[j] === 0) next.push(j);
          holds[j] = now;
        }
      }
    }
  }
  return { events: set.events, fired, issues, notify };
}
