import { compilePattern } from '../address/pattern.js';
import type { Issue } from '../issue/issue.js';
import { err, ok, type Result } from '../result.js';
import { boolean, check, integer, literal, nullable, object, report, type Schema, type Walk } from '../schema/schema.js';
import { defaultSettings, type Settings } from './settings.js';

/** The codes a problem in settings or rules read from JSON can have (D6). */
export type ConfigIssue = Issue<'not-an-object' | 'unknown-field' | 'missing-field' | 'wrong-type' | 'out-of-range' | 'invalid-pattern' | 'invalid-value' | 'control-character' | 'address-shared' | 'preferred-not-listed'>;

const MAX_CC_LIMIT = 10_000;

/** Splits a Zendesk-style string of entries separated by spaces, commas or new lines. */
export const splitEntries = (value: string): string[] => value.split(/[\s,]+/).filter((e) => e !== '');

/** A list of address patterns: an array of strings, or one string of them (Zendesk). */
const patterns: Schema<readonly string[] | string> = (value: unknown, w: Walk) => {
  const list: unknown = typeof value === 'string' ? splitEntries(value) : value;
  if (!Array.isArray(list)) return report(w, 'wrong-type', 'must be a list of addresses or domains, or one string of them separated by spaces', value);
  let good = true;
  list.forEach((entry: unknown, i) => {
    if (typeof value !== 'string') w.path.push(i);
    if (typeof entry !== 'string') good = report(w, 'wrong-type', 'must be a string', entry);
    else if (compilePattern(entry) === null) good = report(w, 'invalid-pattern', `("${entry}") is not an address, a domain or a wildcard pattern such as "no-reply*@*"`, entry);
    if (typeof value !== 'string') w.path.pop();
  });
  return good;
};

const fields: { readonly [K in keyof Settings]: Schema } = {
  ccLimit: /* @__PURE__ */ nullable(/* @__PURE__ */ integer(0, MAX_CC_LIMIT)),
  denylist: patterns,
  supportAddresses: patterns,
  emailCcsEnabled: boolean,
  bccEnabled: boolean,
  followersEnabled: boolean,
  lightAgentsMayFollow: boolean,
  agentCcBecomesFollower: boolean,
  onDroppedRecipients: /* @__PURE__ */ literal('notify', 'apply', 'keep'),
  ccReplyWithoutRequester: /* @__PURE__ */ literal('public', 'private', 'public-if-only-support'),
  thirdPartyReply: /* @__PURE__ */ literal('internal', 'add-as-cc'),
  agentEmailRepliesPublic: boolean,
  caseSensitiveLocalPart: boolean,
  formerRequesterBecomesCc: boolean,
  internalNotesToStaffCcs: boolean,
  machineMail: /* @__PURE__ */ literal('internal', 'public'),
  machineMailOpensTickets: boolean,
  unauthenticatedMail: /* @__PURE__ */ literal('note', 'trust'),
  agentOpensTicketFor: /* @__PURE__ */ literal('customer', 'sender'),
  mergeRequesterAs: /* @__PURE__ */ literal('cc', 'none'),
};

const settingsSchema: Schema<Partial<Settings>> = /* @__PURE__ */ object(fields, 'all-optional');

/**
 * Validates settings read from storage (D6). Missing fields take their defaults; every
 * unknown field, wrong type and out-of-range number is reported with its path.
 *
 * @example
 * const r = parseSettings({ ccLimit: 10, denylist: 'bot@example.com *.spam.example' });
 * r.ok && r.value.denylist; // ['bot@example.com', '*.spam.example']
 * parseSettings({ ccLimit: -1 }); // { ok: false, error: [{ code: 'out-of-range', path: ['ccLimit'], … }] }
 */
export function parseSettings(input: unknown): Result<Settings, readonly ConfigIssue[]> {
  const issues = check(settingsSchema, input) as readonly ConfigIssue[];
  if (issues.length > 0) return err(issues.map((i) => (i.code === 'wrong-type' && i.path.length === 0 ? { ...i, code: 'not-an-object', message: 'Settings must be an object.' } : i)));
  // A fresh object with only known keys: `__proto__` or `constructor` in the JSON pollute nothing.
  const settings: Record<string, unknown> = { ...defaultSettings };
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    const value = record[key];
    if (value === undefined) continue;
    settings[key] = key === 'denylist' || key === 'supportAddresses' ? (typeof value === 'string' ? splitEntries(value) : (value as string[]).map((e) => e.trim())) : value;
  }
  return ok(settings as unknown as Settings);
}

/**
 * Settings from a partial object, for code that builds settings by hand (typed callers).
 * Invalid values are a programmer error here: use `parseSettings` for data from outside.
 *
 * @example
 * const settings = createSettings({ ccLimit: 10, denylist: ['no-reply*@*'] });
 */
export function createSettings(overrides: Partial<Settings> = {}): Settings {
  const parsed = parseSettings(overrides);
  if (!parsed.ok) throw new TypeError(parsed.error.map((i) => i.message).join(' '));
  return parsed.value;
}
