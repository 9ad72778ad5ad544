import { pdfText } from '../helpers/pdf-text';
import { downloadedBytes, openKeyDesk, screenshot, useE2e } from './support';

const e2e = useE2e();

test('the fire list opens from Today in a preview, and saves as a PDF under its default name', async () => {
  const folder = await e2e.cleanup().folder('fire-list');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true, signInAs: 'demo.teacher' });
  const blocked: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to (frame|load)/i.test(message.text())) blocked.push(message.text());
  });

  const card = page.getByRole('region', { name: 'Parkgate' });
  await card.getByRole('button', { name: 'Fire list for Parkgate' }).click();
  const dialog = page.getByRole('dialog', { name: 'Fire list: Parkgate' });
  const frame = dialog.locator('iframe[title="Fire list: Parkgate: preview"]');
  await frame.waitFor();
  expect(await frame.getAttribute('src')).toMatch(/^blob:/);
  await dialog.getByText(/^Fire list - Parkgate - \d{4}-\d\d-\d\d \d{4}\.pdf$/).waitFor();
  await screenshot(page, 'fire-list-preview');

  const download = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^Fire list - Parkgate - \d{4}-\d\d-\d\d \d{4}\.pdf$/);
  const text = await pdfText(new Uint8Array(await downloadedBytes(file)));
  expect(text).toContain('OFFICIAL-SENSITIVE');
  expect(text).toContain('Fire list: Parkgate');
  expect(text).toContain('Demo Teacher');
  expect(blocked).toEqual([]);
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
});

test('the Reports page offers a fire list per base and says which reports come next', async () => {
  const folder = await e2e.cleanup().folder('reports-page');
  const { page } = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true });
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('heading', { name: 'Reports', level: 2 }).waitFor();
  await page.getByRole('button', { name: 'Fire list for Parkgate' }).waitFor();
  await page.getByRole('button', { name: 'Fire list for Frederick Bird' }).waitFor();
  await page.getByRole('heading', { name: 'Reintegration reports', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Impact report', exact: true }).waitFor();
  await page.getByRole('heading', { name: 'Pupil passports', exact: true }).waitFor();
  await screenshot(page, 'reports-page');
});
