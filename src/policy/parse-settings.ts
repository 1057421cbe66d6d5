import { compilePattern } from '../address/pattern.js';
import { err, ok, type Result } from '../result.js';
import { defaultSettings, type Settings } from './settings.js';

/** One problem found in settings or rules read from JSON (D6). */
export interface ConfigIssue {
  readonly code: 'not-an-object' | 'unknown-field' | 'wrong-type' | 'out-of-range' | 'invalid-pattern' | 'missing-field' | 'invalid-value';
  /** Where the problem is, e.g. `denylist[2]` or `rules[0].conditions.all[1].type`. */
  readonly path: string;
  readonly message: string;
  readonly input: unknown;
}

type Field = (value: unknown, path: string, issues: ConfigIssue[]) => unknown;

const MAX_CC_LIMIT = 10_000;

const boolean: Field = (value, path, issues) => {
  if (typeof value === 'boolean') return value;
  issues.push({ code: 'wrong-type', path, message: `${path} must be true or false.`, input: value });
  return undefined;
};

const oneOf =
  (...allowed: readonly string[]): Field =>
  (value, path, issues) => {
    if (typeof value === 'string' && allowed.includes(value)) return value;
    issues.push({ code: 'invalid-value', path, message: `${path} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}.`, input: value });
    return undefined;
  };

const ccLimit: Field = (value, path, issues) => {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    issues.push({ code: 'wrong-type', path, message: `${path} must be a whole number or null (no limit).`, input: value });
    return undefined;
  }
  if (value < 0 || value > MAX_CC_LIMIT) {
    issues.push({ code: 'out-of-range', path, message: `${path} must be between 0 and ${MAX_CC_LIMIT}.`, input: value });
    return undefined;
  }
  return value;
};

/** A list of address patterns: an array of strings, or one string of entries separated by spaces, commas or new lines (Zendesk). */
const patterns: Field = (value, path, issues) => {
  const list = typeof value === 'string' ? value.split(/[\s,]+/).filter((e) => e !== '') : value;
  if (!Array.isArray(list)) {
    issues.push({ code: 'wrong-type', path, message: `${path} must be a list of addresses or domains, or one string of them separated by spaces.`, input: value });
    return undefined;
  }
  const entries: string[] = [];
  list.forEach((entry: unknown, i) => {
    const at = typeof value === 'string' ? path : `${path}[${i}]`;
    if (typeof entry !== 'string') {
      issues.push({ code: 'wrong-type', path: at, message: `${at} must be a string.`, input: entry });
    } else if (compilePattern(entry) === null) {
      issues.push({ code: 'invalid-pattern', path: at, message: `${at}: "${entry}" is not an address, a domain or a wildcard pattern such as "no-reply*@*".`, input: entry });
    } else entries.push(entry.trim());
  });
  return entries;
};

const fields: { readonly [K in keyof Settings]: Field } = {
  ccLimit,
  denylist: patterns,
  supportAddresses: patterns,
  emailCcsEnabled: boolean,
  bccEnabled: boolean,
  followersEnabled: boolean,
  lightAgentsMayFollow: boolean,
  agentCcBecomesFollower: boolean,
  onDroppedRecipients: /* @__PURE__ */ oneOf('notify', 'apply', 'keep'),
  ccReplyWithoutRequester: /* @__PURE__ */ oneOf('public', 'private', 'public-if-only-support'),
  thirdPartyReply: /* @__PURE__ */ oneOf('internal', 'add-as-cc'),
  agentEmailRepliesPublic: boolean,
  caseSensitiveLocalPart: boolean,
};

const hasField = (key: string): key is keyof Settings => Object.prototype.hasOwnProperty.call(fields, key);

/**
 * Validates settings read from storage (D6). Missing fields take their defaults; every
 * unknown field, wrong type and out-of-range number is reported with its path.
 *
 * @example
 * const r = parseSettings({ ccLimit: 10, denylist: 'bot@example.com *.spam.example' });
 * r.ok && r.value.denylist; // ['bot@example.com', '*.spam.example']
 * parseSettings({ ccLimit: -1 }); // { ok: false, error: [{ code: 'out-of-range', path: 'ccLimit', … }] }
 */
export function parseSettings(input: unknown): Result<Settings, readonly ConfigIssue[]> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err([{ code: 'not-an-object', path: '', message: 'Settings must be an object.', input }]);
  }
  const issues: ConfigIssue[] = [];
  // A fresh object with only known keys: `__proto__` or `constructor` in the JSON pollute nothing.
  const settings: Record<string, unknown> = { ...defaultSettings };
  for (const key of Object.keys(input)) {
    const value = (input as Record<string, unknown>)[key];
    if (!hasField(key)) {
      issues.push({ code: 'unknown-field', path: key, message: `"${key}" is not a setting.`, input: value });
      continue;
    }
    const parsed = fields[key](value, key, issues);
    if (parsed !== undefined) settings[key] = parsed;
  }
  return issues.length > 0 ? err(issues) : ok(settings as unknown as Settings);
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
