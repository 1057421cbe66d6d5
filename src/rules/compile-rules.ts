import { parseAddress } from '../address/parse-list.js';
import type { AddressIssue, AddressKey, Mailbox } from '../address/types.js';
import type { Result } from '../result.js';
import type { Policy } from '../policy/policy.js';
import { asPerson, type Directory } from '../policy/directory.js';
import type { RecipientSet } from '../ticket/recipient-set.js';
import type { RuleUpdate } from './run-rules.js';
import type { UnstampedEvent } from '../ticket/events.js';
import { ruleDomain } from './parse-rules.js';
import type { Action, Condition, Rule } from './types.js';
import type { Reason } from '../explain/reason.js';

/** What compiling a rule needs: the identity options of the help desk's policy, and its people (H5: a rule names a person by any of their addresses). */
export type RuleEnv = { readonly policy: Pick<Policy, 'identity'>; readonly directory?: Directory };

type Predicate = (set: RecipientSet, update: RuleUpdate) => boolean;

/**
 * What a condition reads of the ticket, as the keys `changeReads` gives a change: `cc *`
 * (the CC list at all), `cc k` (address key k as CC), `cc @d` (a CC in domain d), the same
 * for `bcc`, and `requester`. A condition on the update alone reads nothing: its value
 * cannot change while the rules run.
 */
type Reads = readonly string[];

const never: Predicate = () => false;

const keyOf = (text: string, context: RuleEnv): AddressKey | null => {
  const parsed = parseAddress(text, context.policy.identity);
  if (!parsed.ok) return null;
  return context.directory === undefined ? parsed.value.key : context.directory.personKey(parsed.value.key);
};

const mailboxOf = (text: string, context: RuleEnv): Result<Mailbox, AddressIssue> => {
  const parsed = parseAddress(text, context.policy.identity);
  return parsed.ok && context.directory !== undefined ? { ok: true, value: asPerson(context.directory, parsed.value) } : parsed;
};

/** Whether a domain (ASCII, lower case) is the one asked for: whole labels, subdomains only when asked. */
function domainMatcher(domain: string, subdomains: boolean | undefined): (actual: string) => boolean {
  const wanted = ruleDomain(domain);
  const sub = `.${wanted}`;
  return (actual) => actual === wanted || (subdomains === true && actual.endsWith(sub));
}

const domainOf = (key: string): string => key.slice(key.lastIndexOf('@') + 1);

/** Turns a condition into a predicate once per run: addresses parsed and domains normalised up front. */
function compile(c: Condition, context: RuleEnv): { test: Predicate; reads: Reads } {
  switch (c.type) {
    case 'cc-contains':
    case 'bcc-contains': {
      const key = keyOf(c.address, context);
      const field = c.type === 'cc-contains' ? 'cc' : 'bcc';
      return key === null ? { test: never, reads: [] } : { test: (set) => set.has(field, { key }), reads: [`${field} ${key}`] };
    }
    case 'cc-in-domain': {
      const wanted = ruleDomain(c.domain);
      const matches = domainMatcher(c.domain, c.subdomains);
      const reads = [`cc @${wanted}`];
      if (c.subdomains !== true) return { test: (set) => set.ccDomains().has(wanted), reads };
      return {
        test: (set) => {
          for (const d of set.ccDomains().keys()) if (matches(d)) return true;
          return false;
        },
        reads,
      };
    }
    case 'bcc-in-domain': {
      const matches = domainMatcher(c.domain, c.subdomains);
      return { test: (set) => set.bccs.some((m) => matches(domainOf(m.key))), reads: [`bcc @${ruleDomain(c.domain)}`] };
    }
    case 'has-cc':
      return { test: (set) => set.ccs.length > 0, reads: ['cc *'] }; // followers are not CCs
    case 'requester-is': {
      const key = keyOf(c.address, context);
      return { test: (set) => set.requester !== null && set.requester.key === key, reads: ['requester'] };
    }
    case 'requester-in-domain': {
      const matches = domainMatcher(c.domain, c.subdomains);
      return { test: (set) => set.requester !== null && matches(domainOf(set.requester.key)), reads: ['requester'] };
    }
    case 'sender-is': {
      const key = keyOf(c.address, context);
      return { test: (_set, update) => update.sender !== null && update.sender.key === key, reads: [] };
    }
    case 'sender-role':
      return { test: (_set, update) => update.senderRole === c.role, reads: [] };
    case 'update-is':
      return { test: (_set, update) => update.kinds.includes(c.kind), reads: [] };
    case 'comment-is':
      return { test: (_set, update) => update.comment?.visibility === c.visibility, reads: [] };
    default:
      return { test: never, reads: [] }; // an unknown condition never holds: parseRules reports it
  }
}

