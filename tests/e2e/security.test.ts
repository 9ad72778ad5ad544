import type { Page } from 'playwright-core';
import {
  accessibleDescription,
  callApi,
  DEMO_PASSWORD,
  fromUserMenu,
  GOOD_PASSWORD,
  keepRecoveryKey,
  openKeyDesk,
  screenshot,
  signIn,
  submitSetUpForm,
  switchUser,
  useE2e,
  useSharedDemo,
} from './support';
import { accessibilityProblems } from './support/a11y';
import { readEveryFile, waitForQuietFolder } from './support/files';

const e2e = useE2e();
// One demo server for the tests below that use demo accounts. Each test starts signed out; only the
// change-password test changes anything lasting, and it uses demo.admin, whom no other test needs.
const demo = useSharedDemo(e2e);

const WRONG_SIGN_IN = 'The username or password is not right.';
const WRONG_PASSWORD = 'That password is not right.';
const ACCOUNT = { name: 'Priya Raman', username: 'priya.r', password: GOOD_PASSWORD };

/** Browser mode on an empty folder, set up through the welcome screen with ACCOUNT, at the recovery key. */
async function setUpRealProvision(provisionName: string) {
  const folder = await e2e.cleanup().folder('real');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder });
  await submitSetUpForm(page, { provisionName, ...ACCOUNT });
  return page;
}

/** Types a username and password on the sign-in screen and expects them refused. */
async function expectSignInRefused(page: Page, username: string, password: string) {
  await page.getByRole('textbox', { name: 'Username' }).fill(username);
  const field = page.getByRole('textbox', { name: 'Password' });
  await field.fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(WRONG_SIGN_IN).waitFor();
  // The message is tied to the Password field, for screen readers too.
  expect(await accessibleDescription(field)).toContain(WRONG_SIGN_IN);
  expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
}

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((text) => text.trim());

test('first run with an account shows a recovery key, then the app; after Switch user only the right password signs in', async () => {
  const page = await setUpRealProvision('The Key, Eastside');
  await screenshot(page, 'security-recovery-key');
  await keepRecoveryKey(page);
  const banner = page.getByRole('banner');
  await banner.getByText('The Key, Eastside', { exact: true }).waitFor();
  // The first account is a manager and an administrator: every area.
  expect(await navLinks(page)).toEqual([
    'Today',
    'Registers',
    'My actions',
    'Pupils',
    'Places',
    'Referrals',
    'Plans',
    'Reports',
    'Schools',
    'Professionals',
    'School calendar',
    'Staff',
    'Audit trail',
    'Settings',
    'Data and backups',
  ]);

  await switchUser(page, ACCOUNT.name);
  // A real provision lists no accounts, and shows nothing of the data before sign-in.
  expect(await page.getByText(/demo/i).count()).toBe(0);
  expect(await page.getByText('The Key, Eastside').count()).toBe(0);

  await expectSignInRefused(page, ACCOUNT.username, 'not the password at all');
  await screenshot(page, 'security-sign-in-refused');
  await signIn(page, ACCOUNT.username, ACCOUNT.password);
  await banner.getByRole('button', { name: ACCOUNT.name }).waitFor();
  await banner.getByText('The Key, Eastside', { exact: true }).waitFor();
});

test('the recovery key shown at set-up gives a forgotten account a new password and signs in', async () => {
  const page = await setUpRealProvision('The Key, Westside');
  const recoveryKey = await keepRecoveryKey(page);
  await switchUser(page, ACCOUNT.name);

  await page.getByRole('button', { name: 'Forgotten your password? Use the recovery key' }).click();
  const keyField = page.getByRole('textbox', { name: 'Recovery key' });
  const newPassword = 'quiet harbour lamp 58';
  await page.getByRole('textbox', { name: 'Username to give a new password' }).fill(ACCOUNT.username);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
  await page.getByRole('textbox', { name: 'New password again', exact: true }).fill(newPassword);

  // A well-formed key that is not this provision's opens nothing.
  await keyField.fill('0000-0000-0000-0000-0000-0000-0000-0000');
  await page.getByRole('button', { name: 'Open with the recovery key' }).click();
  const notThisKey = 'That recovery key does not open this data file.';
  await page.getByText(notThisKey).waitFor();
  expect(await accessibleDescription(keyField)).toContain(notThisKey);
  await screenshot(page, 'security-recovery-refused');

  await keyField.fill(recoveryKey);
  await page.getByRole('button', { name: 'Open with the recovery key' }).click();
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: ACCOUNT.name }).waitFor();

  // From now on the new password is the one that signs in.
  await switchUser(page, ACCOUNT.name);
  await expectSignInRefused(page, ACCOUNT.username, ACCOUNT.password);
  await signIn(page, ACCOUNT.username, newPassword);
});

