import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Result } from '../../../shared/api/result';
import type { AppStatus } from '../../../shared/api/status';
import type { Base } from '../../../shared/domain/bases';
import { DEMO_ACCOUNTS } from '../../../electron/core/demo/generate';
import { DEMO_PASSWORD, startCore, tempFolder } from '../../helpers/core';
import { writeRealDataFile } from '../core/files';
import { BUILD_DIR, ensureBuilt, ROOT } from '../build';

/** Built exactly as `npm run build` builds out/main/web.js, into the tests' own folder. */
const WEB_JS = join(BUILD_DIR, 'main/web.js');
const RUNNING = /^Key Desk is running at (http:\/\/127\.0\.0\.1:(\d+)\/\?token=([\w-]+))$/;

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const children: ChildProcess[] = [];
/** A demo data file made once: its snapshot and the change journal the snapshot names. */
let demoFile: { snapshot: Buffer; journal: Buffer } | undefined;

function run(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, [WEB_JS, ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { child, stdout: () => stdout, stderr: () => stderr, exited };
}

/** Waits for the one line the server prints once it is listening. */
async function started(r: Run) {
  // Generous: generating demo data takes a while on a loaded machine.
  const deadline = Date.now() + 60_000;
  while (!r.stdout().includes('\n')) {
    if (r.child.exitCode !== null) throw new Error(`web.js exited early (${r.child.exitCode}): ${r.stderr()}`);
    if (Date.now() > deadline) throw new Error(`web.js printed nothing: ${r.stderr()}`);
    await new Promise((done) => setTimeout(done, 25));
  }
  const match = RUNNING.exec(r.stdout().split('\n')[0]!);
  if (!match) throw new Error(`Unexpected output: ${JSON.stringify(r.stdout())}`);
  const [, url, port, token] = match as unknown as [string, string, string, string];
  // Like one browser: the session cookie set at sign-in goes with every later call.
  let cookie = '';
  const call = async (name: string, input?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${port}/api/${name}`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
      ...(input !== undefined ? { body: JSON.stringify(input) } : {}),
    });
    const set = response.headers.getSetCookie()[0];
    if (set) cookie = set.split(';')[0]!;
    return (await response.json()) as Result<unknown>;
  };
  return { url, port: Number(port), token, call };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('npm run web (out/main/web.js)', { timeout: 120_000 }, () => {
  let data: Awaited<ReturnType<typeof tempFolder>>;

  beforeAll(ensureBuilt, 120_000);

  beforeEach(async () => {
    data = await tempFolder('keydesk-web-');
  });

  afterEach(async () => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    await data.cleanup();
    await rm(`${data.path}-away`, { recursive: true, force: true });
  });

  /**
   * A demo data file in the data folder, made here once and copied (cheap to sign in to), rather than
   * by --demo, to keep the tests that only need some demo data quick.
   */
  async function copyDemoFile(): Promise<void> {
    if (!demoFile) {
      const path = await writeRealDataFile(data.path);
      demoFile = { snapshot: await readFile(path), journal: await readFile(`${path}.journal`) };
    }
    await writeFile(join(data.path, 'keydesk.db'), demoFile.snapshot);
    await writeFile(join(data.path, 'keydesk.db.journal'), demoFile.journal);
  }

  /** Signed in as the demo manager with Parkgate renamed, while the data folder is gone (a drive unplugged), so the change cannot be saved. */
  async function changeWhileFolderIsGone(args: string[], name: string): Promise<{ r: Run; base: Base }> {
    await copyDemoFile();
    const r = run(['--data', data.path, ...args]);
    const web = await started(r);
    expect(await web.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: true, value: { state: 'ready' } });
    const bases = (await web.call('bases.list')) as Result<Base[]>;
    if (!bases.ok) throw new Error('no bases');
    const base = bases.value.find((b) => b.name === 'Parkgate')!;
    await rename(data.path, `${data.path}-away`);
    expect(await web.call('bases.update', { id: base.id, name })).toMatchObject({ ok: true });
    return { r, base };
  }

  async function nameOnDisk(baseId: string): Promise<string | undefined> {
    const reopened = await startCore({ folder: data.path });
    try {
      await reopened.signIn('demo.manager');
      const after = await reopened.call('bases.list');
      return after.ok ? after.value.find((b) => b.id === baseId)?.name : undefined;
    } finally {
      await reopened.core.close();
    }
  }

  async function waitFor(text: () => string, wanted: string | RegExp, timeoutMs = 20_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(typeof wanted === 'string' ? text().includes(wanted) : wanted.test(text()))) {
      if (Date.now() > deadline) throw new Error(`Never saw ${String(wanted)} in: ${text()}`);
      await new Promise((done) => setTimeout(done, 25));
    }
  }

  const KEEPS_TRYING = 'Key Desk cannot save yet, so it has not stopped: it will keep trying for up to';

  it('on SIGTERM while saving fails, keeps trying and saves the change once the data folder is back', async () => {
    const { r, base } = await changeWhileFolderIsGone(['--stop-wait', '120'], 'Kept While The Drive Was Away');
    r.child.kill('SIGTERM');
    await waitFor(r.stderr, KEEPS_TRYING);
    expect(r.child.exitCode).toBeNull();

    await rename(`${data.path}-away`, data.path);
    expect(await r.exited).toEqual({ code: 0, signal: null });
    expect(r.stderr()).toContain('Key Desk: saved. Stopping now.');
    expect(await nameOnDisk(base.id)).toBe('Kept While The Drive Was Away');
  });

  it('when it still cannot save at the end of --stop-wait, says on stderr which changes were not saved and exits 1', async () => {
    const { r, base } = await changeWhileFolderIsGone(['--stop-wait', '2'], 'Never Saved');
    r.child.kill('SIGTERM');
    expect(await r.exited).toEqual({ code: 1, signal: null });
    expect(r.stderr()).toContain(KEEPS_TRYING);
    expect(r.stderr()).toMatch(
      /^Key Desk stopped without saving\. The changes made since \d{2}:\d{2}:\d{2} on \d{2}\/\d{2}\/\d{4} were not saved: the data file in .+ holds only what was saved before then\./m,
    );
    // What it said is true: the file holds the name from before.
    await rename(`${data.path}-away`, data.path);
    expect(await nameOnDisk(base.id)).toBe('Parkgate');
  });

  it('stops at once, saying what was not saved, on a second Ctrl+C while it is still trying', async () => {
    const { r } = await changeWhileFolderIsGone(['--stop-wait', '600'], 'Interrupted');
    r.child.kill('SIGINT');
    await waitFor(r.stderr, KEEPS_TRYING);
    r.child.kill('SIGINT');
    expect(await r.exited).toEqual({ code: 1, signal: null });
    expect(r.stderr()).toMatch(/^Key Desk stopped without saving\. The changes made since .* were not saved/m);
  });

  it('prints exactly one line, the address with its token, and serves the demo data there behind the sign-in screen', async () => {
    const r = run(['--data', data.path, '--demo']);
    const web = await started(r);

    const page = await fetch(web.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>Key Desk</title>');

    // Left at the sign-in screen, which shows the demo accounts; nothing inside is served before signing in.
    expect(await web.call('app.status')).toMatchObject({
      ok: true,
      value: { state: 'sign-in', isDemo: true, dataFolder: data.path, user: null, demoAccounts: DEMO_ACCOUNTS },
    });
    expect(await web.call('bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await web.call('session.signIn', { username: 'demo.teacher', password: DEMO_PASSWORD })).toMatchObject({
      ok: true,
      value: { state: 'ready', user: { username: 'demo.teacher', roles: ['teacher'] } },
    });
    expect(await web.call('bases.list')).toMatchObject({ ok: true });
    const unauthorised = await fetch(`http://127.0.0.1:${web.port}/api/app.status`, { method: 'POST' });
    expect(unauthorised.status).toBe(401);

    r.child.kill('SIGTERM');
    expect(await r.exited).toEqual({ code: 0, signal: null });
    expect(r.stdout()).toMatch(/^Key Desk is running at http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]+\n$/);
  });

  it('starts in set-up, without demo data, when --demo is left out', async () => {
    const r = run(['--data', data.path]);
    const web = await started(r);
    expect(await web.call('app.status')).toMatchObject({ ok: true, value: { state: 'setup', isDemo: false, canChooseFolder: false } });
  });

  it('listens on the port it is given', async () => {
    const port = await freePort();
    const web = await started(run(['--data', data.path, '--port', String(port)]));
    expect(web.port).toBe(port);
    expect(web.url).toBe(`http://127.0.0.1:${port}/?token=${web.token}`);
  });

  it('saves pending changes and exits cleanly on SIGTERM', async () => {
    await copyDemoFile();
    const r = run(['--data', data.path]);
    const web = await started(r);
    expect(await web.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: true, value: { state: 'ready' } });
    const bases = (await web.call('bases.list')) as Result<Base[]>;
    if (!bases.ok) throw new Error('no bases');
    const base = bases.value[0]!;
    expect(await web.call('bases.update', { id: base.id, name: 'Saved On Stop' })).toMatchObject({ ok: true });

    // Straight away: the save is still waiting out its debounce.
    r.child.kill('SIGTERM');
    expect(await r.exited).toEqual({ code: 0, signal: null });

    const reopened = await startCore({ folder: data.path });
    try {
      await reopened.signIn('demo.manager');
      const after = await reopened.call('bases.list');
      expect(after.ok && after.value.find((b) => b.id === base.id)?.name).toBe('Saved On Stop');
    } finally {
      await reopened.core.close();
    }
  });

  it('says why a data file was refused, still starts, and leaves the file as it was', async () => {
    const file = join(data.path, 'keydesk.db');
    await writeFile(file, 'this is not a database');
    const r = run(['--data', data.path, '--demo']);
    const web = await started(r);
    expect(r.stderr()).toMatch(/^Key Desk: /m);
    expect(((await web.call('app.status')) as Result<AppStatus>)).toMatchObject({ ok: true, value: { state: 'failed' } });
    r.child.kill('SIGTERM');
    expect((await r.exited).code).toBe(0);
    expect(await readFile(file, 'utf8')).toBe('this is not a database');
  });

  it.each([['abc'], ['0'], ['65536'], ['80.5'], ['=-1'], ['']])('refuses --port %j with exit code 2', async (port) => {
    const r = run(['--data', data.path, ...(port.startsWith('=') ? [`--port${port}`] : ['--port', port])]);
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toContain('--port must be a whole number from 1 to 65535');
    expect(r.stderr()).toContain('Usage: npm run web -- --data <folder>');
    expect(r.stdout()).toBe('');
  });

  it.each([['--session-grace-seconds', 'soon'], ['--session-grace-seconds', '0'], ['--auto-lock-seconds', '0.5'], ['--auto-lock-seconds', '90000']])(
    'refuses %s %j with exit code 2, naming the option',
    async (option, value) => {
      const r = run(['--data', data.path, option, value]);
      expect(await r.exited).toEqual({ code: 2, signal: null });
      expect(r.stderr()).toContain(`${option} must be a number of seconds from 1 to 86400, not "${value}".`);
      expect(r.stdout()).toBe('');
    },
  );

  it('refuses --port with no number after it, with exit code 2', async () => {
    for (const args of [['--port'], ['--port', '-1']]) {
      const r = run(['--data', data.path, ...args]);
      expect(await r.exited).toEqual({ code: 2, signal: null });
      expect(r.stderr()).toContain("Option '--port");
      expect(r.stdout()).toBe('');
    }
  });

  it('runs at the date --today gives (or KEYDESK_TODAY), says so, and makes the demo for that day', async () => {
    const r = run(['--data', data.path, '--demo', '--today', '2026-10-26'], { KEYDESK_TODAY: '2027-01-04' });
    const web = await started(r);
    expect(r.stderr()).toContain('Key Desk runs as if it were 26/10/2026 09:00 (--today), not by this PC');
    expect(await web.call('app.status')).toMatchObject({ ok: true, value: { state: 'sign-in', today: '2026-10-26' } });
    expect(await web.call('session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD })).toMatchObject({ ok: true });
    // The sign-in is recorded at the app's time, which runs on from 09:00.
    const audit = (await web.call('audit.list', {})) as Result<{ entries: Array<{ at: string }> }>;
    const at = audit.ok ? new Date(audit.value.entries[0]!.at) : null;
    expect(at && [at.getFullYear(), at.getMonth() + 1, at.getDate(), at.getHours()]).toEqual([2026, 10, 26, 9]);

    const other = await tempFolder('keydesk-web-');
    try {
      const withVariable = run(['--data', other.path], { KEYDESK_TODAY: '2027-01-04' });
      const fromEnvironment = await started(withVariable);
      expect(await fromEnvironment.call('app.status')).toMatchObject({ ok: true, value: { state: 'setup', today: '2027-01-04' } });
      withVariable.child.kill('SIGTERM');
      await withVariable.exited;
    } finally {
      await other.cleanup();
    }
  });

  it.each([
    [['--today', '31/02/2026'], '--today must be a date as yyyy-mm-dd, or a date and time such as 2026-11-18T13:45; "31/02/2026" is neither.'],
    [['--today', '2026-02-31'], '--today must be a date as yyyy-mm-dd, or a date and time such as 2026-11-18T13:45; "2026-02-31" is not a date that exists'],
  ])('refuses %j with exit code 2, naming the option', async (args, message) => {
    const r = run(['--data', data.path, ...args]);
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toContain(message);
    expect(r.stdout()).toBe('');
  });

  it('refuses a KEYDESK_TODAY that is not a date, naming the variable', async () => {
    const r = run(['--data', data.path], { KEYDESK_TODAY: 'next monday' });
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toContain('KEYDESK_TODAY must be a date as yyyy-mm-dd');
  });

  it.each([['abc'], ['-1'], ['1.5'], ['3601']])('refuses --stop-wait %j with exit code 2', async (seconds) => {
    const r = run(['--data', data.path, `--stop-wait=${seconds}`]);
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toContain('--stop-wait must be a whole number of seconds from 0 to 3600');
    expect(r.stdout()).toBe('');
  });

  it('refuses to start without --data, with exit code 2', async () => {
    const r = run(['--demo']);
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toContain('Say where the data lives with --data <folder>.');
    expect(r.stdout()).toBe('');
  });

  it('refuses an option it does not know, with exit code 2', async () => {
    const r = run(['--data', data.path, '--dmeo']);
    expect(await r.exited).toEqual({ code: 2, signal: null });
    expect(r.stderr()).toContain('--dmeo');
    expect(r.stdout()).toBe('');
  });

  it('says so, with exit code 2, when the port is taken', async () => {
    const first = await started(run(['--data', data.path]));
    const second = run(['--data', data.path, '--port', String(first.port)]);
    expect(await second.exited).toEqual({ code: 2, signal: null });
    expect(second.stderr()).toContain('That port is already in use.');
    expect(second.stdout()).toBe('');
  });
});
