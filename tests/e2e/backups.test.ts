import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { DEMO_PASSWORD, openKeyDesk, startApp, useE2e } from './support';
import { accessibilityProblems } from './support/a11y';

const e2e = useE2e();

// Two starts of browser mode, demo data, a backup and a restore: slow on a loaded machine.
test('Data and backups: back up to a USB stick, a second Key Desk is read-only, restore with a password; every step passes axe', { timeout: 240_000 }, async () => {
  const folder = await e2e.cleanup().folder('backups-data');
  const usb = await e2e.cleanup().folder('backups-usb');
  // A demo made here, not a copy: what the first start and the first sign-in leave in the folder is checked.
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true, freshDemo: true });

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Data and backups' }).click();
  await page.getByRole('heading', { name: 'Data and backups', level: 2 }).waitFor();
  // Signing in on a new day made the daily backup.
  const automatic = page.getByRole('table', { name: 'Backups' });
  await automatic.getByRole('cell', { name: 'daily', exact: true }).waitFor();
  expect(await readdir(join(folder, 'backups'))).toHaveLength(1);
  expect(await accessibilityProblems(page)).toEqual([]);

  // Back up now, to a folder typed in (browser mode has no folder picker).
  await page.getByRole('textbox', { name: 'Folder to back up to' }).fill(usb);
  await page.getByRole('button', { name: 'Back up now' }).click();
  await page.getByRole('status').filter({ hasText: 'Backed up and checked' }).waitFor();
  const [onStick, ...more] = await readdir(usb);
  expect(more).toEqual([]);
  expect(onStick).toMatch(/^keydesk-.*-manual\.kdbackup$/);

  // A second Key Desk on the same folder is told who has it open, and may only look.
  const second = await startApp({ folder });
  e2e.cleanup().add(() => second.stop());
  const other = await e2e.browser().open(second.url);
  e2e.cleanup().add(() => other.close());
  const held = other.getByRole('status').filter({ hasText: 'Key Desk is open somewhere else' });
  await held.getByText(/^Key Desk is open (in another window on this PC|on \S+) since \d\d:\d\d/).waitFor();
  expect(await accessibilityProblems(other)).toEqual([]);
  await other.getByRole('textbox', { name: 'Username' }).fill('demo.manager');
  await other.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await other.getByRole('button', { name: 'Sign in read-only' }).click();
  await other.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  await other.getByRole('banner').getByText('Read-only', { exact: true }).waitFor();
  await other.getByText('Read-only: nothing can be changed here').waitFor();
  expect(await accessibilityProblems(other)).toEqual([]);
  await second.stop();

  // Restore the backup on the stick: it is opened with a password and shown before anything changes.
  await page.getByRole('textbox', { name: 'Show backups in another folder' }).fill(usb);
  await page.getByRole('button', { name: 'Show backups' }).click();
  const stick = page.getByRole('table', { name: 'Backups' });
  await stick.getByRole('cell', { name: 'backed up by hand' }).waitFor();
  await stick.getByRole('button', { name: /^Restore the backup made \d\d\/\d\d\/\d{4} \d\d:\d\d$/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Restore a backup' });
  await dialog.getByLabel('Your password').fill('not-my-password');
  await dialog.getByRole('button', { name: 'Open backup' }).click();
  await dialog.getByText('That password does not open this backup.', { exact: false }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await dialog.getByLabel('Your password').fill(DEMO_PASSWORD);
  await dialog.getByRole('button', { name: 'Open backup' }).click();
  const summary = dialog.getByRole('table', { name: 'What the backup holds' });
  await summary.getByRole('row', { name: /^Pupils \d+$/ }).waitFor();
  await dialog.getByText(/Restoring replaces all the data in Key Desk with this backup/).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);

  await dialog.getByRole('button', { name: 'Restore this backup' }).click();
  await page.getByRole('heading', { name: 'Sign in to Key Desk' }).waitFor();
  const kept = await readdir(join(folder, 'backups'));
  expect(kept.filter((name) => name.endsWith('-before-restore.kdbackup'))).toHaveLength(1);
});