test('nothing in the data folder can be read without a password: no names, no plain SQLite file', async () => {
  const page = await demo.open();
  // What the page shows once signed in, and so what the file must hide.
  const banner = page.getByRole('banner');
  await banner.getByText('The Key (demo data)', { exact: true }).waitFor();
  await banner.getByRole('button', { name: 'Demo Manager' }).waitFor();
  await page.getByRole('region', { name: 'Frederick Bird' }).waitFor();
  const secrets = ['The Key (demo data)', 'Parkgate', 'Frederick Bird', 'Demo Manager', 'Demo Teacher', 'demo.manager', 'demo.teacher'];

  const folder = demo.app().folder;
  // Signing in saved (its audit entry): let that save finish. Should another start meanwhile, its
  // temporary file may be renamed away between listing and reading; every file that is read is checked.
  await waitForQuietFolder(folder);
  const { files, vanished } = await readEveryFile(folder);
  expect(files.map((file) => file.name), `the files read (gone before they could be read: ${vanished.join(', ') || 'none'})`).toContain('keydesk.db');
  for (const { name, bytes } of files) {
    expect(bytes.subarray(0, 16).toString('latin1'), name).not.toBe('SQLite format 3\0');
    for (const secret of secrets) {
      for (const encoding of ['utf8', 'utf16le'] as const) {
        expect(bytes.includes(Buffer.from(secret, encoding)), `${secret} (${encoding}) in ${name}`).toBe(false);
      }
    }
  }
});

