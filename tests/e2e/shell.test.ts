import type { Page } from 'playwright-core';
import { formatUkDate } from '../../shared/domain/dates';
import { accessibleDescription, baseCardNames, E2E_TODAY, openKeyDesk, signIn, startApp, useE2e, useSharedDemo } from './support';

const e2e = useE2e();
// Tests that change nothing lasting share one demo server; "This PC's base" changes the order of
// the cards, so it comes last. The test that saves a base and restarts has a server of its own.
const shared = useSharedDemo(e2e);

/** A new tab on the shared demo server, signed in as the demo manager, at the Today page. */
async function openDemo() {
  const page = await shared.open();
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  return { page };
}

/** Browser mode with demo data on a fresh folder of its own, open at the Today page. */
async function openOwnDemo() {
  const folder = await e2e.cleanup().folder('demo');
  const opened = await openKeyDesk(e2e.cleanup(), e2e.browser(), { folder, demo: true });
  await opened.page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  return { folder, ...opened };
}

/** "19 of 24 places filled" on a base's card on the Today page, as numbers. */
async function occupancy(page: Page, base: string): Promise<{ placed: number; places: number }> {
  const line = page.getByRole('region', { name: base }).getByText(/^\d+ of \d+ places? filled$/);
  const match = (await line.textContent())?.match(/^(\d+) of (\d+) places? filled$/);
  if (!match) throw new Error(`No occupancy line on the ${base} card`);
  return { placed: Number(match[1]), places: Number(match[2]) };
}

async function goTo(page: Page, link: string) {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link, exact: true }).click();
  await page.getByRole('heading', { name: link, level: 2 }).waitFor();
}

test("Today shows both bases with demo occupancy, the demo badge and the date by the app's clock", async () => {
  const { page } = await openDemo();

  await page.getByRole('banner').getByText('Demo data: fictional pupils', { exact: true }).waitFor();

  const parkgate = await occupancy(page, 'Parkgate');
  expect(parkgate.places).toBe(24);
  expect(parkgate.placed).toBeGreaterThan(0);
  expect(parkgate.placed).toBeLessThanOrEqual(24);
  const frederickBird = await occupancy(page, 'Frederick Bird');
  expect(frederickBird.places).toBe(12);
  expect(frederickBird.placed).toBeGreaterThan(0);
  expect(frederickBird.placed).toBeLessThanOrEqual(12);
  expect(await page.getByRole('progressbar', { name: `Parkgate: ${parkgate.placed} of 24 places filled` }).count()).toBe(1);

  // The tab icon is served (a missing one is a 404 the page itself never reports).
  const icon = await page.locator('link[rel="icon"]').getAttribute('href');
  expect((await page.request.get(new URL(icon ?? '', page.url()).href)).status()).toBe(200);

  // The core's date (browser mode started at E2E_TODAY), not the browser's.
  expect(await page.getByRole('main').getByText(/^[A-Z][a-z]+day \d{2}\/\d{2}\/\d{4}$/).textContent()).toBe(`Wednesday ${formatUkDate(E2E_TODAY)}`);
});

test('the navigation opens each page at its heading', async () => {
  const { page } = await openDemo();
  const nav = page.getByRole('navigation', { name: 'Main' });
  const links = await nav.getByRole('link').allTextContents();
  // The demo manager is also an administrator, so sees every area.
  const areas = ['Today', 'Registers', 'My actions', 'Pupils', 'Places', 'Referrals', 'Plans', 'Reports', 'Schools', 'Professionals', 'School calendar', 'Staff', 'Audit trail', 'Settings', 'Data and backups'];
  expect(links.map((text) => text.trim())).toEqual(areas);

  for (const link of [...areas.slice(1), 'Today']) {
    await goTo(page, link);
    expect(await nav.getByRole('link', { name: link, exact: true }).getAttribute('aria-current')).toBe('page');
    expect(await page.getByRole('heading', { level: 2 }).first().textContent()).toBe(link);
  }
});

