import { issue, under, type Issue } from '../issue/issue.js';
import { compilePolicy, type Policy } from '../policy/policy.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
import { compileRules, type CompiledRules } from '../rules/compile-rules.js';
import { parseSettings, type ConfigIssue } from '../policy/parse-settings.js';
import { parseRules } from '../rules/parse-rules.js';
import type { Rule } from '../rules/types.js';
import { completeDirectory, emptyDirectory, type Directory } from '../policy/directory.js';
import { modelMemo, type ModelMemo } from '../ticket/check-ticket.js';

/** What every decision needs besides the ticket: the help desk's settings and its people. */
export interface TicketContext {
  /** Missing fields take the defaults (Omnidesk behaviour). Validate stored settings with `parseSettings`. */
  readonly settings?: Partial<Settings>;
  /** The help desk's agents, light agents and admins, from `createDirectory`. */
  readonly directory?: Directory;
  /** Rules run after every update (G3). Validate stored rules with `parseRules`. */
  readonly rules?: readonly Rule[];
}

/** A context checked and compiled: what the decisions read. */
export interface ResolvedContext {
  readonly policy: Policy;
  readonly directory: Directory;
  readonly rules: CompiledRules;
  /** Whether the caller gave a directory: actors are checked against it only then (D7). */
  readonly hasDirectory: boolean;
  /** Problems with the settings, rules or directory given: a decision refuses to go on with them. */
  readonly issues: readonly ConfigIssue[];
  /**
   * Ticket parts already checked (deeply frozen ones only, see `Walk` in the schema layer).
   * It lives here, not in a module: a prepared context is the caller's, and goes when they drop it.
   */
  readonly checked: WeakMap<object, unknown>;
  /** What the model check remembers under this policy (see `modelIssues`). */
  readonly model: ModelMemo;
  /** Header text of frozen mailboxes, formatted once (see `planDelivery`). */
  readonly formatted: WeakMap<object, string>;
  /** The CC domains of frozen CC lists, for the rules' domain conditions (see `RecipientSet.ccDomains`). */
  readonly domains: WeakMap<object, ReadonlyMap<string, number>>;
  /** Canonical JSON of deeply frozen event parts, for their checksums (see `checksum`). */
  readonly texts: WeakMap<object, string>;
  /**
   * Tickets a decision returned under this context: made by the library from a ticket its gate
   * passed and deeply frozen by immer, so handing one back (the next `handle`, its `planDelivery`)
   * does not check its shape again. The model (roles, CC limit, support addresses) still is, per policy.
   */
  readonly made: WeakSet<object>;
}

/**
 * The compiled form rides on the prepared context as a property that is not enumerable,
 * so `{ ...prepared, settings: stricter }` does not carry it: the spread object is a
 * plain context again and is compiled with its own settings.
 */
const PREPARED = '~prepared';

/** A context whose settings and rules are compiled once, for many calls. Build it with `prepareContext`. */
export interface PreparedContext extends TicketContext {
  /** @internal The compiled settings, rules and directory; not copied by a spread. */
  readonly '~prepared'?: unknown;
}

/** What the composer reads of a context: the policy and the directory, and the context's problems (rules checked, not compiled). */
export type PolicyContext = Pick<ResolvedContext, 'policy' | 'directory' | 'hasDirectory' | 'issues'>;

function resolve(context: TicketContext): ResolvedContext {
  const base = resolveBase(context);
  return { ...base, rules: compileRules(base.rules, { policy: base.policy, directory: base.directory }), checked: new WeakMap(), model: modelMemo(), formatted: new WeakMap(), domains: new WeakMap(), texts: new WeakMap(), made: new WeakSet() };
}

function resolveBase(context: TicketContext): PolicyContext & { rules: readonly Rule[] } {
  const issues: ConfigIssue[] = [];
  let settings = defaultSettings;
  if (context.settings !== undefined && context.settings !== defaultSettings) {
    const parsed = parseSettings(context.settings);
    if (parsed.ok) settings = parsed.value;
    else issues.push(...parsed.error.map(under(['settings'])));
  }
  let rules: readonly Rule[] = [];
  if (context.rules !== undefined) {
    const parsed = parseRules(context.rules);
    if (parsed.ok) rules = parsed.value;
    else issues.push(...parsed.error);
  }
  let directory = emptyDirectory;
  const given = context.directory;
  if (given !== undefined) {
    if (typeof given?.byKey === 'function' && typeof given.byId === 'function') {
      directory = completeDirectory(given);
      issues.push(...directory.issues.map(under(['directory'])));
    }
    else issues.push(issue('wrong-type', 'directory must come from createDirectory(entries).', given, ['directory']));
  }
  return { policy: compilePolicy(settings), directory, hasDirectory: given !== undefined, rules, issues };
}

/**
 * Compiles settings (address patterns) and rules (their addresses and domains) once.
 * Pass the result wherever a context is taken; a pipeline that handles many emails
 * with the same configuration saves that work on every call. Spreading it into a new
 * context (`{ ...prepared, settings }`) gives a plain context, compiled anew when used.
 *
 * @example
 * const context = prepareContext({ settings: presets.zendesk });
 * const opened = handle(null, { type: 'receive-email', messageId: '<1@mail>', at: '2026-01-01T10:00:00Z', from: 'ann@acme.example', to: 'support@desk.example' }, context);
 * opened.ok; // true
 */
export function prepareContext(context: TicketContext = {}): PreparedContext {
  const prepared = { ...context };
  Object.defineProperty(prepared, PREPARED, { value: resolveContext(context), enumerable: false });
  return prepared;
}

/** A context that carries what was already resolved, so nothing is compiled twice. */
export function withResolved(resolved: ResolvedContext): PreparedContext {
  const prepared = {};
  Object.defineProperty(prepared, PREPARED, { value: resolved, enumerable: false });
  return prepared;
}

// Callers pass an object: a context that is not one is reported before anything reads it.
const preparedOf = (context: object): ResolvedContext | undefined =>
  Object.prototype.hasOwnProperty.call(context, PREPARED) ? ((context as Record<string, unknown>)[PREPARED] as ResolvedContext) : undefined;

const NOT_AN_OBJECT = (context: unknown) => [issue('not-an-object', 'The context must be an object: { settings, directory, rules }.', context, ['context'])];

export function resolveContext(context: TicketContext | PreparedContext = {}): ResolvedContext {
  if (typeof context !== 'object' || context === null) return { ...resolve({}), issues: NOT_AN_OBJECT(context) };
  return preparedOf(context) ?? resolve(context);
}

/** `resolveContext` without compiling the rules, for what reads only the policy (the composer, kept small for the browser). */
export function resolvePolicy(context: TicketContext | PreparedContext = {}): PolicyContext {
  if (typeof context !== 'object' || context === null) return { ...resolveBase({}), issues: NOT_AN_OBJECT(context) };
  return preparedOf(context) ?? resolveBase(context);
}

export type { Issue };
