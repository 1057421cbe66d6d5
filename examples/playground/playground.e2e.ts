// Drives the playground in headless Chromium (Debian's package) with playwright-core.
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSettings, readEvents } from '../../src/index.js';

const repo = resolve(import.meta.dirname, '../..');
const root = resolve(repo, '.tmp/playground');
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
let server: Server;
let browser: Browser;
let page: Page;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)).replace(/^(\.\.[/\\])+/, '');
    const file = join(root, path === '/' ? 'index.html' : path);
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  await page.getByTestId('input-to').waitFor();
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await new Promise((done) => server?.close(done));
});

/** Pastes as the system clipboard would: a paste event carrying the text. */
async function paste(target: Page, testId: string, text: string): Promise<void> {
  await target.getByTestId(testId).focus();
  await target.getByTestId(testId).evaluate((input, pasted) => {
    const data = new DataTransfer();
    data.setData('text/plain', pasted);
    input.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

describe('the playground in a real browser', () => {
  it('C3: clicking into the empty Cc field offers the remembered addresses', async () => {
    await page.getByTestId('input-cc').click();
    await expect.poll(() => page.getByTestId('suggestions').textContent({ timeout: 1000 })).toContain('cleo@acme.example');
    const offered = (await page.getByTestId('suggestions').textContent()) ?? '';
    // Not the requester, not a chip already there, not the whole directory.
    expect([offered.includes('ann@acme.example'), offered.includes('bob@acme.example'), offered.includes('paula@partner.example')]).toEqual([false, false, false]);
  });

  it('C3: adds a CC by typing and pressing Enter', async () => {
    await page.getByTestId('input-cc').fill('Cleo <cleo@acme.example>');
    await page.getByTestId('input-cc').press('Enter');
    await expect.poll(() => page.getByTestId('chip-cc').allTextContents()).toEqual(['Roe, Bob <bob@acme.example> ×', 'Cleo <cleo@acme.example> ×']);
  });

  it('C3: an invalid address stays as text with its error', async () => {
    await page.getByTestId('input-cc').fill('bob@@acme');
    await page.getByTestId('input-cc').press('Enter');
    await expect.poll(() => page.getByTestId('input-cc').inputValue()).toBe('bob@@acme');
    expect(await page.getByTestId('error-cc').textContent()).toContain('not a valid address');
    await page.getByTestId('input-cc').fill('');
  });

  it('C3: warns about a denylisted address while it is typed, and suggests remembered ones', async () => {
    await page.getByTestId('input-cc').fill('no-reply@bank.example');
    await expect.poll(() => page.getByTestId('feedback').allTextContents()).toEqual([expect.stringContaining('denylist')]);
    await page.getByTestId('input-cc').fill('pau');
    await expect.poll(() => page.getByTestId('suggestions').textContent({ timeout: 1000 })).toContain('paula@partner.example');
    await page.getByTestId('input-cc').fill('');
  });

  it('B2: a BCC added in the composer is in the envelope of the reply, never in its headers', async () => {
    await page.getByTestId('show-bcc').click();
    await page.getByTestId('input-bcc').fill('Mia <mia@desk.example>');
    await page.getByTestId('input-bcc').press('Enter');
    await page.getByTestId('plan-reply').click();
    await expect.poll(() => page.getByTestId('plan').textContent({ timeout: 1000 })).toContain('customer-reply');
    const plan = (await page.getByTestId('plan').textContent()) ?? '';
    const headers = plan.split('\n').filter((line) => /^\s+(To|Cc):/.test(line)).join('\n');
    expect(headers).toContain('ann@acme.example');
    expect(headers).not.toContain('mia@desk.example');
    expect(plan).toMatch(/envelope: .*mia@desk\.example/);
  });

  it('C3: a pasted list separated by new lines becomes chips, after what was typed', async () => {
    await page.getByTestId('input-cc').fill('Dan Roe ');
    await paste(page, 'input-cc', '<dan@acme.example>\neve@acme.example\nnot-an-address');
    await expect.poll(() => page.getByTestId('chip-cc').allTextContents()).toEqual(['Roe, Bob <bob@acme.example> ×', 'Cleo <cleo@acme.example> ×', 'Dan Roe <dan@acme.example> ×', 'eve@acme.example ×']);
    expect(await page.getByTestId('input-cc').inputValue()).toBe('not-an-address');
    expect(await page.getByTestId('error-cc').textContent()).toContain('not-an-address');
    await page.getByTestId('input-cc').fill('');
  });

  it('C3: under the Zendesk preset there is no Bcc link', async () => {
    const zendesk = await browser.newPage();
    try {
      const errors: string[] = [];
      zendesk.on('pageerror', (e) => errors.push(e.message));
      await zendesk.goto(`${url}?preset=zendesk`);
      await zendesk.getByTestId('input-to').waitFor();
      expect(errors).toEqual([]);
      expect(await zendesk.getByTestId('input-cc').count()).toBe(1);
      expect([await zendesk.getByTestId('show-bcc').count(), await zendesk.getByTestId('input-bcc').count()]).toEqual([0, 0]);
      // The same page under the default (Omnidesk) settings has the Bcc field, shown or behind its link.

      expect(await page.getByTestId('show-bcc').count() + (await page.getByTestId('input-bcc').count())).toBe(1);
    } finally {
      await zendesk.close();
    }
  });

  it('B4: an internal note goes to no customer', async () => {
    await page.getByTestId('plan-note').click();
    await expect.poll(() => page.getByTestId('plan').textContent({ timeout: 1000 })).not.toContain('customer-reply');
    const plan = (await page.getByTestId('plan').textContent()) ?? '';
    expect(plan).not.toContain('ann@acme.example');
  });
});

describe('participants over time in the playground', () => {
  it('H3: with "for this reply only", a CC added in the composer is in this reply’s Cc header and the ticket keeps its CCs', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(url);
      await fresh.getByTestId('input-to').waitFor();
      await fresh.getByTestId('one-time').check();
      await fresh.getByTestId('input-cc').fill('Lee Law <lee@law.example>');
      await fresh.getByTestId('input-cc').press('Enter');
      await fresh.getByTestId('plan-reply').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('customer-reply');
      const plan = (await fresh.getByTestId('plan').textContent()) ?? '';
      expect(plan).toMatch(/Cc: .*Lee Law <lee@law\.example>/);
      expect(plan).toMatch(/envelope: .*lee@law\.example/);
      // Muting Bob starts the composer again from the ticket: Lee was for that reply only, Bob is still a CC.
      await fresh.getByTestId('act-mute').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('muted bob@acme.example');
      expect(await fresh.getByTestId('chip-cc').allTextContents()).toEqual(['Roe, Bob <bob@acme.example> ×']);
      await fresh.getByTestId('plan-reply').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('left out: bob@acme.example (muted)');
      expect((await fresh.getByTestId('plan').textContent()) ?? '').not.toContain('lee@law.example');
    } finally {
      await fresh.close();
    }
  });

  it('H1, B9, H4: a bounce, a held reply released to whoever has not had it, and a merge', async () => {
    const fresh = await browser.newPage();
    try {
      await fresh.goto(url);
      await fresh.getByTestId('input-to').waitFor();
      await fresh.getByTestId('act-bounce').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('undeliverable');
      await fresh.getByTestId('act-drop-bob').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('notice');
      await fresh.getByTestId('act-release').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('resolved a notice');
      await fresh.getByTestId('act-merge').click();
      await expect.poll(() => fresh.getByTestId('plan').textContent({ timeout: 1000 })).toContain('sam@acme.example');
      expect(await fresh.getByTestId('chip-cc').allTextContents()).toEqual(expect.arrayContaining(['Sam <sam@acme.example> ×', 'dan@acme.example ×']));
    } finally {
      await fresh.close();
    }
  });
});

/** Ann's out-of-office: an automatic reply (Auto-Submitted) to the desk alone, without Bob. */
const outOfOffice = [
  'From: Ann Lee <ann@acme.example>',
  'To: Help Desk <support@desk.example>',
  'Subject: Automatic reply: Printer jams',
  'Date: Mon, 2 Mar 2026 10:00:05 +0000',
  'Message-ID: <ooo-1@acme.example>',
  'Auto-Submitted: auto-replied',
  'X-Auto-Response-Suppress: All',
  'Content-Type: text/plain; charset="us-ascii"',
  'MIME-Version: 1.0',
  '',
  'I am out of the office until 10 March.',
  '',
].join('\r\n');

/** Drops a file on the page as a person dragging it from the desktop would. */
async function drop(target: Page, testId: string, name: string, text: string): Promise<void> {
  await target.getByTestId(testId).evaluate(
    (el, [fileName, body]) => {
      const data = new DataTransfer();
      data.items.add(new File([body as string], fileName as string, { type: 'message/rfc822' }));
      el.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    },
    [name, text],
  );
}

const participants = (target: Page) => target.getByTestId('participants').locator('li').allTextContents();
const cellFor = (target: Page, person: string, comment: number) => target.locator(`td[data-person="${person}"][data-comment="${comment}"]`);
const shots = process.env.UPDATE_SCREENSHOTS === '1';

describe('the simulator: a whole case', () => {
  it('F11, F3, B1, H3: an out-of-office under Zendesk keeps the CCs; a CC added by reply; undo; share; copy as a test', async () => {
    const sim = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    sim.on('pageerror', (e) => errors.push(e.message));
    try {
      await sim.goto(url);
      await sim.getByTestId('preset').selectOption('zendesk');
      await sim.getByTestId('new-sample').click();
      await expect.poll(() => participants(sim)).toEqual(['requester Ann Lee <ann@acme.example>', 'cc Roe, Bob <bob@acme.example>']);
      // The settings JSON is what parseSettings accepts, and it is Zendesk's.
      const settings = parseSettings(JSON.parse(await sim.getByTestId('settings-json').inputValue()));
      expect(settings.ok && [settings.value.onDroppedRecipients, settings.value.bccEnabled]).toEqual(['apply', false]);

      // Ann's out-of-office leaves Bob out; a person's reply would drop him (F3, apply), an automatic one does not (F11).
      await drop(sim, 'eml-drop', 'out-of-office.eml', outOfOffice);
      await expect.poll(() => sim.getByTestId('step').count()).toBe(3);
      expect(await participants(sim)).toEqual(['requester Ann Lee <ann@acme.example>', 'cc Roe, Bob <bob@acme.example>']);
      const because = (await sim.getByTestId('because').last().textContent()) ?? '';
      expect(because).toContain('F11');
      expect(because).toContain('auto-submitted');
      // And what another value of the deciding setting would have done.
      expect(await sim.getByTestId('alternatives').last().textContent()).toContain('with machineMail: "public" this reply would have been public');

      // A reply adding Dan in Cc: the grid has a column for it, Dan in Cc, Ann in To.
      await sim.getByTestId('input-cc').fill('Dan <dan@acme.example>');
      await sim.getByTestId('input-cc').press('Enter');
      await sim.getByTestId('send-reply').click();
      await expect.poll(() => participants(sim)).toEqual(['requester Ann Lee <ann@acme.example>', 'cc Roe, Bob <bob@acme.example>', 'cc Dan <dan@acme.example>']);
      const columns = await sim.getByTestId('grid').locator('thead th').count();
      const last = columns - 1;
      expect([await cellFor(sim, 'ann@acme.example', last).textContent(), await cellFor(sim, 'bob@acme.example', last).textContent(), await cellFor(sim, 'dan@acme.example', last).textContent()]).toEqual(['To', 'Cc', 'Cc']);
      // The reason is on hover (title) and on focus (the line under the grid).
      expect(await cellFor(sim, 'dan@acme.example', last).getAttribute('title')).toContain('Cc header (B1)');
      await cellFor(sim, 'dan@acme.example', last).focus();
      await expect.poll(() => sim.getByTestId('why').textContent()).toContain('Dan <dan@acme.example>, comment');
      expect(await sim.getByTestId('why').textContent()).toContain('a CC: in the Cc header (B1)');
      if (shots) await sim.screenshot({ path: resolve(repo, 'docs/simulator.png'), fullPage: true });

      // Undo drops the reply's events (the edit and the comment) and folds again.
      await sim.getByTestId('undo').click();
      await expect.poll(() => participants(sim)).toEqual(['requester Ann Lee <ann@acme.example>', 'cc Roe, Bob <bob@acme.example>']);
      expect(await sim.getByTestId('grid').locator('thead th').count()).toBe(columns - 1);
      expect(await sim.getByTestId('step').count()).toBe(3);

      // Again, then share: the link opens the same case.
      await sim.getByTestId('input-cc').fill('Dan <dan@acme.example>');
      await sim.getByTestId('input-cc').press('Enter');
      await sim.getByTestId('send-reply').click();
      await expect.poll(() => sim.getByTestId('step').count()).toBe(4);
      const link = await sim.getByTestId('share-url').inputValue();
      expect(link).toMatch(/#s=/);
      const shared = await browser.newPage();
      try {
        await shared.goto(link);
        await shared.getByTestId('timeline').waitFor();
        expect(await participants(shared)).toEqual(await participants(sim));
        expect(await shared.getByTestId('timeline').textContent()).toBe(await sim.getByTestId('timeline').textContent());
        expect(await shared.getByTestId('grid').textContent()).toBe(await sim.getByTestId('grid').textContent());
        expect(await shared.getByTestId('preset').inputValue()).toBe('zendesk');
      } finally {
        await shared.close();
      }
      await sim.reload();
      await sim.getByTestId('timeline').waitFor();
      expect(await sim.getByTestId('step').count()).toBe(4);

      // The downloaded session: its log is what readEvents reads.
      const [download] = await Promise.all([sim.waitForEvent('download'), sim.getByTestId('share-download').click()]);
      const file = await download.path();
      const session = JSON.parse(readFileSync(file, 'utf8'));
      const log = readEvents(session.log);
      expect(log.ok && log.value.map((e) => e.type)).toEqual(expect.arrayContaining(['ticket-opened', 'comment-added', 'added']));
      expect(parseSettings(session.settings).ok).toBe(true);

      // Copy as a test, and run it in vitest against the built package.
      await sim.getByTestId('copy-test').click();
      const test = await sim.getByTestId('test-text').inputValue();
      expect(test).toContain("from 'ticket-recipients/testing'");
      const dir = resolve(repo, '.tmp/generated');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'playground-case.test.ts'), test);
      writeFileSync(
        join(dir, 'vitest.config.ts'),
        `import { defineConfig } from 'vitest/config';\nexport default defineConfig({ resolve: { alias: [{ find: /^ticket-recipients\\/testing$/, replacement: ${JSON.stringify(resolve(repo, 'dist/testing.js'))} }, { find: /^ticket-recipients$/, replacement: ${JSON.stringify(resolve(repo, 'dist/index.js'))} }] }, test: { root: ${JSON.stringify(dir)}, include: ['*.test.ts'] } });\n`,
      );
      const run = await promisify(execFile)(process.execPath, [resolve(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(dir, 'vitest.config.ts')], { cwd: repo });
      expect(run.stdout).toMatch(/1 passed/);
      // The generated test checks the case: a different outcome fails it.
      writeFileSync(join(dir, 'playground-case.test.ts'), test.replace('"dan@acme.example"', '"dan@other.example"'));
      await expect(promisify(execFile)(process.execPath, [resolve(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(dir, 'vitest.config.ts')], { cwd: repo })).rejects.toThrow();
      expect(errors).toEqual([]);
    } finally {
      await sim.close();
    }
  });

  it('H1: a bounce dropped as an .eml marks the failed recipient undeliverable; the next reply leaves them out', async () => {
    const sim = await browser.newPage();
    try {
      await sim.goto(url);
      const dsn = [
        'From: Mail Delivery Subsystem <mailer-daemon@mx.acme.example>',
        'To: support@desk.example',
        'Subject: Delivery Status Notification (Failure)',
        'Message-ID: <dsn-1@mx.acme.example>',
        'Auto-Submitted: auto-replied',
        'MIME-Version: 1.0',
        'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain',
        '',
        "Your message to bob@acme.example couldn't be delivered.",
        '',
        '--b1',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.acme.example',
        '',
        'Final-Recipient: rfc822; bob@acme.example',
        'Action: failed',
        'Status: 5.1.1',
        '',
        '--b1--',
        '',
      ].join('\r\n');
      await sim.getByTestId('eml-file').setInputFiles({ name: 'bounce.eml', mimeType: 'message/rfc822', buffer: Buffer.from(dsn) });
      await expect.poll(() => sim.getByTestId('held').allTextContents()).toEqual([expect.stringContaining('undeliverable')]);
      await sim.getByTestId('send-reply').click();
      const columns = await sim.getByTestId('grid').locator('thead th').count();
      await expect.poll(() => cellFor(sim, 'bob@acme.example', columns - 1).getAttribute('title')).toContain('bounces for good');
      expect(await cellFor(sim, 'bob@acme.example', columns - 1).textContent()).toBe('—');
    } finally {
      await sim.close();
    }
  });

  it('D6, E4: a shared link that does not read as a session says why, at its path, and shows the sample', async () => {
    const sim = await browser.newPage();
    try {
      const tampered = Buffer.from(JSON.stringify({ settings: { ccLimit: -1 }, rules: [], log: [{ type: 'ticket-opened' }] })).toString('base64url');
      await sim.goto(`${url}#s=${tampered}`);
      const problems = (await sim.getByTestId('load-problems').textContent()) ?? '';
      expect(problems).toContain('settings.ccLimit: out-of-range');
      expect(problems).toMatch(/log\[0\]/);
      expect(await participants(sim)).toEqual(['requester Ann Lee <ann@acme.example>', 'cc Roe, Bob <bob@acme.example>']);
    } finally {
      await sim.close();
    }
  });

  it('G1, D6: rules as JSON, with parseRules errors at their path; the timeline in German', async () => {
    const sim = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await sim.goto(url);
      await sim.getByTestId('rules-json').fill(JSON.stringify([{ id: 'vip', title: 'VIP customers', active: true, conditions: { all: [{ type: 'requester-in-domain', domain: 'acme.example' }] }, actions: [{ type: 'add-cc', address: 'not an address' }] }]));
      await sim.getByTestId('rules-apply').click();
      await expect.poll(() => sim.getByTestId('rule-errors').textContent()).toContain('rules[0].actions[0].address');
      await sim.getByTestId('rules-json').fill(JSON.stringify([{ id: 'vip', title: 'VIP customers', active: true, conditions: { all: [{ type: 'requester-in-domain', domain: 'acme.example' }] }, actions: [{ type: 'add-cc', address: 'paula@partner.example' }] }]));
      await sim.getByTestId('rules-apply').click();
      await expect.poll(() => sim.getByTestId('rule-errors').count()).toBe(0);
      await sim.getByTestId('new-empty').click();
      await sim.getByTestId('email-from').fill('Ann Lee <ann@acme.example>');
      await sim.getByTestId('email-send').click();
      await expect.poll(() => participants(sim)).toEqual(['requester Ann Lee <ann@acme.example>', 'cc paula@partner.example']);
      expect(await sim.getByTestId('timeline').textContent()).toContain('rule vip added');
      // A setting changed in the form is in the JSON.
      await sim.getByTestId('settings-json').locator('xpath=..').locator('summary').click();
      await sim.locator('#setting-bccEnabled').uncheck();
      await expect.poll(async () => JSON.parse(await sim.getByTestId('settings-json').inputValue()).bccEnabled).toBe(false);
      await sim.getByTestId('language').selectOption('de');
      await expect.poll(() => sim.getByTestId('timeline').textContent()).toContain('hat das Ticket eröffnet');
      expect(await sim.getByTestId('timeline').textContent()).toContain('Regel vip hat paula@partner.example zu CC hinzugefügt');
      if (shots) await sim.screenshot({ path: resolve(repo, 'docs/simulator-rules.png'), fullPage: true });
    } finally {
      await sim.close();
    }
  });
});

