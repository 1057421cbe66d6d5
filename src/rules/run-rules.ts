import type { AddressIssue, Mailbox } from '../address/types.js';
import type { Result } from '../result.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { issue } from '../issue/issue.js';
import type { RecipientIssue } from '../ticket/issues.js';
import { RecipientSet, type ChangeContext } from '../ticket/recipient-set.js';
import type { AuthorRole, Ticket, Visibility } from '../ticket/types.js';
import { matches, type CompiledRule } from './compile-rules.js';
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

/**
 * Runs the rules over a ticket after an update (G3): in order; each rule fires at most
 * once; when a rule changes the ticket, checking starts again from the first rule, skipping
 * those that fired; it ends on a pass where nothing fires. Each rule fires at most once,
 * so this ends after at most one pass per rule plus one.
 */
export function runRules(ticket: Ticket, update: RuleUpdate, compiled: readonly CompiledRule[], context: Pick<ChangeContext, 'policy' | 'directory'>): RulesOutcome {
  const set = new RecipientSet(ticket);
  const fired: string[] = [];
  const done = new Set<number>();
  const issues: RuleIssue[] = [];
  const notify: { ruleId: string; audience: 'requester' | 'requester-and-ccs' }[] = [];
  let restart = true;
  while (restart) {
    restart = false;
    for (let i = 0; i < compiled.length; i++) {
      const entry = compiled[i] as CompiledRule;
      if (done.has(i) || !matches(entry, set, update)) continue;
      const rule = entry.rule;
      done.add(i);
      fired.push(rule.id);
      const before = set.events.length;
      // G4: the rule's id names the actor of every change it makes.
      const ctx: ChangeContext = { ...context, by: { kind: 'rule', ruleId: rule.id }, cause: 'rule', at: update.at };
      for (const { action, mailbox } of entry.actions) {
        const refused = act(action, mailbox, set, ctx, (audience) => notify.push({ ruleId: rule.id, audience }));
        if (refused !== null) issues.push({ ...refused, ruleId: rule.id });
      }
      if (set.events.length > before) {
        restart = true;
        break;
      }
    }
  }
  return { events: set.events, fired, issues, notify };
}
