// Placeholder until the machine-mail classifier lands: reads Auto-Submitted only.
import { isRecord } from '../json.js';

export type Headers = Record<string, string[]>;

export interface MailClassification {
  readonly kind: 'person' | 'automatic' | 'list' | 'bounce';
  readonly reason: null | { readonly header: string; readonly value: string };
}

export function readHeaders(input: unknown): Headers {
  const out: Headers = {};
  if (!isRecord(input)) return out;
  for (const [k, v] of Object.entries(input)) if (typeof v === 'string') out[k.toLowerCase()] = [v];
  return out;
}

export function classifyMail(headers: Headers, _sender: { readonly address: string } | null): MailClassification {
  const auto = headers['auto-submitted']?.[0]?.trim().toLowerCase() ?? '';
  if (auto !== '' && !/^no(?![a-z0-9-])/.test(auto)) return { kind: 'automatic', reason: { header: 'auto-submitted', value: auto } };
  return { kind: 'person', reason: null };
}
