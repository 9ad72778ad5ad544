import { request as httpRequest, type IncomingMessage } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { KeyDeskCore } from '../../../electron/core/core';
import type { CoreLink } from '../../../electron/core/host/link';
import { IN_USE_ELSEWHERE, startWebServer, type WebServer } from '../../../electron/web/server';
import type { Result } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import { DEMO_PASSWORD, linkTo, startCore, tempFolder } from '../../helpers/core';
import { writeRealDataFile } from '../core/files';
import { auditRows } from '../core/sealed-files';

interface Reply {
  status: number;
  setCookie: string[];
  body: Result<unknown>;
}

/** One browser: its own cookie jar, the token from the address. */
function browser(web: () => WebServer) {
  let cookie = '';
  const headers = () => ({ Host: `127.0.0.1:${web().port}`, ...(cookie ? { Cookie: cookie } : {}) });
  return {
    cookie: () => cookie,
    call(name: string, input?: unknown): Promise<Reply> {
      return new Promise((resolve, reject) => {
        const body = input === undefined ? undefined : JSON.stringify(input);
        const req = httpRequest(
          {
            host: '127.0.0.1',
            port: web().port,
            method: 'POST',
            path: `/api/${name}`,
            headers: { ...headers(), Authorization: `Bearer ${web().token}`, 'Content-Type': 'application/json' },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () => {
              const setCookie = res.headers['set-cookie'] ?? [];
              if (setCookie[0]) cookie = setCookie[0].split(';')[0]!;
              resolve({ status: res.statusCode ?? 0, setCookie, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Result<unknown> });
            });
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    },
    /** Opens the event stream as the page does; resolves once the server has answered. */
    events(token = web().token): Promise<{ response: IncomingMessage; received: () => string; close: () => void }> {
      return new Promise((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: web().port, method: 'GET', path: `/api/events?token=${encodeURIComponent(token)}`, headers: headers() },
          (response) => {
            let received = '';
            response.setEncoding('utf8').on('data', (chunk: string) => (received += chunk));
            response.on('error', () => undefined);
            resolve({ response, received: () => received, close: () => req.destroy() });
          },
        );
        req.on('error', reject);
        req.end();
      });
    },
  };
}

const statusOf = (reply: Reply) => (reply.body as { ok: true; value: AppStatus }).value;

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Still waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 20));
  }
}

