import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeRealDataFile } from '../electron/core/files';
import { callApi, startApp, signIn, useE2e, DEMO_PASSWORD, type RunningApp } from './support';

/**
 * Two copies of Key Desk on one shared data folder (two PCs on the school network, or a backup
 * restored while one is open): each shows the file as it is, and neither overwrites the other's saves.
 */
const e2e = useE2e();

interface Base {
  id: string;
  name: string;
}

/** Each server's session cookie, kept as a browser would keep it after signing in. */
const cookies = new Map<string, string>();

/** A call straight to a browser-mode server, as its page would make it (with its session cookie). */
async function api<T>(app: RunningApp, name: string, input?: unknown): Promise<T> {
  const cookie = cookies.get(app.url);
  const response = await fetch(new URL(`/api/${name}`, app.url), {
    method: 'POST',
    headers: { Authorization: `Bearer ${app.token}`, 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    ...(input !== undefined ? { body: JSON.stringify(input) } : {}),
  });
  const set = response.headers.getSetCookie().map((c) => c.split(';')[0]!);
  if (set.length > 0) cookies.set(app.url, set.join('; '));
  const result = (await response.json()) as { ok: boolean; value?: T; error?: { message: string } };
  if (!result.ok) throw new Error(`${name}: ${result.error?.message}`);
  return result.value as T;
}

/**
 * The other PC: opens the same folder, signs in, renames Parkgate, and closes (saving). With
 * `ignoringLock`, it first deletes the lock file of a Key Desk still open (by hand, or an older Key Desk
 * that knew no locks): the check that the file on disk is still ours is what protects the data then.
 */
async function renameParkgateElsewhere(folder: string, name: string, options: { ignoringLock?: boolean } = {}): Promise<void> {
  if (options.ignoringLock) await unlink(join(folder, 'keydesk.lock'));
  const other = await startApp({ folder });
  e2e.cleanup().add(() => other.stop());
  await api(other, 'session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
  const parkgate = (await api<Base[]>(other, 'bases.list')).find((b) => b.name === 'Parkgate');
  if (!parkgate) throw new Error('no Parkgate');
  await api(other, 'bases.update', { id: parkgate.id, name });
  await other.stop();
}

/** A demo data file made in this process (quicker to sign in to than --demo's), opened in browser mode at the sign-in screen. */
async function openAtSignIn(folder: string) {
  await writeRealDataFile(folder);
  const app = await startApp({ folder });
  e2e.cleanup().add(() => app.stop());
  const page = await e2e.browser().open(app.url);
  e2e.cleanup().add(() => page.close());
  await page.getByRole('heading', { name: 'Sign in to Key Desk' }).waitFor();
  return { app, page };
}

// Three starts of browser mode each: slow on a loaded machine.
test('signing in shows what another PC saved to the shared folder after this one opened it', { timeout: 150_000 }, async () => {
  const folder = await e2e.cleanup().folder('shared');
  const { page } = await openAtSignIn(folder);

  await renameParkgateElsewhere(folder, 'Parkgate Annexe');

  await signIn(page, 'demo.manager');
  await page.getByRole('region', { name: 'Parkgate Annexe' }).waitFor();
  expect(await page.getByRole('region', { name: 'Parkgate', exact: true }).count()).toBe(0);
});

test('a change the other PC saved while this one is signed in is not overwritten, and the page says why saving stopped', { timeout: 150_000 }, async () => {
  const folder = await e2e.cleanup().folder('shared');
  const { app, page } = await openAtSignIn(folder);
  await signIn(page, 'demo.manager');

  await renameParkgateElsewhere(folder, 'Parkgate Annexe', { ignoringLock: true });

  // This PC changes something too: its save must not put back the file as it was before.
  // Made from the signed-in page, whose browser holds the session.
  const listed = await callApi(page, 'bases.list');
  const frederickBird = (listed.value as Base[]).find((b) => b.name === 'Frederick Bird');
  expect(await callApi(page, 'bases.update', { id: frederickBird?.id, name: 'Frederick Bird Key' })).toMatchObject({ ok: true });
  await page.reload();
  await page
    .getByRole('alert')
    .filter({ hasText: 'The data file was changed by another copy of Key Desk or a restored backup since you opened it.' })
    .waitFor({ timeout: 45_000 });
  await app.stop();

  const next = await startApp({ folder });
  e2e.cleanup().add(() => next.stop());
  await api(next, 'session.signIn', { username: 'demo.manager', password: DEMO_PASSWORD });
  const names = (await api<Base[]>(next, 'bases.list')).map((b) => b.name).sort();
  expect(names).toEqual(['Frederick Bird', 'Parkgate Annexe']);
});
