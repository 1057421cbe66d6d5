import { parseAddress } from '../address/parse-list.js';
import { domainToAscii, splitAddrSpec } from '../address/normalize.js';
import type { AddressKey, Mailbox } from '../address/types.js';
import type { TicketEvent } from '../history/events.js';
import type { ResolvedContext } from '../ticket/context.js';
import type { RecipientIssue } from '../ticket/issues.js';
import { RecipientSet, type ChangeContext } from '../ticket/recipient-set.js';
import type { AuthorRole, Ticket, Visibility } from '../ticket/types.js';
import type { Action, Condition, Rule, UpdateKind } from './types.js';

/** The update rules are checked against. */
export interface RuleUpdate {
  readonly kind: UpdateKind;
  readonly sender: Mailbox | null;
  readonly senderRole: AuthorRole | null;
  readonly comment: { readonly id: string; readonly visibility: Visibility; readonly automatic?: boolean } | null;
  readonly at: string;
}

/** A rule action the policy refused (G2): reported, and the rule's other actions still apply. */
export type RuleIssue = RecipientIssue & { readonly ruleId: string };

export interface RulesOutcome {
  readonly events: readonly TicketEvent[];
  /** Ids of the rules that fired, in order. */
  readonly fired: readonly string[];
  readonly issues: readonly RuleIssue[];
  /** Notify actions that fired, for the delivery plans. */
  readonly notify: readonly { readonly ruleId: string; readonly audience: 'requester' | 'requester-and-ccs' }[];
}

const keyOf = (text: string, context: ResolvedContext): AddressKey | null => {
  const parsed = parseAddress(text, context.policy.identity);
  return parsed.ok ? parsed.value.key : null;
};

function inDomain(key: AddressKey | undefined, domain: string, subdomains: boolean | undefined): boolean {
  if (key === undefined) return false;
  const actual = splitAddrSpec(key).domain;
  const wanted = domainToAscii(domain.trim());
  return actual === wanted || (subdomains === true && actual.endsWith(`.${wanted}`));
}

function holds(c: Condition, set: RecipientSet, update: RuleUpdate, context: ResolvedContext): boolean {
  switch (c.type) {
    case 'cc-contains':
      return set.has('cc', { key: keyOf(c.address, context) as AddressKey });
    case 'cc-in-domain':
      return set.ccs.some((m) => inDomain(m.key, c.domain, c.subdomains));
    case 'has-cc':
      return set.ccs.length > 0; // followers are not CCs
    case 'bcc-contains':
      return set.has('bcc', { key: keyOf(c.address, context) as AddressKey });
    case 'bcc-in-domain':
      return set.bccs.some((m) => inDomain(m.key, c.domain, c.subdomains));
    case 'requester-is':
      return set.requester !== null && set.requester.key === keyOf(c.address, context);
    case 'requester-in-domain':
      return inDomain(set.requester?.key, c.domain, c.subdomains);
    case 'sender-is':
      return update.sender !== null && update.sender.key === keyOf(c.address, context);
    case 'sender-role':
      return update.senderRole === c.role;
    case 'update-is':
      return update.kind === c.kind;
    case 'comment-is':
      return update.comment?.visibility === c.visibility;
    default:
      return false; // an unknown condition never holds: parseRules reports it
  }
}

function matches(rule: Rule, set: RecipientSet, update: RuleUpdate, context: ResolvedContext): boolean {
  const all = rule.conditions.all ?? [];
  const any = rule.conditions.any ?? [];
  return all.every((c) => holds(c, set, update, context)) && (any.length === 0 || any.some((c) => holds(c, set, update, context)));
}

function act(action: Action, set: RecipientSet, ctx: ChangeContext, notify: (audience: 'requester' | 'requester-and-ccs') => void): RecipientIssue | null {
  if (action.type === 'notify-requester') return notify('requester'), null;
  if (action.type === 'notify-requester-and-ccs') return notify('requester-and-ccs'), null;
  const parsed = parseAddress(action.address, ctx.policy.identity);
  if (!parsed.ok) return { ...parsed.error, field: action.type === 'add-bcc' ? 'bcc' : action.type === 'add-follower' ? 'follower' : 'cc' };
  switch (action.type) {
    case 'add-cc':
      return set.add('cc', parsed.value, ctx);
    case 'add-bcc':
      return set.add('bcc', parsed.value, ctx);
    case 'add-follower':
      return set.add('follower', parsed.value, ctx);
    case 'remove-cc':
      return set.remove('cc', parsed.value, ctx);
  }
}

/**
 * Runs the rules over a ticket after an update (G3): in order; each rule fires at most
 * once; when a rule changes the ticket, checking starts again from the first rule, skipping
 * those that fired; it ends on a pass where nothing fires. Each rule fires at most once,
 * so this ends after at most one pass per rule plus one.
 */
export function runRules(ticket: Ticket, update: RuleUpdate, rules: readonly Rule[], context: ResolvedContext): RulesOutcome {
  const set = new RecipientSet(ticket);
  const fired: string[] = [];
  const done = new Set<number>();
  const issues: RuleIssue[] = [];
  const notify: { ruleId: string; audience: 'requester' | 'requester-and-ccs' }[] = [];
  let restart = true;
  while (restart) {
    restart = false;
    for (let i = 0; i < rules.length; i++) {
      const rule = rules[i] as Rule;
      if (!rule.active || done.has(i) || !matches(rule, set, update, context)) continue;
      done.add(i);
      fired.push(rule.id);
      const before = set.events.length;
      // G4: the rule's id names the actor of every change it makes.
      const ctx: ChangeContext = { ...context, by: { kind: 'rule', ruleId: rule.id }, cause: 'rule', at: update.at };
      for (const action of rule.actions) {
        const issue = act(action, set, ctx, (audience) => notify.push({ ruleId: rule.id, audience }));
        if (issue !== null) issues.push({ ...issue, ruleId: rule.id });
      }
      if (set.events.length > before) {
        restart = true;
        break;
      }
    }
  }
  return { events: set.events, fired, issues, notify };
}
