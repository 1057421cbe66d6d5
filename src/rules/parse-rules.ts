import { isRecord } from '../json.js';
import { parseAddress } from '../address/parse-list.js';
import { domainToAscii } from '../address/normalize.js';
import type { ConfigIssue } from '../policy/parse-settings.js';
import { err, ok, type Result } from '../result.js';
import type { Action, Condition, Rule } from './types.js';

interface Check {
  readonly name: string;
  run(value: Record<string, unknown>, path: string, issues: ConfigIssue[]): void;
}

const field = (name: string, test: (v: unknown) => boolean, expected: string, optional = false): Check => ({
  name,
  run(value, path, issues) {
    if (optional && value[name] === undefined) return;
    if (!test(value[name])) {
      issues.push({ code: value[name] === undefined ? 'missing-field' : 'invalid-value', path: `${path}.${name}`, message: `${path}.${name} must be ${expected}.`, input: value[name] });
    }
  },
});

const address = /* @__PURE__ */ field('address', (v) => parseAddress(v).ok, 'a valid email address');
const domain = /* @__PURE__ */ field('domain', (v) => typeof v === 'string' && /^[^\s@*]+\.[^\s@*]+$/.test(v.trim()) && domainToAscii(v.trim()) !== '', 'a domain such as "example.com"');
const subdomains = /* @__PURE__ */ field('subdomains', (v) => typeof v === 'boolean', 'true or false', true);
const oneOf = (name: string, values: readonly string[]) => field(name, (v) => typeof v === 'string' && values.includes(v), `one of ${values.map((x) => `"${x}"`).join(', ')}`);

const CONDITIONS: Readonly<Record<Condition['type'], readonly Check[]>> = {
  'cc-contains': [address],
  'cc-in-domain': [domain, subdomains],
  'has-cc': [],
  'bcc-contains': [address],
  'bcc-in-domain': [domain, subdomains],
  'requester-is': [address],
  'requester-in-domain': [domain, subdomains],
  'sender-is': [address],
  'sender-role': [/* @__PURE__ */ oneOf('role', ['requester', 'cc', 'bcc', 'follower', 'agent', 'third-party', 'support', 'unknown'])],
  'update-is': [/* @__PURE__ */ oneOf('kind', ['new-ticket', 'inbound-reply', 'agent-reply', 'recipient-change'])],
  'comment-is': [/* @__PURE__ */ oneOf('visibility', ['public', 'internal'])],
};

const ACTIONS: Readonly<Record<Action['type'], readonly Check[]>> = {
  'add-cc': [address],
  'add-bcc': [address],
  'remove-cc': [address],
  'add-follower': [address],
  'notify-requester': [],
  'notify-requester-and-ccs': [],
};

function checkTyped(value: unknown, path: string, table: Readonly<Record<string, readonly Check[]>>, what: string, issues: ConfigIssue[]): void {
  if (!isRecord(value)) {
    issues.push({ code: 'wrong-type', path, message: `${path} must be an object with a "type".`, input: value });
    return;
  }
  const type = value.type;
  if (typeof type !== 'string' || !Object.prototype.hasOwnProperty.call(table, type)) {
    issues.push({ code: 'invalid-value', path: `${path}.type`, message: `${path}.type must be a known ${what}: ${Object.keys(table).join(', ')}.`, input: type });
    return;
  }
  const checks = table[type] as readonly Check[];
  for (const check of checks) check.run(value, path, issues);
  const allowed = new Set(['type', ...checks.map((c) => c.name)]);
  for (const key of Object.keys(value)) {
    if (!allowed.has(key)) issues.push({ code: 'unknown-field', path: `${path}.${key}`, message: `${path}.${key} is not part of a "${type}" ${what}.`, input: value[key] });
  }
}

function checkList(value: unknown, path: string, each: (item: unknown, path: string) => void, issues: ConfigIssue[]): void {
  if (value === undefined) return;
  if (!Array.isArray(value)) {
    issues.push({ code: 'wrong-type', path, message: `${path} must be a list.`, input: value });
    return;
  }
  value.forEach((item, i) => each(item, `${path}[${i}]`));
}

const RULE_CHECKS = [
  /* @__PURE__ */ field('id', (v) => typeof v === 'string' && v !== '', 'a non-empty string'),
  /* @__PURE__ */ field('title', (v) => typeof v === 'string', 'a string'),
  /* @__PURE__ */ field('active', (v) => typeof v === 'boolean', 'true or false'),
];
const RULE_FIELDS = new Set(['id', 'title', 'active', 'conditions', 'actions']);

/**
 * Validates rule definitions read from JSON (D6, G1, G2): every problem named by its
 * path, unknown condition and action types refused, duplicate ids reported.
 *
 * @example
 * const r = parseRules([{ id: 'vip', title: 'VIP watch', active: true, conditions: { any: [{ type: 'cc-in-domain', domain: 'vip.example' }] }, actions: [{ type: 'add-bcc', address: 'manager@desk.example' }] }]);
 * r.ok; // true
 */
export function parseRules(input: unknown): Result<readonly Rule[], readonly ConfigIssue[]> {
  if (!Array.isArray(input)) return err([{ code: 'wrong-type', path: 'rules', message: 'Rules must be a list.', input }]);
  const issues: ConfigIssue[] = [];
  const ids = new Set<string>();
  input.forEach((rule: unknown, i) => {
    const path = `rules[${i}]`;
    if (!isRecord(rule)) {
      issues.push({ code: 'wrong-type', path, message: `${path} must be an object.`, input: rule });
      return;
    }
    for (const check of RULE_CHECKS) check.run(rule, path, issues);
    if (typeof rule.id === 'string') {
      if (ids.has(rule.id)) issues.push({ code: 'invalid-value', path: `${path}.id`, message: `Two rules have the id "${rule.id}".`, input: rule.id });
      ids.add(rule.id);
    }
    for (const key of Object.keys(rule)) {
      if (!RULE_FIELDS.has(key)) issues.push({ code: 'unknown-field', path: `${path}.${key}`, message: `${path}.${key} is not part of a rule.`, input: rule[key] });
    }
    const conditions = rule.conditions;
    if (!isRecord(conditions)) issues.push({ code: 'wrong-type', path: `${path}.conditions`, message: `${path}.conditions must be an object with "all" and/or "any".`, input: conditions });
    else {
      for (const key of Object.keys(conditions)) {
        if (key !== 'all' && key !== 'any') issues.push({ code: 'unknown-field', path: `${path}.conditions.${key}`, message: 'Conditions combine with "all" and "any" only.', input: conditions[key] });
      }
      for (const group of ['all', 'any'] as const) {
        checkList(conditions[group], `${path}.conditions.${group}`, (c, p) => checkTyped(c, p, CONDITIONS, 'condition', issues), issues);
      }
    }
    if (!Array.isArray(rule.actions)) issues.push({ code: 'wrong-type', path: `${path}.actions`, message: `${path}.actions must be a list.`, input: rule.actions });
    else checkList(rule.actions, `${path}.actions`, (a, p) => checkTyped(a, p, ACTIONS, 'action', issues), issues);
  });
  return issues.length > 0 ? err(issues) : ok(input as Rule[]);
}
