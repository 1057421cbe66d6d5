// The demo plays real .eml files through the library; its outcomes are checked here, not its wording.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { playDemo, renderDemo } from '../demo/scenario.js';
import { currentSection, whyPagePath, whySection } from '../demo/why.js';

describe('the demo', () => {
  it('plays the seed conversation from .eml files: BCC note, notice, split, third party, refusals, plans, then mute, a one-time CC, a bounce and a merge', async () => {
    const steps = await playDemo();
    const text = (i: number) => steps[i]?.lines.join('\n') ?? '';
    expect(steps).toHaveLength(18);
    expect(text(0)).toContain('added Roe, Bob <bob@acme.example> to CC');
    expect(text(0)).toContain('rule billing-follows-acme added');
    expect(text(2)).toMatch(/deliver customer-reply: headers To "Ann Lee <ann@acme.example>" Cc ""Roe, Bob" <bob@acme.example>" → envelope ann@acme.example, bob@acme.example, mia@desk.example/);
    expect(text(3)).not.toContain('customer-reply');
    expect(text(4)).toContain('wrote an internal note');
    expect(text(5)).toContain('notice: recipients changed (offers update-recipients, split)');
    expect(text(6)).toContain('new ticket T-2');
    expect(text(7)).toContain('notice: third party reply');
    expect(text(8)).toContain('made a reply public');
    // F11: an out-of-office and a bounce change nobody: the recipients line is the one before them.
    const recipientsAfter = (i: number) => steps[i]?.lines.find((l) => l.startsWith('    To:'));
    expect(text(9)).toContain('classified: automatic (auto-submitted: auto-replied)');
    expect(text(9)).toContain('wrote an internal note');
    expect(text(9)).not.toContain('notice');
    expect(recipientsAfter(9)).toBe(recipientsAfter(8));
    expect(text(10)).toContain('classified: bounce (content-type: multipart/report');
    expect(text(10)).not.toContain('undeliverable');
    expect(recipientsAfter(10)).toBe(recipientsAfter(8));
    expect(recipientsAfter(8)).toContain('Pat Partner');
    expect(text(11)).toContain('refused: support-address');
    expect(text(8)).toMatch(/deliver customer-reply: .* → envelope ann@acme.example, bob@acme.example, mia@desk.example/);
    // Participants over time: mute, a one-time CC, a bounce, a merge, and the reply after them.
    expect(text(12)).toContain('muted bob@acme.example');
    expect(text(13)).toMatch(/, Lee Law <lee@law.example>" → envelope ann@acme.example, pat@integrator.example, lee@law.example, mia@desk.example/);
    expect(text(13)).toContain('left out: bob@acme.example (muted)');
    expect(text(14)).toContain('undeliverable');
    expect(text(16)).toContain('merged this ticket into T-1');
    expect(text(17)).toMatch(/envelope ann@acme.example, sam@acme.example, mia@desk.example/);
    expect(text(17)).toContain('left out: pat@integrator.example (undeliverable)');
    expect(text(17)).not.toContain('lee@law.example');
    expect(renderDemo(steps)).not.toMatch(/=\?UTF-8\?/);
  });

  it('prints the reasons of each step: rule ids, the setting that decided, what would change it, why a person is left out', async () => {
    const steps = await playDemo();
    const text = (i: number) => steps[i]?.lines.join('\n') ?? '';
    expect(text(0)).toMatch(/added Roe, Bob <bob@acme.example> to CC because .* \[F0\]/);
    expect(text(0)).toMatch(/rule billing-follows-acme added otto@desk.example to followers because .*\[G2\]/);
    expect(text(4)).toMatch(/wrote an internal note because .*\[F6\]/);
    expect(text(5)).toContain('(onDroppedRecipients is "notify") [F3]');
    expect(text(5)).toContain('would change it: with onDroppedRecipients: "apply"');
    expect(text(5)).toMatch(/left out: bob@acme.example \(held-reply\) because .*\[B5\]/);
    expect(text(7)).toContain('would change it: with thirdPartyReply: "add-as-cc" this reply would have been public');
    expect(text(9)).toContain('auto-submitted: auto-replied) [F11]');
    expect(text(11)).toMatch(/refused: support-address: .* because .*\[A5\]/);
    expect(text(13)).toMatch(/left out: bob@acme.example \(muted\) because .*\[H2\]/);
    expect(text(14)).toMatch(/pat@integrator.example is undeliverable.* because .*\[H1\]/);
    expect(text(16)).toContain('(mergeRequesterAs is "cc") [H4]');
  });

  it('docs/why.md shows what the run prints (regenerate with npm run docs:why)', async () => {
    const page = readFileSync(whyPagePath, 'utf8');
    expect(currentSection(page)).toBe(whySection(await playDemo()));
  });
});
