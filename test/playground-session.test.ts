// The simulator's session (examples/playground): a change of settings applies to the commands after it.
import { describe, expect, it } from 'vitest';
import { presets, readEvents, type Settings } from '../src/index.js';
import { buildGrid } from '../examples/playground/grid.js';
import { apply, contextAt, emptySession, readSession, withContext, type Session } from '../examples/playground/session.js';
import { generateTest } from '../examples/playground/test-gen.js';

const zendesk: Settings = { ...presets.zendesk, supportAddresses: ['support@desk.example'] };
const kate = { kind: 'agent', id: 'kate' } as const;

/** Ann writes in with Bob and Cleo in CC; Kate replies. */
function conversation(settings: Settings): Session {
  const opened = apply(emptySession(settings), 'Ann writes in', [(_, at) => ({ type: 'receive-email', messageId: '<1@acme.example>', newTicketId: 'T-1', at, from: 'Ann <ann@acme.example>', to: 'support@desk.example', cc: 'bob@acme.example, cleo@acme.example' })]);
  if (!opened.ok) throw new Error(JSON.stringify(opened.issues));
  const replied = apply(opened.session, 'Kate replies', [(_, at) => ({ type: 'write-comment', commentId: 'c-2', visibility: 'public', by: kate, at })]);
  if (!replied.ok) throw new Error(JSON.stringify(replied.issues));
  return replied.session;
}
const gridOf = (s: Session) => buildGrid(s, (e) => e.type).columns.map((c) => [c.commentId, [...c.cells].filter(([, cell]) => cell.how !== 'none').map(([k, cell]) => `${k}:${cell.how}`).sort()]);

describe('simulator (examples/playground): settings changed after the fact', () => {
  it('D1/B1: the grid keeps who received a past comment after the CC limit is lowered, and plans under the new limit only what comes next', () => {
    const s = conversation(zendesk);
    const before = gridOf(s);
    expect(before.find(([id]) => id === 'c-2')?.[1]).toEqual(['ann@acme.example:to', 'bob@acme.example:cc', 'cleo@acme.example:cc']);
    const changed = withContext(s, { ...zendesk, ccLimit: 1 });
    expect(gridOf(changed)).toEqual(before);
    expect(contextAt(changed, 1).settings.ccLimit).toBe(zendesk.ccLimit);
    // The next reply runs under the new limit: the ticket's two CCs are now over it, so it is written but not planned.
    const next = apply(changed, 'Kate replies again', [(_, at) => ({ type: 'write-comment', commentId: 'c-3', visibility: 'public', by: kate, at })]);
    if (!next.ok) throw new Error(JSON.stringify(next.issues));
    expect(next.handled[0]?.issues.map((i) => i.code)).toEqual(['cc-limit-exceeded']);
    expect(next.handled[0]?.plans).toEqual([]);
    // …and the grid still shows the earlier reply as it was sent.
    expect(gridOf(next.session).find(([id]) => id === 'c-2')).toEqual(before.find(([id]) => id === 'c-2'));
  });

  it('D1: "copy as a test" replays the last command under the settings it ran under', () => {
    const s = withContext(conversation(zendesk), { ...zendesk, ccLimit: 1 });
    const test = generateTest(s) ?? '';
    expect(test).toContain(`"ccLimit": ${JSON.stringify(zendesk.ccLimit)}`);
    expect(test).not.toContain('"ccLimit": 1,');
  });

  it('simulator: a shared session keeps its earlier settings, and a session pointing at settings it does not hold is refused', () => {
    const s = withContext(conversation(zendesk), { ...zendesk, ccLimit: 1 });
    const again = readSession(JSON.parse(JSON.stringify(s)));
    expect(again.problems).toEqual([]);
    expect(again.session && gridOf(again.session)).toEqual(gridOf(s));
    const broken = readSession({ ...JSON.parse(JSON.stringify(s)), earlier: [] });
    expect(broken.session).toBe(null);
    expect(broken.problems.map((p) => p.where)).toEqual(['entries[0].context', 'entries[1].context']);
    expect(readEvents(s.log).ok).toBe(true);
  });

  it('simulator: changing nothing, or changing again with no new command, adds no earlier settings', () => {
    const s = conversation(zendesk);
    expect(withContext(s, zendesk).earlier).toBeUndefined();
    const once = withContext(s, { ...zendesk, ccLimit: 1 });
    expect(withContext(once, { ...zendesk, ccLimit: 2 }).earlier).toHaveLength(1);
  });
});

describe('simulator: hostile earlier settings in a shared session (review 2)', () => {
  const shared = () => JSON.parse(JSON.stringify(conversation(zendesk))) as Record<string, unknown>;

  it.each(['x', 5, {}, null])('simulator: `earlier: %j` is reported even when no entry points into it, and nothing throws', (earlier) => {
    const r = readSession({ ...shared(), earlier });
    expect(r.session).toBe(null);
    expect(r.problems.map((p) => [p.where, p.code])).toEqual([['earlier', 'wrong-type']]);
  });

  it('simulator: a link from before the change (no `earlier`) still opens, and a rule problem in `earlier` is reported at its own path', () => {
    expect(readSession(shared()).problems).toEqual([]);
    const r = readSession({ ...shared(), earlier: [{ settings: zendesk, rules: [{ id: 1 }] }] });
    expect(r.problems[0]?.where).toBe('earlier[0].rules[0].id');
  });
});
