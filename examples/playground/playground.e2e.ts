// Drives the playground in headless Chromium (Debian's package) with playwright-core.
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../../.tmp/playground');
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
