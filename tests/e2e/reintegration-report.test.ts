import type { PlanListRow } from '../../shared/api/specs/plans';
import { pdfText } from '../helpers/pdf-text';
import { accessibilityProblems } from './support/a11y';
import { downloadedBytes, screenshot, useE2e, useSharedDemo } from './support';
import { fact, openPupil, todayIso } from './support/pupils';

const e2e = useE2e();
const shared = useSharedDemo(e2e);

test('a manager writes the recommendations on the Placement tab, previews the reintegration report and saves it under its default name', async () => {
  const page = await shared.open();
  // A demo pupil placed now, with a My Support Plan.
  const plans = await fact<PlanListRow[]>(page, 'plans.list');
  const row = plans.find((p) => p.startDate <= todayIso() && (p.endDate ?? '9999') >= todayIso())!;
  await openPupil(page, row.pupilName, 'Placement and timetable');

  await page.getByRole('button', { name: 'Reintegration report' }).first().click();
  const panel = page.getByRole('dialog', { name: `Reintegration report for ${row.pupilName}` });
  const recommendations = panel.getByRole('textbox', { name: 'Recommendations for the school' });
  await recommendations.fill('Keep a five-minute check-in with a trusted adult each morning.');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await page.getByText(`The report text for ${row.pupilName} is saved.`).waitFor();
  await page.mouse.move(0, 0);
  await page.getByText(`The report text for ${row.pupilName} is saved.`).waitFor({ state: 'hidden' });
  await screenshot(page, 'reintegration-panel');
  expect(await accessibilityProblems(page)).toEqual([]);

  await panel.getByRole('button', { name: 'Preview' }).click();
  const preview = page.getByRole('dialog', { name: `Reintegration report: ${row.pupilName}` });
  await preview.locator('iframe').waitFor();
  const fileName = /^.+ - Reintegration report - \d{4}-\d\d-\d\d\.pdf$/;
  await preview.getByText(fileName).waitFor();
  const download = page.waitForEvent('download');
  await preview.getByRole('button', { name: 'Save' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(fileName);
  const text = (await pdfText(new Uint8Array(await downloadedBytes(file)))).replace(/\s+/g, ' ');
  expect(text).toContain('OFFICIAL-SENSITIVE');
  expect(text).toContain('Recommendations for the school');
  expect(text).toContain('Keep a five-minute check-in with a trusted adult each morning.');
  expect(text).toMatch(/Page 1 of \d+/);
  await preview.getByRole('button', { name: 'Close' }).first().click();
  await preview.waitFor({ state: 'hidden' });

  // Issued: kept exactly as it is now, as version 1, and reprinted from what was kept.
  await panel.getByRole('button', { name: 'Issue…' }).click();
  await panel.getByRole('button', { name: 'Issue version 1' }).click();
  const issued = page.getByRole('dialog', { name: `Reintegration report for ${row.pupilName}, version 1 as issued` });
  await issued.locator('iframe').waitFor();
  await issued.getByRole('button', { name: 'Close' }).first().click();
  await issued.waitFor({ state: 'hidden' });
  const versions = panel.getByRole('table', { name: `Issued reintegration reports for ${row.pupilName}` });
  await versions.getByRole('row', { name: /Version 1/ }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await versions.getByRole('button', { name: 'Reprint version 1' }).click();
  await issued.locator('iframe').waitFor();
});