test('Settings refuses places below the pupils placed today, saves nothing, and Cancel reverts', async () => {
  const { page } = await openDemo();
  const { placed } = await occupancy(page, 'Parkgate');
  await goTo(page, 'Settings');

  const form = page.getByRole('form', { name: 'Base: Parkgate' });
  const places = form.getByLabel('Places');
  expect(await places.inputValue()).toBe('24');
  await places.fill(String(placed - 1));
  await form.getByRole('button', { name: 'Save Parkgate' }).click();

  const message = `Places cannot be fewer than the pupils placed there now: ${placed} pupils are placed at this base.`;
  await form.getByText(message).waitFor();
  expect(await places.getAttribute('aria-invalid')).toBe('true');
  expect(await accessibleDescription(places)).toContain(message);

  // Cancel puts back what is saved.
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect.poll(() => places.inputValue()).toBe('24');
  expect(await form.getByText(message).count()).toBe(0);
  expect(await form.getByRole('button', { name: 'Save Parkgate' }).isDisabled()).toBe(true);

  await page.reload();
  await page.getByRole('heading', { name: 'Settings', level: 2 }).waitFor();
  expect(await page.getByRole('form', { name: 'Base: Parkgate' }).getByLabel('Places').inputValue()).toBe('24');
  await goTo(page, 'Today');
  expect(await occupancy(page, 'Parkgate')).toEqual({ placed, places: 24 });
});

test('a base saved in Settings can be undone, and once saved lasts through a reload and a restart', async () => {
  const { folder, app, page } = await openOwnDemo();
  const { placed } = await occupancy(page, 'Frederick Bird');
  const newName = 'Frederick Bird Juniors';
  const newPlaces = 15;
  await goTo(page, 'Settings');

  const editAndSave = async () => {
    const form = page.getByRole('form', { name: 'Base: Frederick Bird' });
    await form.getByLabel('Name', { exact: true }).fill(newName);
    await form.getByLabel('Places').fill(String(newPlaces));
    await form.getByRole('button', { name: 'Save Frederick Bird' }).click();
    return page.getByRole('alert').filter({ hasText: `${newName} saved` });
  };

  // Save, then Undo from the notification: the old name and places come back.
  const saved = await editAndSave();
  await saved.getByRole('button', { name: 'Undo' }).click();
  const restored = page.getByRole('form', { name: 'Base: Frederick Bird' });
  await restored.waitFor();
  await expect.poll(() => restored.getByLabel('Name', { exact: true }).inputValue()).toBe('Frederick Bird');
  await expect.poll(() => restored.getByLabel('Places').inputValue()).toBe('12');
  expect(await restored.getByRole('button', { name: 'Save Frederick Bird' }).isDisabled()).toBe(true);
  await page.reload();
  await goTo(page, 'Today');
  expect(await occupancy(page, 'Frederick Bird')).toEqual({ placed, places: 12 });

  // Save again and keep it.
  await goTo(page, 'Settings');
  await (await editAndSave()).waitFor();
  await page.getByRole('form', { name: `Base: ${newName}` }).waitFor();
  await goTo(page, 'Today');
  expect(await occupancy(page, newName)).toEqual({ placed, places: newPlaces });
  expect(await page.getByRole('region', { name: 'Frederick Bird', exact: true }).count()).toBe(0);

  await page.reload();
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  expect(await occupancy(page, newName)).toEqual({ placed, places: newPlaces });

  // Stop browser mode (it saves on SIGTERM) and start it again on the same folder.
  await app.stop();
  const again = await startApp({ folder });
  e2e.cleanup().add(() => again.stop());
  const reopened = await e2e.browser().open(again.url);
  e2e.cleanup().add(() => reopened.close());
  // A restart closes the data file: signing in again opens it.
  await reopened.getByRole('heading', { name: 'Sign in to Key Desk' }).waitFor();
  await signIn(reopened, 'demo.manager');
  await reopened.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  expect(await occupancy(reopened, newName)).toEqual({ placed, places: newPlaces });
  expect(await occupancy(reopened, 'Parkgate')).toMatchObject({ places: 24 });
  await reopened.getByRole('banner').getByText('Demo data: fictional pupils').waitFor();
});

test("choosing This PC's base puts that base first on Today", async () => {
  const { page } = await openDemo();
  expect(await baseCardNames(page)).toEqual(['Parkgate', 'Frederick Bird']);
  expect(await page.getByText('This PC', { exact: true }).count()).toBe(0);

  await goTo(page, 'Settings');
  await page.getByRole('combobox', { name: "This PC's base" }).click();
  await page.getByRole('option', { name: 'Frederick Bird' }).click();
  await expect.poll(() => page.getByRole('combobox', { name: "This PC's base" }).inputValue()).toBe('Frederick Bird');

  await goTo(page, 'Today');
  expect(await baseCardNames(page)).toEqual(['Frederick Bird', 'Parkgate']);
  await page.getByRole('region', { name: 'Frederick Bird' }).getByText('This PC', { exact: true }).waitFor();
});
