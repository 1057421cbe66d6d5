import { parseAddress } from '../address/parse-list.js';
import type { AddressIssue, AddressKey, Mailbox } from '../address/types.js';
import type { Result } from '../result.js';
import type { Policy } from '../policy/policy.js';
import type { RecipientSet } from '../ticket/recipient-set.js';
import type { RuleUpdate } from './run-rules.js';
import { ruleDomain } from './parse-rules.js';
import type { Action, Condition, Rule } from './types.js';

/** What compiling a rule needs: the identity options of the help desk's policy. */
export type RuleEnv = { readonly policy: Pick<Policy, 'identity'> };

type Predicate = (set: RecipientSet, update: RuleUpdate) => boolean;

const never: Predicate = () => false;

const keyOf = (text: string, context: RuleEnv): AddressKey | null => {
  const parsed = parseAddress(text, context.policy.identity);
  return parsed.ok ? parsed.value.key : null;
};

/** Whether a domain (ASCII, lower case) is the one asked for: whole labels, subdomains only when asked. */
function domainMatcher(domain: string, subdomains: boolean | undefined): (actual: string) => boolean {
  const wanted = ruleDomain(domain);
  const sub = `.${wanted}`;
  return (actual) => actual === wanted || (subdomains === true && actual.endsWith(sub));
}

const domainOf = (key: string): string => key.slice(key.lastIndexOf('@') + 1);

/** Turns a condition into a predicate once per run: addresses parsed and domains normalised up front. */
function compile(c: Condition, context: RuleEnv): Predicate {
  switch (c.type) {
    case 'cc-contains':
    case 'bcc-contains': {
      const key = keyOf(c.address, context);
      const field = c.type === 'cc-contains' ? 'cc' : 'bcc';
      return key === null ? never : (set) => set.has(field, { key });
    }
    case 'cc-in-domain': {
      const matches = domainMatcher(c.domain, c.subdomains);
      return (set) => {
        for (const d of set.ccDomains()) if (matches(d)) return true;
        return false;
      };
    }
    case 'bcc-in-domain': {
      const matches = domainMatcher(c.domain, c.subdomains);
      return (set) => set.bccs.some((m) => matches(domainOf(m.key)));
    }
    case 'has-cc':
      return (set) => set.ccs.length > 0; // followers are not CCs
    case 'requester-is': {
      const key = keyOf(c.address, context);
      return (set) => set.requester !== null && set.requester.key === key;
    }
    case 'requester-in-domain': {
      const matches = domainMatcher(c.domain, c.subdomains);
      return (set) => set.requester !== null && matches(domainOf(set.requester.key));
    }
    case 'sender-is': {
      const key = keyOf(c.address, context);
      return (_set, update) => update.sender !== null && update.sender.key === key;
    }
    case 'sender-role':
      return (_set, update) => update.senderRole === c.role;
    case 'update-is':
      return (_set, update) => update.kinds.includes(c.kind);
    case 'comment-is':
      return (_set, update) => update.comment?.visibility === c.visibility;
    default:
      return never; // an unknown condition never holds: parseRules reports it
  }
}

/** A rule with its addresses parsed and domains normalised, ready to be checked many times. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly all: readonly Predicate[];
  readonly any: readonly Predicate[];
  /** Each action with its address parsed (or why it could not be). */
  readonly actions: readonly { readonly action: Action; readonly mailbox: Result<Mailbox, AddressIssue> | null }[];
}

export function compileRule(rule: Rule, context: RuleEnv): CompiledRule {
  return {
    rule,
    all: (rule.conditions?.all ?? []).map((c) => compile(c, context)),
    any: (rule.conditions?.any ?? []).map((c) => compile(c, context)),
    actions: (rule.actions ?? []).map((action) => ({ action, mailbox: 'address' in action ? parseAddress(action.address, context.policy.identity) : null })),
  };
}

export function matches(compiled: CompiledRule, set: RecipientSet, update: RuleUpdate): boolean {
  for (const p of compiled.all) if (!p(set, update)) return false;
  if (compiled.any.length === 0) return true;
  for (const p of compiled.any) if (p(set, update)) return true;
  return false;
}

/** Compiles the active rules, in order. */
export function compileRules(rules: readonly Rule[], context: RuleEnv): CompiledRule[] {
  return rules.filter((r) => r.active).map((r) => compileRule(r, context));
}
