import { parseAddress } from '../address/parse-list.js';
import { domainToAscii } from '../address/normalize.js';
import type { ConfigIssue } from '../policy/parse-settings.js';
import { err, ok, type Result } from '../result.js';
import { isRecord } from '../json.js';
import { array, oneOf, boolean, check, literal, object, report, string, tagged, type Schema } from '../schema/schema.js';
import { visibility } from '../ticket/schema.js';
import { AUTHOR_ROLES } from '../ticket/types.js';
import { UPDATE_KINDS, type Action, type Condition, type Rule } from './types.js';

const address: Schema = (v, w) => parseAddress(v).ok || report(w, typeof v === 'string' ? 'invalid-value' : 'wrong-type', 'must be a valid email address', v);
/** A domain, with or without the trailing dot of its fully qualified form (matching drops it). */
export const ruleDomain = (value: string): string => domainToAscii(value.trim().replace(/\.$/, ''));
const domain: Schema = (v, w) =>
  (typeof v === 'string' && /^[^\s@*]+\.[^\s@*]+$/.test(v.trim()) && ruleDomain(v) !== '') || report(w, typeof v === 'string' ? 'invalid-value' : 'wrong-type', 'must be a domain such as "example.com"', v);

const withAddress = (type: string) => object({ type: literal(type), address });
const withDomain = (type: string) => object({ type: literal(type), domain, subdomains: boolean }, ['subdomains']);
const bare = (type: string) => object({ type: literal(type) });

const conditions: { readonly [K in Condition['type']]: Schema } = {
  'cc-contains': /* @__PURE__ */ withAddress('cc-contains'),
  'cc-in-domain': /* @__PURE__ */ withDomain('cc-in-domain'),
  'has-cc': /* @__PURE__ */ bare('has-cc'),
  'bcc-contains': /* @__PURE__ */ withAddress('bcc-contains'),
  'bcc-in-domain': /* @__PURE__ */ withDomain('bcc-in-domain'),
  'requester-is': /* @__PURE__ */ withAddress('requester-is'),
  'requester-in-domain': /* @__PURE__ */ withDomain('requester-in-domain'),
  'sender-is': /* @__PURE__ */ withAddress('sender-is'),
  'sender-role': /* @__PURE__ */ object({ type: /* @__PURE__ */ literal('sender-role'), role: /* @__PURE__ */ oneOf(AUTHOR_ROLES) }),
  'update-is': /* @__PURE__ */ object({ type: /* @__PURE__ */ literal('update-is'), kind: /* @__PURE__ */ oneOf(UPDATE_KINDS) }),
  'comment-is': /* @__PURE__ */ object({ type: /* @__PURE__ */ literal('comment-is'), visibility }),
};

const actions: { readonly [K in Action['type']]: Schema } = {
  'add-cc': /* @__PURE__ */ withAddress('add-cc'),
  'add-bcc': /* @__PURE__ */ withAddress('add-bcc'),
  'remove-cc': /* @__PURE__ */ withAddress('remove-cc'),
  'add-follower': /* @__PURE__ */ withAddress('add-follower'),
  'notify-requester': /* @__PURE__ */ bare('notify-requester'),
  'notify-requester-and-ccs': /* @__PURE__ */ bare('notify-requester-and-ccs'),
};

const condition = /* @__PURE__ */ tagged('type', conditions);
const rule: Schema<Rule> = /* @__PURE__ */ object({
  id: /* @__PURE__ */ string({ nonEmpty: true }),
  title: /* @__PURE__ */ string(),
  active: boolean,
  conditions: /* @__PURE__ */ object({ all: /* @__PURE__ */ array(condition), any: /* @__PURE__ */ array(condition) }, ['all', 'any']),
  actions: /* @__PURE__ */ array(/* @__PURE__ */ tagged('type', actions)),
});

/** Every rule checked, and ids unique among those that have one, whatever else is wrong. */
const rules: Schema<readonly Rule[]> = (v, w) => {
  let good = /* @__PURE__ */ array(rule)(v, w);
  if (!Array.isArray(v)) return good;
  const ids = new Set<unknown>();
  v.forEach((r: unknown, i) => {
    if (!isRecord(r) || typeof r.id !== 'string') return;
    if (ids.has(r.id)) {
      w.path.push(i, 'id');
      good = report(w, 'invalid-value', `repeats the id "${r.id}" of another rule`, r.id);
      w.path.length -= 2;
    }
    ids.add(r.id);
  });
  return good;
};

/**
 * Validates rule definitions read from JSON (D6, G1, G2): every problem named by its
 * path, unknown condition and action types refused, duplicate ids reported.
 *
 * @example
 * const r = parseRules([{ id: 'vip', title: 'VIP watch', active: true, conditions: { any: [{ type: 'cc-in-domain', domain: 'vip.example' }] }, actions: [{ type: 'add-bcc', address: 'manager@desk.example' }] }]);
 * r.ok; // true
 */
export function parseRules(input: unknown): Result<readonly Rule[], readonly ConfigIssue[]> {
  const issues = check(rules, input, ['rules']) as readonly ConfigIssue[];
  return issues.length > 0 ? err(issues) : ok(input as readonly Rule[]);
}
