import { accessibleDescription, screenshot, useE2e, useSharedDemo } from './support';
import { fact, goTo } from './support/pupils';
import type { StaffMember } from '../../shared/domain/staff';

const e2e = useE2e();
const shared = useSharedDemo(e2e);

test('an administrator is not offered Remove on their own row, only on others', async () => {
  const page = await shared.open({ signInAs: 'demo.admin' });
  await goTo(page, 'Staff');
  const own = page.getByRole('row', { name: /Demo Administrator/ });
  await own.getByRole('button', { name: 'Edit Demo Administrator' }).waitFor();
  expect(await own.getByRole('button', { name: /Remove/ }).count()).toBe(0);
  await page.getByRole('row', { name: /Demo Teacher/ }).getByRole('button', { name: 'Remove Demo Teacher' }).waitFor();
  await screenshot(page, 'staff-no-remove-on-own-row');
});

test('a teacher with no bases is warned about under Bases and asked about before being added', async () => {
  const page = await shared.open({ signInAs: 'demo.admin' });
  await goTo(page, 'Staff');
  await page.getByRole('button', { name: 'Add member of staff' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add member of staff' });
  await dialog.getByRole('textbox', { name: 'Name', exact: true }).fill('Imogen Threlkeld');
  await dialog.getByRole('textbox', { name: 'Username', exact: true }).fill('i.threlkeld');
  await dialog.getByRole('checkbox', { name: 'Teacher' }).check();
  const bases = dialog.getByRole('textbox', { name: 'Bases' }).or(dialog.getByRole('combobox', { name: 'Bases' })).first();
  expect(await accessibleDescription(bases)).toContain('A teacher with no bases sees no pupils. Choose the bases they work at.');
  await dialog.getByLabel('Password', { exact: true }).fill('copper lantern meadow');
  await dialog.getByLabel('Type the password again').fill('copper lantern meadow');
  await dialog.getByRole('button', { name: 'Add member of staff' }).click();

  await dialog.getByText('Imogen Threlkeld will be a teacher with no bases, so they will see no pupils until a base is chosen for them. Add them anyway?').waitFor();
  await screenshot(page, 'staff-teacher-without-bases');
  expect((await fact<StaffMember[]>(page, 'staff.list')).some((s) => s.username === 'i.threlkeld')).toBe(false);
  await dialog.getByRole('button', { name: 'Add without bases' }).click();
  await dialog.waitFor({ state: 'hidden' });
  expect((await fact<StaffMember[]>(page, 'staff.list')).find((s) => s.username === 'i.threlkeld')).toMatchObject({ roles: ['teacher'], baseIds: [] });
});
