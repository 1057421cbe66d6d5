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
