import { compilePolicy, type Policy } from '../policy/policy.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
import { compileRules, type CompiledRule } from '../rules/compile-rules.js';
import type { Rule } from '../rules/types.js';
import { emptyDirectory, type Directory } from './directory.js';

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
}

const PREPARED: unique symbol = /* @__PURE__ */ Symbol('ticket-recipients.prepared');

/** A context whose settings and rules are compiled once, for many calls. Build it with `prepareContext`. */
export interface PreparedContext extends TicketContext {
  readonly [PREPARED]: ResolvedContext;
}

function resolve(context: TicketContext): ResolvedContext {
  const settings = context.settings === undefined ? defaultSettings : { ...defaultSettings, ...context.settings };
  const base = { policy: compilePolicy(settings), directory: context.directory ?? emptyDirectory, rules: [] };
  return { ...base, rules: compileRules(Array.isArray(context.rules) ? context.rules : [], base) };
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
  return { ...context, [PREPARED]: resolve(context) };
}

/** A context that carries what was already resolved, so nothing is compiled twice. */
export function withResolved(context: TicketContext, resolved: ResolvedContext): PreparedContext {
  return PREPARED in context ? (context as PreparedContext) : { ...context, [PREPARED]: resolved };
}

export function resolveContext(context: TicketContext | PreparedContext = {}): ResolvedContext {
  return PREPARED in context ? (context as PreparedContext)[PREPARED] : resolve(context);
}
