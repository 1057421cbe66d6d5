import { compilePolicy, type Policy } from '../policy/policy.js';
import { defaultSettings, type Settings } from '../policy/settings.js';
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
}

export function resolveContext(context: TicketContext = {}): ResolvedContext {
  const settings = context.settings === undefined ? defaultSettings : { ...defaultSettings, ...context.settings };
  return { policy: compilePolicy(settings), directory: context.directory ?? emptyDirectory };
}