describe('browser mode binds a session to the browser that signed in', () => {
  let data: Awaited<ReturnType<typeof tempFolder>>;
  let core: KeyDeskCore;
  let link: CoreLink;
  let web: WebServer;
  const GRACE_MS = 400;

  // Long enough not to end a session mid-test on a busy machine; the grace tests shorten it.
  let graceMs = 60_000;

  beforeEach(async () => {
    data = await tempFolder();
    graceMs = 60_000;
    ({ core } = await startCore({ folder: data.path }));
    link = linkTo(core, { bindSessionsToCallers: true });
    web = await startWebServer({ core: link, staticDir: data.path, sessionGraceMs: graceMs });
  });

  async function withShortGrace() {
    graceMs = GRACE_MS;
    await web.close();
    web = await startWebServer({ core: link, staticDir: data.path, sessionGraceMs: graceMs });
  }

  /**
   * Starts the core and server again on a demo data file (a copy of one made once), as after a restart
   * of `npm run web`: making demo data through the page in each test took seconds a test.
   */
  async function restartOnDemoFile() {
    await web.close();
    await link.stop();
    await core.close();
    await writeRealDataFile(data.path);
    ({ core } = await startCore({ folder: data.path }));
    link = linkTo(core, { bindSessionsToCallers: true });
    web = await startWebServer({ core: link, staticDir: data.path, sessionGraceMs: graceMs });
  }

  afterEach(async () => {
    await web.close();
    await core.close();
    await data.cleanup();
  });

  async function demoSignedIn() {
    await restartOnDemoFile();
    const first = browser(() => web);
    expect(statusOf(await first.call('app.status'))).toMatchObject({ state: 'sign-in', user: null });
    const signedIn = await first.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
    expect(signedIn.body).toMatchObject({ ok: true, value: { state: 'ready' } });
    return { first, signedIn };
  }

  it('sets an HttpOnly, SameSite=Strict cookie for this port at sign-in, a new one each time', async () => {
    const first = browser(() => web);
    const created = await first.call('setup.createDatabase', { demo: true });
    expect(created.setCookie).toHaveLength(1);
    expect(created.setCookie[0]).toMatch(new RegExp(`^key-desk-session-${web.port}=[\\w-]{32}; Path=/; HttpOnly; SameSite=Strict$`));
    const afterSetUp = first.cookie();
    await first.call('session.signOut');
    const signedIn = await first.call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD });
    expect(signedIn.setCookie[0]).toMatch(/HttpOnly; SameSite=Strict$/);
    expect(first.cookie()).not.toBe(afterSetUp);
    // Calls that start no session set no cookie.
    expect((await first.call('bases.list')).setCookie).toEqual([]);
  });

  it('shows another browser with the address only the sign-in screen, and refuses it everything else', async () => {
    const { first } = await demoSignedIn();
    const second = browser(() => web);

    const seen = await second.call('app.status');
    expect(seen.status).toBe(200);
    expect(statusOf(seen)).toMatchObject({ state: 'sign-in', user: null, provisionName: null, demoAccounts: null, inUseElsewhere: true });
    expect(JSON.stringify(seen.body)).not.toMatch(/Demo Manager|demo\.manager|The Key/);

    for (const [name, input] of [
      ['bases.list', undefined],
      ['pupils.list', {}],
      ['session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD }],
      ['session.unlock', { password: DEMO_PASSWORD }],
      ['session.signOut', undefined],
      ['session.lock', undefined],
    ] as const) {
      expect((await second.call(name, input)).body, name).toEqual({ ok: false, error: { code: 'CONFLICT', message: IN_USE_ELSEWHERE } });
    }
    // A cookie that is not the session's is no better than none.
    const forged = browser(() => web);
    await forged.call('app.status');
    expect((await second.call('bases.list')).body.ok).toBe(false);

    // The browser that signed in carries on, unaffected.
    expect(statusOf(await first.call('app.status'))).toMatchObject({ state: 'ready', user: { username: 'demo.manager' } });
    expect((await first.call('bases.list')).body.ok).toBe(true);

    // Once it signs out, anyone with the address may sign in again.
    await first.call('session.signOut');
    expect(statusOf(await second.call('app.status'))).not.toHaveProperty('inUseElsewhere');
    expect((await second.call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).body.ok).toBe(true);
    expect((await first.call('bases.list')).body).toEqual({ ok: false, error: { code: 'CONFLICT', message: IN_USE_ELSEWHERE } });
  });

  it('needs the token for the event stream, and pushes a nudge (never data) when the core locks', async () => {
    const { first } = await demoSignedIn();
    const refused = await first.events('not-the-token');
    expect(refused.response.statusCode).toBe(401);
    refused.close();

    const stream = await first.events();
    expect(stream.response.statusCode).toBe(200);
    expect(stream.response.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.response.headers['cache-control']).toBe('no-store');
    await first.call('session.lock');
    await until(() => stream.received().includes('data: {"kind":"status-changed"}\n\n'), 'the lock to be pushed');
    expect(stream.received()).not.toMatch(/Demo Manager|locked/);
    stream.close();
  });

  it('ends the session once the page that signed in has been gone for the grace period, not while it is open', async () => {
    await withShortGrace();
    const { first } = await demoSignedIn();
    const page = await first.events();
    await new Promise((done) => setTimeout(done, GRACE_MS * 3));
    expect((await core.status()).state).toBe('ready');

    // A reload: the stream drops and comes back within the grace period.
    page.close();
    await new Promise((done) => setTimeout(done, GRACE_MS / 4));
    const reloaded = await first.events();
    await new Promise((done) => setTimeout(done, GRACE_MS * 2));
    expect((await core.status()).state).toBe('ready');

    // Closed: after the grace period, signed out (saved, sealed), and the log says why.
    const closedAt = Date.now();
    reloaded.close();
    await until(async () => (await core.status()).state === 'sign-in', 'the session to end');
    expect(Date.now() - closedAt).toBeGreaterThanOrEqual(GRACE_MS - 50);
    expect(core.dataFile).toBeNull();
    const second = browser(() => web);
    expect(statusOf(await second.call('app.status'))).toMatchObject({ state: 'sign-in', user: null });
  });

  it('ends a session whose page never opened its event stream, after the grace period', async () => {
    await withShortGrace();
    await demoSignedIn();
    await until(async () => (await core.status()).state === 'sign-in', 'the session to end');
  });

  it('does not count another browser’s open page as the signed-in one’s', async () => {
    await withShortGrace();
    await demoSignedIn();
    const other = await browser(() => web).events();
    await until(async () => (await core.status()).state === 'sign-in', 'the session to end');
    other.close();
  });

  it('records why the session ended', async () => {
    await withShortGrace();
    const { first } = await demoSignedIn();
    const stream = await first.events();
    stream.close();
    await until(async () => (await core.status()).state === 'sign-in', 'the session to end');
    // Sign in again to read the log of the now-sealed file.
    await first.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
    expect(auditRows(core).filter((row) => row.action === 'signed-out').at(-1)).toMatchObject({ detail: 'the browser page was closed' });
  });
});