test("a teacher sees only a teacher's areas, and the core refuses a manager's call made straight to the API", async () => {
  const page = await demo.open({ signInAs: null });
  // Clicking a demo account fills the form.
  await page.getByRole('button', { name: 'demo.teacher' }).click();
  expect(await page.getByRole('textbox', { name: 'Username' }).inputValue()).toBe('demo.teacher');
  expect(await page.getByRole('textbox', { name: 'Password' }).inputValue()).toBe(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  await page.getByRole('banner').getByRole('button', { name: 'Demo Teacher' }).waitFor();
  // Places shows only the teacher's own bases; referrals, schools and the calendar are for managers.
  expect(await navLinks(page)).toEqual(['Today', 'Registers', 'My actions', 'Pupils', 'Places', 'Plans', 'Professionals']);
  await screenshot(page, 'security-teacher-today');

  // A manager's address typed in shows Today instead.
  for (const area of ['settings', 'staff', 'audit', 'reports']) {
    await page.goto(new URL(`#/${area}`, page.url()).href);
    await expect.poll(() => new URL(page.url()).hash).toBe('#/');
    await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  }

  // Bypassing the UI: the core itself refuses, whatever the page shows.
  const listed = await callApi(page, 'bases.list');
  expect(listed.ok).toBe(true);
  const parkgate = (listed.value as Array<{ id: string; name: string; places: number }>).find((base) => base.name === 'Parkgate');
  expect(parkgate?.places).toBe(24);
  const update = await callApi(page, 'bases.update', { id: parkgate!.id, places: 30 });
  expect(update).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await callApi(page, 'staff.list')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  expect(await callApi(page, 'settings.update', { autoLockMinutes: 60 })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  // Signed out, nothing can be read at all.
  await switchUser(page, 'Demo Teacher');
  expect(await callApi(page, 'bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });

  // Nothing changed: the manager still sees 24 places at Parkgate.
  await signIn(page, 'demo.manager');
  const occupancy = await page.getByRole('region', { name: 'Parkgate' }).getByText(/^\d+ of \d+ places? filled$/).textContent();
  expect(occupancy).toMatch(/^\d+ of 24 places filled$/);
});

test('Lock, from the user menu or with Ctrl+L, hides the app until the same password is given; Switch user leaves it', async () => {
  const page = await demo.open();
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const settings = page.getByRole('heading', { name: 'Settings', level: 2 });
  await settings.waitFor();

  await fromUserMenu(page, 'Demo Manager', 'Lock');
  const locked = page.getByRole('heading', { name: 'Key Desk is locked' });
  await locked.waitFor();
  expect(await page.getByRole('navigation').count()).toBe(0);
  expect(await settings.count()).toBe(0);
  expect(await callApi(page, 'bases.list')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

  const password = page.getByRole('textbox', { name: 'Password' });
  await password.fill('not my password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByText(WRONG_PASSWORD).waitFor();
  expect(await accessibleDescription(password)).toContain(WRONG_PASSWORD);
  expect(await locked.count()).toBe(1);

  await password.fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  // Back where they were.
  await settings.waitFor();
  expect(new URL(page.url()).hash).toBe('#/settings');

  await page.keyboard.press('Control+l');
  await locked.waitFor();
  await page.getByRole('button', { name: 'Switch user' }).click();
  await page.getByRole('heading', { name: 'Sign in to Key Desk' }).waitFor();
  expect(await callApi(page, 'bases.list')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
});

test('a changed password replaces the old one at the next sign-in', async () => {
  const page = await demo.open({ signInAs: 'demo.admin' });
  await fromUserMenu(page, 'Demo Administrator', 'Change password');
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  const current = dialog.getByRole('textbox', { name: 'Current password' });
  const newPassword = 'copper meadow sketch 31';
  await current.fill('not my password');
  await dialog.getByRole('textbox', { name: 'New password', exact: true }).fill(newPassword);
  await dialog.getByRole('textbox', { name: 'New password again', exact: true }).fill(newPassword);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  const notCurrent = 'Your current password is not right.';
  await dialog.getByText(notCurrent).waitFor();
  expect(await accessibleDescription(current)).toContain(notCurrent);

  await current.fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Change password' }).click();
  await page.getByRole('alert').filter({ hasText: 'Password changed' }).waitFor();
  await dialog.waitFor({ state: 'hidden' });

  await switchUser(page, 'Demo Administrator');
  await expectSignInRefused(page, 'demo.admin', DEMO_PASSWORD);
  await signIn(page, 'demo.admin', newPassword);
  await page.getByRole('banner').getByRole('button', { name: 'Demo Administrator' }).waitFor();
});

test('the sign-in screen with demo accounts, the recovery form, the password dialog and the lock screen pass axe', async () => {
  const page = await demo.open({ signInAs: null });
  await page.getByRole('button', { name: 'demo.manager' }).waitFor();
  await screenshot(page, 'security-sign-in');
  expect(await accessibilityProblems(page)).toEqual([]);

  await page.getByRole('button', { name: 'Forgotten your password? Use the recovery key' }).click();
  await page.getByRole('textbox', { name: 'Recovery key' }).waitFor();
  await screenshot(page, 'security-recovery-form');
  expect(await accessibilityProblems(page)).toEqual([]);
  await page.getByRole('button', { name: 'Back to sign in' }).click();

  await signIn(page, 'demo.manager');
  await fromUserMenu(page, 'Demo Manager', 'Change password');
  const dialog = page.getByRole('dialog', { name: 'Change your password' });
  await dialog.getByRole('textbox', { name: 'Current password' }).waitFor();
  await screenshot(page, 'security-change-password');
  expect(await accessibilityProblems(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'hidden' });

  await page.keyboard.press('Control+l');
  await page.getByRole('heading', { name: 'Key Desk is locked' }).waitFor();
  await page.getByRole('textbox', { name: 'Password' }).fill('not my password');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await page.getByText(WRONG_PASSWORD).waitFor();
  await screenshot(page, 'security-locked');
  expect(await accessibilityProblems(page)).toEqual([]);
});
