import type { Actor } from './types.js';

const STAFF = new Set(['agent', 'light-agent', 'admin']);

/** Whether an untyped value is a well-formed actor (E1). */
export function isActor(value: unknown): value is Actor {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (typeof v.kind !== 'string') return false;
  if (STAFF.has(v.kind)) return typeof v.id === 'string';
  if (v.kind === 'end-user') return typeof v.address === 'string';
  if (v.kind === 'rule') return typeof v.ruleId === 'string';
  return v.kind === 'system';
}

/** The problems with a command's `by` and `at`, which every help-desk command carries. */
export function byAndAtIssues(command: { readonly by?: unknown; readonly at?: unknown }): { code: 'invalid-command'; message: string; input: unknown }[] {
  const issues: { code: 'invalid-command'; message: string; input: unknown }[] = [];
  if (!isActor(command.by)) issues.push({ code: 'invalid-command', message: '`by` must name who acts, e.g. { kind: "agent", id: "42" }.', input: command.by });
  if (typeof command.at !== 'string') issues.push({ code: 'invalid-command', message: '`at` must be the time, as a string.', input: command.at });
  return issues;
}
