import { compilePolicy, type Policy } from '../policy/policy.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
import { compileRules, type CompiledRule } from '../rules/compile-rules.js';
import { parseSettings, type ConfigIssue } from '../policy/parse-settings.js';
import { parseRules } from '../rules/parse-rules.js';
import type { Rule } from '../rules/types.js';
import { emptyDirectory, type Directory } from '../ticket/directory.js';

/** What every decision needs besides the ticket: the help desk's settings and its people. */
export interface TicketContext {
  /** Missing fields take the defaults (Omnidesk behaviour). Validate stored settings with `parseSettings`. */
  readonly settings?: Partial<Settings>;
  /** The help desk's agents, light agents and admins, from `createDirectory`. */
  readonly directory?: Directory;
  /** Rules run after every update (G3). Validate stored rules with `parseRules`. */
  readonly rules?: readonly Rule[];
}

export interface ResolvedContext {
  readonly policy: Policy;
  readonly directory: Directory;
  readonly rules: readonly CompiledRule[];
  /** Problems with the settings, rules or directory given: a decision refuses to go on with them. */
  readonly issues: readonly ConfigIssue[];
}

const PREPARED: unique symbol = /* @__PURE__ */ Symbol('ticket-recipients.prepared');

/** A context whose settings and rules are compiled once, for many calls. Build it with `prepareContext`. */
export interface PreparedContext extends TicketContext {
  /** @internal */
  readonly [PREPARED]: ResolvedContext;
}

const under = (prefix: string) => (issue: ConfigIssue): ConfigIssue => ({ ...issue, path: issue.path === '' ? prefix : `${prefix}.${issue.path}` });

/**
 * Checks and compiles a context. Settings and rules from an untyped caller are validated
 * like stored JSON (D6), so a wrong type is a reported issue, never a wrong decision.
 */
function resolve(context: TicketContext): ResolvedContext {
  const issues: ConfigIssue[] = [];
  let settings = defaultSettings;
  if (context.settings !== undefined && context.settings !== defaultSettings) {
    const parsed = parseSettings(context.settings);
    if (parsed.ok) settings = parsed.value;
    else issues.push(...parsed.error.map(under('settings')));
  }
  let rules: readonly Rule[] = [];
  if (context.rules !== undefined) {
    const parsed = parseRules(context.rules);
    if (parsed.ok) rules = parsed.value;
    else issues.push(...parsed.error);
  }
  let directory = emptyDirectory;
  if (context.directory !== undefined) {
    if (typeof context.directory?.byKey === 'function' && typeof context.directory.byId === 'function') directory = context.directory;
    else issues.push({ code: 'wrong-type', path: 'directory', message: 'directory must come from createDirectory(entries).', input: context.directory });
  }
  const base = { policy: compilePolicy(settings), directory, rules: [], issues };
  return { ...base, rules: compileRules(rules, base) };
}

/**
 * Compiles settings (address patterns) and rules (their addresses and domains) once.
 * Pass the result wherever a context is taken; a pipeline that handles many emails
 * with the same configuration saves that work on every call.
 *
 * @example
 * const context = prepareContext({ settings, directory, rules });
 * for (const email of inbox) handle(ticketOf(email), email, context);
 */
export function prepareContext(context: TicketContext = {}): PreparedContext {
  return { ...context, [PREPARED]: resolveContext(context) };
}

/** A context that carries what was already resolved, so nothing is compiled twice. */
export function withResolved(context: TicketContext, resolved: ResolvedContext): PreparedContext {
  return typeof context === 'object' && context !== null && PREPARED in context ? (context as PreparedContext) : { [PREPARED]: resolved };
}

export function resolveContext(context: TicketContext | PreparedContext = {}): ResolvedContext {
  if (typeof context !== 'object' || context === null) {
    const base = resolve({});
    return { ...base, issues: [{ code: 'not-an-object', path: 'context', message: 'The context must be an object: { settings, directory, rules }.', input: context }] };
  }
  return PREPARED in context ? (context as PreparedContext)[PREPARED] : resolve(context);
}
