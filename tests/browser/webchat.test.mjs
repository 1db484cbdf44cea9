// Headless Chromium against mentorbot's built-in web chat: start
// `mentorbot serve` with no platform configured (the embedded default),
// open the page, register as a mentee, press a button, see the answer,
// and save a screenshot. Run by .ci/run; needs Debian's chromium.
import { chromium } from 'playwright-core';
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import net from 'node:net';

const root = resolve(import.meta.dirname, '..', '..');
const bin = process.env.MENTORBOT_BIN || join(root, 'target', 'debug', 'mentorbot');
const browserPath = process.env.CHROMIUM || '/usr/bin/chromium';
const shots = join(root, 'target', 'screenshots');
mkdirSync(shots, { recursive: true });

function freePort() {
  return new Promise(ok => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => ok(p)); });
  });
}

const port = await freePort();
const dir = mkdtempSync(join(tmpdir(), 'mentorbot-web-'));
const server = spawn(bin, ['serve'], {
  cwd: root,
  env: { ...process.env, MENTORBOT_DATABASE_URL: `sqlite://${join(dir, 'web.db')}`, MENTORBOT_WEBCHAT__LISTEN: `127.0.0.1:${port}`, RUST_LOG: 'warn' },
  stdio: ['ignore', 'inherit', 'inherit'],
});
const url = `http://127.0.0.1:${port}/`;
let failed = 0;
let passed = 0;
async function step(name, fn) {
  try { await fn(); passed++; console.log(`ok - ${name}`); }
  catch (e) { failed++; console.log(`not ok - ${name}: ${e.message}`); }
}

let browser;
try {
  // Wait for the server (a start-up, not timing logic).
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(url)).ok) break; } catch {}
    await new Promise(r => setTimeout(r, 100));
  }
  browser = await chromium.launch({
    executablePath: browserPath,
    // The Microsoft Web Chat page is fulfilled by the test, so Chromium sees
    // it as coming from no address; its local-network check would then
    // refuse the socket to 127.0.0.1 that a page served by the bot may open.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-features=LocalNetworkAccessChecks'],
  });
  const page = await browser.newPage({ locale: 'en-GB' });
  await step('the page loads with its words from the locales', async () => {
    await page.goto(url);
    await page.getByRole('button', { name: 'I am a mentee' }).waitFor({ timeout: 10000 });
  });
  await step('a mentee registers and the bot answers a button press', async () => {
    await page.getByRole('button', { name: 'I am a mentee' }).click();
    await page.getByText('Welcome to mentorbot demo').waitFor({ timeout: 10000 });
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('What is your name').waitFor({ timeout: 10000 });
    await page.locator('#text').fill('Amira');
    await page.getByRole('button', { name: 'Send' }).click();
    await page.getByText('May I share your contact details').waitFor({ timeout: 10000 });
    await page.getByRole('button', { name: /Yes, share them/ }).click();
    await page.getByText('Thank you, Amira! You are registered').waitFor({ timeout: 10000 });
  });
  await step('coming back, the page is the same person in the same conversation', async () => {
    await page.reload();
    await page.getByText('Thank you, Amira! You are registered').waitFor({ timeout: 10000 });
    if (await page.getByRole('button', { name: 'I am a mentee' }).isVisible()) throw new Error('asked for a role again');
    const kept = await page.evaluate(() => localStorage.getItem('mentorbot-webchat'));
    if (!kept || kept.length < 32) throw new Error(`no token kept: ${kept}`);
  });
  await step('a call without the token is refused', async () => {
    const status = await page.evaluate(async () => (await fetch('/v3/directline/conversations/x/activities')).status);
    if (status !== 403) throw new Error(`status ${status}`);
  });
  await page.screenshot({ path: join(shots, 'webchat.png'), fullPage: true });
  console.log(`screenshot: ${join(shots, 'webchat.png')}`);

  // Microsoft's Web Chat (botframework-webchat from npm) against the same
  // Direct Line subset, served from the bot's origin by the test.
  const bundle = join(import.meta.dirname, 'node_modules', 'botframework-webchat', 'dist', 'webchat.js');
  const ms = await browser.newPage({ locale: 'en-US' });
  await ms.route(`${url}ms-webchat.html*`, route => route.fulfill({
    contentType: 'text/html',
    body: `<!doctype html><html><body style="height:100vh;margin:0"><div id="webchat" style="height:100%"></div>
      <script src="/ms-webchat.js"></script>
      <script>
        // As with Azure's Direct Line: a token first, then the client.
        fetch('/v3/directline/tokens/generate', { method: 'POST' }).then(r => r.json()).then(({ token }) =>
          window.WebChat.renderWebChat({
            directLine: window.WebChat.createDirectLine({ domain: '${url}v3/directline', token, webSocket: location.search.includes('ws'), pollingInterval: 300 }),
            userID: 'ms-webchat-user',
            locale: 'en-US',
          }, document.getElementById('webchat')));
      </script></body></html>`,
  }));
  await ms.route(`${url}ms-webchat.js`, route => route.fulfill({ path: bundle, contentType: 'application/javascript' }));
  await step("Microsoft's Web Chat registers a mentor through the same endpoints", async () => {
    await ms.goto(`${url}ms-webchat.html`);
    const box = ms.getByRole('textbox').first();
    await box.waitFor({ timeout: 20000 });
    await box.fill('/start demo-mentor');
    await box.press('Enter');
    await ms.getByText('Welcome to mentorbot demo').first().waitFor({ timeout: 20000 });
    await ms.getByRole('button', { name: 'English' }).first().click();
    await ms.getByText('What is your name').first().waitFor({ timeout: 20000 });
  });
  await ms.screenshot({ path: join(shots, 'ms-webchat.png'), fullPage: true });
  await step("Microsoft's Web Chat also works over the streaming socket", async () => {
    await ms.goto(`${url}ms-webchat.html?ws`);
    const box = ms.getByRole('textbox').first();
    await box.waitFor({ timeout: 20000 });
    await box.fill('/start demo-coordinator');
    await box.press('Enter');
    await ms.getByText('You are invited as a coordinator').first().waitFor({ timeout: 20000 });
    await ms.getByRole('button', { name: 'Norsk' }).first().click();
    await ms.getByText('Hva heter du').first().waitFor({ timeout: 20000 });
  });
  await ms.screenshot({ path: join(shots, 'ms-webchat-streaming.png'), fullPage: true });
} catch (e) {
  failed++;
  console.log(`not ok - browser: ${e.message}`);
} finally {
  if (browser) await browser.close();
  server.kill('SIGINT');
}
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
