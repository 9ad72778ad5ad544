import type { Page } from 'playwright-core';
import type { PupilAttendance, Register, RegisterLine } from '../../shared/api/specs/registers';
import type { AppStatus } from '../../shared/api/status';
import type { Base } from '../../shared/domain/bases';
import { addDays, formatUkDate } from '../../shared/domain/dates';
import { screenshot, useE2e, useSharedDemo } from './support';
import { accessibilityProblems } from './support/a11y';
import { fact, schoolCalendar } from './support/pupils';

const e2e = useE2e();
const shared = useSharedDemo(e2e);

/** The target: a register of 24 pupils with 3 absences in at most 30 keystrokes from opening it. */
const KEYSTROKE_TARGET = 30;

const getRegister = (page: Page, { baseId, date, session }: { baseId: string; date: string; session: 'AM' | 'PM' }) =>
  fact<Register>(page, 'registers.get', { baseId, date, session });

/**
 * A school day (from the core's today, back) whose morning register at `baseName` is not taken yet,
 * so a test can take it: today, when today is a school day (the demo takes every register up to yesterday).
 */
async function registerToTake(page: Page, baseName: string): Promise<Register> {
  const { today } = await fact<AppStatus>(page, 'app.status');
  const base = (await fact<Base[]>(page, 'bases.list')).find((b) => b.name === baseName);
  if (!base) throw new Error(`No base called ${baseName}`);
  const calendar = await schoolCalendar(page);
  for (let day = today, i = 0; i < 120; day = addDays(day, -1), i++) {
    if (!calendar.isSchoolDay(day)) continue;
    const register = await getRegister(page, { baseId: base.id, date: day, session: 'AM' });
    if (register.state === 'not-taken' && register.pupils.length > 0) return register;
  }
  throw new Error(`No untaken ${baseName} morning register in the last 120 days`);
}

/** Opens a register by its address, as the completion board's links and the Today screen do. */
async function openRegister(page: Page, register: Pick<Register, 'baseId' | 'date' | 'session'>): Promise<void> {
  await page.evaluate((hash) => (location.hash = hash), `#/registers?base=${register.baseId}&date=${register.date}&session=${register.session}`);
  await page.getByRole('heading', { name: 'Registers', level: 2 }).waitFor();
  await page.getByRole('grid').waitFor();
}

const row = (page: Page, line: Pick<RegisterLine, 'name'>) => page.getByRole('grid').getByRole('row', { name: new RegExp(`^${line.name}:`) });

test('a register of 24 pupils with 3 absences is taken and submitted with the keyboard alone in at most 30 keystrokes', async () => {
  const page = await shared.open();
  let register = await registerToTake(page, 'Parkgate');
  // The register: 24 expected. Pupils at their home school that day are added (as a change of plan) to make it up.
  for (const line of register.atHomeSchool.slice(0, Math.max(0, 24 - register.pupils.length))) {
    register = await fact<Register>(page, 'registers.addPupil', {
      baseId: register.baseId,
      date: register.date,
      session: 'AM',
      pupilId: line.pupilId,
      note: 'Came to the Key today instead of home school',
    });
  }
  expect(register.pupils.length, 'pupils expected at the Key on the register').toBe(24);

  await openRegister(page, register);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`${register.pupils[0]!.name}: not marked`);

  let keystrokes = 0;
  const press = async (key: string) => {
    keystrokes++;
    await page.keyboard.press(key);
  };
  // Three absences spread through the list, one of them a two-key code.
  const absences = new Map([
    [3, 'I'],
    [11, 'M'],
    [20, 'C1'],
  ]);
  for (const [i] of register.pupils.entries()) {
    const code = absences.get(i);
    if (code) for (const key of code) await press(key);
    else await press(i % 2 === 0 ? 'Slash' : 'Space');
  }
  await press('Control+Enter');
  expect(keystrokes).toBeLessThanOrEqual(KEYSTROKE_TARGET);

  await page.getByText('Submitted', { exact: true }).first().waitFor();
  await page.getByText('Everyone is marked').waitFor();
  const taken = await getRegister(page, register);
  expect(taken.state).toBe('submitted');
  expect(taken.unmarked).toBe(0);
  expect(taken.pupils.filter((l) => l.code !== null)).toHaveLength(24);
  const absent = taken.pupils.filter((l) => l.code !== '/').map((l) => [l.name, l.code]);
  expect(absent).toEqual([...absences].map(([i, code]) => [register.pupils[i]!.name, code]));
  for (const [i, code] of absences) {
    expect(await row(page, register.pupils[i]!).getAttribute('aria-label')).toMatch(new RegExp(`^${register.pupils[i]!.name}: ${code},`));
  }
  expect(await row(page, register.pupils[0]!).getAttribute('aria-label')).toMatch(/: \/,/);
  expect(await accessibilityProblems(page)).toEqual([]);
  await screenshot(page, 'registers-taken-by-keyboard');

  // After submitting, a change needs a reason: the amend dialog keeps the original and shows on the line.
  const changed = register.pupils[3]!;
  await row(page, changed).focus();
  await page.keyboard.press('o');
  const dialog = page.getByRole('dialog', { name: `Change ${changed.name}'s mark` });
  await dialog.getByText('From I (Illness', { exact: false }).waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await dialog.getByRole('button', { name: 'Save the change' }).click();
  await dialog.getByText('Enter the reason for the change.').waitFor();
  await dialog.getByRole('textbox', { name: 'Reason for the change' }).fill('Parent rang: a family holiday, not illness');
  await dialog.getByRole('button', { name: 'Save the change' }).click();
  await dialog.waitFor({ state: 'hidden' });
  await row(page, changed).getByText('amended once').waitFor();
  expect(await row(page, changed).getAttribute('aria-label')).toMatch(/: O,/);
  const history = await fact<PupilAttendance>(page, 'registers.pupilAttendance', { pupilId: changed.pupilId });
  const entry = history.history.find((h) => h.date === register.date && h.session === 'AM');
  expect(entry).toMatchObject({ code: 'O', originalCode: 'I' });
  expect(entry?.amendments).toEqual([expect.objectContaining({ oldCode: 'I', newCode: 'O', reason: 'Parent rang: a family holiday, not illness', amendedBy: 'Demo Manager' })]);
  await screenshot(page, 'registers-amended');
}, 180_000);

