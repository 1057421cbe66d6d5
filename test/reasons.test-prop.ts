import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import type { Reason, Settings, TicketEvent } from '../src/index.js';
import { play, settings, steps } from '../src/testing/scenario.js';

const RUNS = { numRuns: 200 };
// The rule ids of the behaviour reference: a reason names one of them.
const RULE_IDS = new Set([...readFileSync(resolve(import.meta.dirname, '..', 'docs', 'behaviour.md'), 'utf8').matchAll(/<a id="([A-Z]\d+)"><\/a>/g)].map((m) => m[1]));
// The decisions that must say why (issue 14): who is on the ticket, the comment's visibility, each notice.
const EXPLAINED: ReadonlySet<TicketEvent['type']> = new Set(['added', 'removed', 'requester-changed', 'comment-added', 'comment-visibility-changed', 'notice-raised']);

function checkReason(r: Reason, config: Settings): void {
  expect(RULE_IDS.has(r.rule), `unknown rule ${r.rule}`).toBe(true);
  if (r.setting === undefined) return;
  const now = config[r.setting.name];
  // A list setting names the address found on it; any other names its value in force.
  if (Array.isArray(now)) expect(typeof r.setting.value).toBe('string');
  else expect(r.setting.value).toEqual(now);
}

describe('E1: every decision carries its reasons', () => {
  it.prop([settings(), steps()], RUNS)('E1: every recipient change, comment and notice of random commands names a rule of the reference and the setting value in force; every refusal and every person left out of a plan too', (config, list) => {
    const { trace } = play(list, config);
    for (const { result } of trace) {
      if (!result?.ok) continue;
      for (const e of [...result.value.events, ...(result.value.split?.events ?? [])]) {
        if (EXPLAINED.has(e.type)) {
          expect(e.reasons?.length ?? 0, `${e.type} without reasons`).toBeGreaterThan(0);
        }
        for (const r of e.reasons ?? []) checkReason(r, config);
        if (e.type === 'recipients-refused') {
          for (const x of e.refused) {
            expect(x.reason).toBeDefined();
            checkReason(x.reason as Reason, config);
          }
        }
      }
      for (const plan of result.value.plans) for (const l of plan.leftOut) for (const r of l.reasons) checkReason(r, config);
    }
  });
});