/**
 * What a recorded change may alter for a condition, in the terms of `Reads`: the list, the
 * address and every domain it is in (`a.b.example` is in `b.example` and `example`, for
 * conditions that take subdomains).
 */
export function changeReads(event: UnstampedEvent): string[] {
  if (event.type === 'requester-changed') return ['requester'];
  if ((event.type !== 'added' && event.type !== 'removed') || event.field === 'follower') return [];
  const { field, mailbox } = event;
  const reads = [`${field} *`, `${field} ${mailbox.key}`];
  let domain = domainOf(mailbox.key);
  for (;;) {
    reads.push(`${field} @${domain}`);
    const dot = domain.indexOf('.');
    if (dot < 0) return reads;
    domain = domain.slice(dot + 1);
  }
}

/** A rule with its addresses parsed and domains normalised, ready to be checked many times. */
export interface CompiledRule {
  readonly rule: Rule;
  readonly all: readonly Predicate[];
  readonly any: readonly Predicate[];
  /** What its conditions read of the ticket (`Reads`): empty when only the update decides. */
  readonly reads: Reads;
  /** G4: the actor of every change the rule makes, and the reason stored with them (G2), made once. */
  readonly by: { readonly kind: 'rule'; readonly ruleId: string };
  readonly reason: Reason;
  /** Each action with its address parsed (or why it could not be). */
  readonly actions: readonly { readonly action: Action; readonly mailbox: Result<Mailbox, AddressIssue> | null }[];
}

export function compileRule(rule: Rule, context: RuleEnv): CompiledRule {
  const all = (rule.conditions?.all ?? []).map((c) => compile(c, context));
  const any = (rule.conditions?.any ?? []).map((c) => compile(c, context));
  return {
    rule,
    all: all.map((c) => c.test),
    any: any.map((c) => c.test),
    reads: [...new Set([...all, ...any].flatMap((c) => c.reads))],
    by: Object.freeze({ kind: 'rule', ruleId: rule.id }),
    reason: Object.freeze({ rule: 'G2', callerRule: rule.id }),
    actions: (rule.actions ?? []).map((action) => ({ action, mailbox: 'address' in action ? mailboxOf(action.address, context) : null })),
  };
}

export function matches(compiled: CompiledRule, set: RecipientSet, update: RuleUpdate): boolean {
  for (const p of compiled.all) if (!p(set, update)) return false;
  if (compiled.any.length === 0) return true;
  for (const p of compiled.any) if (p(set, update)) return true;
  return false;
}

/** The active rules compiled, in order, with who reads what: built once per prepared context. */
export interface CompiledRules extends ReadonlyArray<CompiledRule> {
  /** For each key of `Reads`, the positions of the rules whose conditions read it, in order. */
  readonly readers: ReadonlyMap<string, readonly number[]>;
}

/** Compiles the active rules, in order. */
export function compileRules(rules: readonly Rule[], context: RuleEnv): CompiledRules {
  const compiled = rules.filter((r) => r.active).map((r) => compileRule(r, context));
  return Object.assign(compiled, { readers: readersOf(compiled) });
}

export function readersOf(compiled: readonly CompiledRule[]): ReadonlyMap<string, readonly number[]> {
  const readers = new Map<string, number[]>();
  compiled.forEach((c, i) => {
    for (const read of c.reads) {
      const list = readers.get(read);
      if (list === undefined) readers.set(read, [i]);
      else list.push(i);
    }
  });
  return readers;
}