test('Ctrl+Z undoes the last mark, ? lists the codes to search, and L asks for the minutes late', async () => {
  const page = await shared.open();
  const register = await registerToTake(page, 'Frederick Bird');
  await openRegister(page, register);
  const [first, second] = register.pupils;
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`${first!.name}: not marked`);

  await page.keyboard.press('Slash');
  await page.keyboard.press('m');
  await expect.poll(async () => (await getRegister(page, register)).pupils[1]?.code).toBe('M');
  await page.keyboard.press('Control+z');
  await expect.poll(async () => (await getRegister(page, register)).pupils[1]?.code).toBe(null);
  expect((await getRegister(page, register)).pupils[0]?.code).toBe('/');
  await expect.poll(() => row(page, second!).getAttribute('aria-label')).toBe(`${second!.name}: not marked`);

  await page.keyboard.press('?');
  const codes = page.getByRole('dialog', { name: 'Attendance codes' });
  await codes.waitFor();
  expect(await accessibilityProblems(page)).toEqual([]);
  await codes.getByRole('textbox', { name: 'Search the codes' }).fill('trip');
  await codes.getByRole('cell', { name: 'Attending an educational visit or trip', exact: false }).waitFor();
  expect(await codes.getByRole('row').count()).toBe(2);
  await page.keyboard.press('Escape');
  await codes.waitFor({ state: 'hidden' });

  await row(page, second!).focus();
  await page.keyboard.press('l');
  const minutes = page.getByRole('textbox', { name: 'Minutes late' });
  await minutes.waitFor();
  await minutes.fill('12');
  await page.keyboard.press('Enter');
  await row(page, second!).getByText('12 min late').waitFor();
  const late = (await getRegister(page, register)).pupils[1];
  expect(late).toMatchObject({ code: 'L', minutesLate: 12 });
});

test('the completion panel lists the register missing last week, and one click opens it', async () => {
  const page = await shared.open();
  // Any register's page shows the panel: today's at Parkgate (taken or not by the tests before this one).
  const { today } = await fact<AppStatus>(page, 'app.status');
  const parkgate = (await fact<Base[]>(page, 'bases.list')).find((b) => b.name === 'Parkgate')!;
  await openRegister(page, { baseId: parkgate.id, date: today, session: 'AM' });
  const board = await fact<{ registers: Array<{ baseId: string; baseName: string; date: string; session: 'AM' | 'PM'; state: string }> }>(page, 'registers.completion');
  const missing = board.registers.find((r) => r.state === 'not-taken' && r.session === 'PM' && r.date < (board.registers[0]?.date ?? ''));
  expect(missing, 'the demo leaves one register missing last week').toBeDefined();
  const panel = page.getByRole('region', { name: /Registers to finish/ });
  const showAll = panel.getByRole('button', { name: /^Show all/ });
  if (await showAll.count()) await showAll.click();
  await panel.getByRole('button', { name: new RegExp(`${missing!.baseName}, \\w+ ${formatUkDate(missing!.date)} PM`) }).click();
  await page.getByText(`${formatUkDate(missing!.date)}, afternoon`).waitFor();
  await page.getByText('Not taken yet').waitFor();
  const opened = await getRegister(page, missing!);
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`${opened.pupils[0]!.name}: not marked`);
  expect(await accessibilityProblems(page)).toEqual([]);
});
