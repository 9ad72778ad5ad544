import type { Page } from 'playwright-core';
import { callApi, DEMO_PASSWORD, signIn, switchUser, useE2e, useSharedDemo } from './support';

/**
 * An administrator manages staff and settings, not pupils: an administrator-only account sees no
 * pupil screens and the core refuses it pupil data. Administrators see each person's wrong passwords
 * on the Staff screen and can end a wait at once.
 */
const e2e = useE2e();
const demo = useSharedDemo(e2e);

const navLinks = async (page: Page) =>
  (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((text) => text.trim());

test('an administrator-only account sees no pupil screens, and the core refuses it pupils', async () => {
  const page = await demo.open({ signInAs: 'demo.admin' });
  expect(await navLinks(page)).toEqual(['Today', 'Schools', 'Staff', 'Settings']);

  // Typing a pupil screen's address lands on Today instead.
  await page.evaluate(() => {
    location.hash = '#/pupils';
  });
  // (Today was on screen already: wait for the address to come back, not just for the heading.)
  await page.waitForFunction(() => location.hash === '#/' || location.hash === '');
  await page.getByRole('heading', { name: 'Today', level: 2, exact: true }).waitFor();
  expect(['#/', '']).toContain(new URL(page.url()).hash);
  expect(await page.getByRole('heading', { name: 'Pupils' }).count()).toBe(0);

  // And straight through the API, as a script in the page could.
  for (const [name, input] of [
    ['pupils.list', undefined],
    ['pupils.export', {}],
    ['placements.board', undefined],
    ['audit.list', {}],
  ] as const) {
    expect(await callApi(page, name, input), name).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  }

  // The Staff screen says what the role is for.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff', exact: true }).click();
  const own = page.getByRole('row', { name: /Demo Administrator/ });
  await own.getByText('No pupils (staff and settings only)').waitFor();
});

test('after wrong passwords a person waits; an administrator sees it on Staff and lets them try again at once', async () => {
  const page = await demo.open({ signInAs: null });
  const password = page.getByRole('textbox', { name: 'Password' });
  await page.getByRole('textbox', { name: 'Username' }).fill('demo.teacher');
  for (let i = 0; i < 4; i++) {
    await password.fill(`not-my-password-${i}`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(i < 3 ? 'The username or password is not right.' : /Too many wrong tries/).waitFor();
  }
  await password.fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(/Too many wrong tries\. Wait \d+ seconds?, then try again\./).waitFor();

  await signIn(page, 'demo.admin');
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staff', exact: true }).click();
  const teacher = page.getByRole('row', { name: /Demo Teacher/ });
  await teacher.getByText(/^4 wrong passwords, last \d\d\/\d\d\/\d{4} \d\d:\d\d$/).waitFor();
  await teacher.getByText(/^Must wait until \d\d\/\d\d\/\d{4} \d\d:\d\d$/).waitFor();
  await teacher.getByRole('button', { name: 'Let Demo Teacher try again now' }).click();
  await teacher.getByText('None', { exact: true }).waitFor();

  await switchUser(page, 'Demo Administrator');
  await signIn(page, 'demo.teacher');
});
