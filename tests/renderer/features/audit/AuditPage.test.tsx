import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry } from '../../../../shared/domain/audit';
import type { StaffMember } from '../../../../shared/domain/staff';
import { ok } from '../../api-mock';
import { renderScreen } from '../../render';

const api = { bases: vi.fn(), staff: vi.fn(), people: vi.fn(), list: vi.fn(), export: vi.fn(), pupils: vi.fn() };
vi.mock('../../../../renderer/lib/api', () => ({
  api: {
    bases: { list: () => api.bases() },
    pupils: { list: () => api.pupils() },
    staff: { list: () => api.staff() },
    audit: { list: (input: unknown) => api.list(input), people: () => api.people(), export: (input: unknown) => api.export(input) },
  },
}));

const { AuditPage } = await import('../../../../renderer/features/audit/AuditPage');
const { parseUkDate } = await import('../../../../renderer/components/DateField');

const ann: StaffMember = { id: 'a1111111-1111-4111-8111-111111111111', name: 'Ann Smith', username: 'asmith', roles: ['manager'], baseIds: [] };
const bea: StaffMember = { id: 'b2222222-2222-4222-8222-222222222222', name: 'Bea Jones', username: 'bjones', roles: ['teacher'], baseIds: [] };
const baseId = '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';
const pupilId = 'c3333333-3333-4333-8333-333333333333';

const changedBase: AuditEntry = {
  seq: 3,
  at: '2025-03-04T09:07:00.000Z',
  staffId: ann.id,
  staffName: 'Ann Smith',
  action: 'update',
  entity: 'bases',
  entityId: baseId,
  pupilId: null,
  before: { id: baseId, name: 'Parkgate', places: 24 },
  after: { id: baseId, name: 'Parkgate', places: 26 },
  detail: null,
  recordName: 'Parkgate',
};
const signedIn: AuditEntry = {
  seq: 2,
  at: '2025-03-04T08:55:00.000Z',
  staffId: ann.id,
  staffName: 'Ann Smith',
  action: 'sign-in',
  entity: null,
  entityId: null,
  pupilId: null,
  before: null,
  after: null,
  detail: null,
  recordName: null,
};
const autoLocked: AuditEntry = { ...signedIn, seq: 1, staffId: null, staffName: 'Key Desk', action: 'auto-locked', detail: 'after 5 minutes without use' };

const placementId = 'd3b25445-5b1a-4c2e-9f0e-7a6b5c4d3e21';
const schoolId = 'e4444444-4444-4444-8444-444444444444';
const otherSchoolId = 'f5555555-5555-4555-8555-555555555555';
/** A step recorded late on a summer evening (UTC): England's clocks are an hour ahead (BST). */
const startAgreed: AuditEntry = {
  seq: 5,
  at: '2025-07-01T23:30:00.000Z',
  staffId: ann.id,
  staffName: 'Ann Smith',
  action: 'insert',
  entity: 'placement_events',
  entityId: placementId,
  pupilId,
  before: null,
  after: {
    id: 'a9999999-9999-4999-8999-999999999999',
    placement_id: placementId,
    pupil_id: pupilId,
    step: 'start-agreed',
    on_date: '2025-09-08',
    notes: null,
    recorded_by: ann.id,
    recorded_at: '2025-07-01T23:30:00.000Z',
  },
  detail: null,
  recordName: 'Ava Marlow',
};
const pupilChanged: AuditEntry = {
  seq: 4,
  at: '2025-03-04T10:15:00.000Z',
  staffId: ann.id,
  staffName: 'Ann Smith',
  action: 'update',
  entity: 'pupils',
  entityId: pupilId,
  pupilId,
  before: { id: pupilId, legal_first_name: 'Ava', legal_last_name: 'Marlow', date_of_birth: '2019-03-04', home_school_id: schoolId, child_in_care: 0, sen_status: 'none' },
  after: { id: pupilId, legal_first_name: 'Ava', legal_last_name: 'Marlow', date_of_birth: '2019-03-05', home_school_id: otherSchoolId, child_in_care: 1, sen_status: 'sen-support' },
  detail: null,
  recordName: 'Ava Marlow',
};
/** Names the core sends with a page for every id its entries mention. */
const NAMES = {
  [pupilId]: 'Ava Marlow',
  [placementId]: "Ava Marlow's referral of 01/05/2025",
  [ann.id]: 'Ann Smith',
  [baseId]: 'Parkgate',
  [schoolId]: 'Elmfield Primary School',
  [otherSchoolId]: 'Whitley Abbey Primary School',
};
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

const lastListInput = () => api.list.mock.calls.at(-1)?.[0] as unknown;

const renderPage = (url = '/audit') => renderScreen(<AuditPage />, url);

beforeEach(() => {
  for (const fn of Object.values(api)) fn.mockReset();
  api.bases.mockImplementation(() => ok([{ id: baseId, name: 'Parkgate', hostSchool: 'Parkgate Primary', places: 26, keyStages: ['KS2'], placed: 3 }]));
  api.staff.mockImplementation(() => ok([ann, bea]));
  api.people.mockImplementation(() => ok([ann, bea].map((m) => ({ staffId: m.id, name: m.name }))));
  api.list.mockImplementation(() => ok({ entries: [changedBase, signedIn, autoLocked], total: 3, names: NAMES }));
  api.pupils.mockImplementation(() => ok([{ id: pupilId, name: 'Ava Marlow', dateOfBirth: '2019-03-04' }]));
});

afterEach(() => vi.restoreAllMocks());

describe('dates typed in the filters', () => {
  it('are read day first, and only when whole and real', () => {
    expect(parseUkDate('04/03/2025')).toBe('2025-03-04');
    expect(parseUkDate('4/3/2025')).toBe('2025-03-04');
    expect(parseUkDate(' 04.03.2025 ')).toBe('2025-03-04');
    expect(parseUkDate('04-03-2025')).toBe('2025-03-04');
    expect(parseUkDate('29/02/2024')).toBe('2024-02-29');
    expect(parseUkDate('29/02/2025')).toBeNull();
    expect(parseUkDate('13/13/2025')).toBeNull();
    expect(parseUkDate('04/03/25')).toBeNull();
    expect(parseUkDate('2025-03-04')).toBeNull();
    // Only days the core takes (1900 to 2100), and never a year 0000–0099 read as 19xx.
    expect(parseUkDate('01/01/1900')).toBe('1900-01-01');
    expect(parseUkDate('31/12/2100')).toBe('2100-12-31');
    expect(parseUkDate('31/12/9999')).toBeNull();
    expect(parseUkDate('01/01/0050')).toBeNull();
    expect(parseUkDate('31/12/1899')).toBeNull();
  });
});

describe('the audit trail', () => {
  it('shows entries newest first: when, who, what and the record', async () => {
    renderPage();
    const table = await screen.findByRole('table', { name: 'Audit trail entries, newest first' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('04/03/2025 09:07');
    expect(rows[0]).toHaveTextContent('Ann Smith');
    expect(rows[0]).toHaveTextContent('Changed base');
    expect(rows[0]).toHaveTextContent('Parkgate');
    expect(rows[1]).toHaveTextContent('Sign in');
    expect(rows[2]).toHaveTextContent('Key Desk');
    expect(rows[2]).toHaveTextContent('Auto locked');
    expect(rows[2]).toHaveTextContent('after 5 minutes without use');
    expect(screen.getByText('3 entries, newest first')).toBeInTheDocument();
    expect(api.list).toHaveBeenCalledWith({ filters: {}, page: 0 });
  });

  it('opens an entry to show values before and after, marking only what changed', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    const details = await screen.findByRole('button', { name: 'Details of Changed base, 04/03/2025 09:07' });
    expect(details).toHaveAttribute('aria-expanded', 'false');
    await user.click(details);
    expect(details).toHaveAttribute('aria-expanded', 'true');
    const values = screen.getByRole('table', { name: 'Values before and after the change' });
    const places = within(values).getByRole('row', { name: /Places/ });
    expect(places).toHaveTextContent('Places');
    expect(places).toHaveTextContent('Changed');
    expect(within(places).getAllByRole('cell').map((c) => c.textContent)).toEqual(['24', '26']);
    expect(within(values).getByRole('row', { name: /^Name/ })).not.toHaveTextContent('Changed');
    // The record's own id is not a value staff need: the entry already names the base.
    expect(values).not.toHaveTextContent(baseId);
    expect(screen.getByText('1 value changed, marked below.')).toBeInTheDocument();
    // Events without values have nothing to open.
    expect(screen.queryByRole('button', { name: /Details of Sign in/ })).not.toBeInTheDocument();
  });

  it('names pupils, staff, schools and referrals, in plain words, with UK dates and England’s times', async () => {
    const user = userEvent.setup({ delay: null });
    api.list.mockImplementation(() => ok({ entries: [startAgreed, pupilChanged, changedBase], total: 3, names: NAMES }));
    renderPage();
    const table = await screen.findByRole('table', { name: 'Audit trail entries, newest first' });
    const [stepRow, pupilRow] = within(table).getAllByRole('row').slice(1);
    expect(within(stepRow!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['02/07/2025 00:30', 'Ann Smith', 'Recorded: Start date agreed', 'Ava Marlow', 'Details']);
    expect(within(pupilRow!).getAllByRole('cell').map((c) => c.textContent)).toEqual(['04/03/2025 10:15', 'Ann Smith', 'Changed pupil', 'Ava Marlow', 'Details']);

    await user.click(screen.getByRole('button', { name: 'Details of Recorded: Start date agreed, 02/07/2025 00:30' }));
    const added = screen.getByRole('table', { name: 'Values when it was added' });
    const value = (field: string) => within(within(added).getByRole('row', { name: new RegExp(`^${field}`) })).getByRole('cell').textContent;
    expect(value('Step')).toBe('Start date agreed');
    expect(value('Date')).toBe('08/09/2025');
    expect(value('Pupil')).toBe('Ava Marlow');
    expect(value('Referral')).toBe("Ava Marlow's referral of 01/05/2025");
    expect(value('Recorded by')).toBe('Ann Smith');
    expect(value('Recorded(?! by)')).toBe('02/07/2025 00:30');
    expect(value('Notes')).toBe('(empty)');

    await user.click(screen.getByRole('button', { name: 'Details of Changed pupil, 04/03/2025 10:15' }));
    const changed = screen.getByRole('table', { name: 'Values before and after the change' });
    const beforeAfter = (field: string) => within(within(changed).getByRole('row', { name: new RegExp(`^${field}`) })).getAllByRole('cell').map((c) => c.textContent);
    expect(beforeAfter('Date of birth')).toEqual(['04/03/2019', '05/03/2019']);
    expect(beforeAfter('Home school')).toEqual(['Elmfield Primary School', 'Whitley Abbey Primary School']);
    expect(beforeAfter('Child in care')).toEqual(['No', 'Yes']);
    expect(beforeAfter('SEN status')).toEqual(['None', 'SEN support (My Support Plan)']);
    expect(within(changed).getByRole('row', { name: /^Legal first name/ })).not.toHaveTextContent('Changed');

    // Nowhere an id, a column name or a code.
    expect(table.textContent).not.toMatch(UUID);
    expect(table.textContent).not.toMatch(/date_of_birth|home_school|start-agreed|recorded_by|T\d\d:\d\d/);
  });

  it('asks again for the next page, and from the first page when the person changes', async () => {
    const user = userEvent.setup({ delay: null });
    api.list.mockImplementation(() => ok({ entries: [changedBase, signedIn, autoLocked], total: 250, names: NAMES }));
    renderPage();
    expect(await screen.findByText('Entries 1 to 100 of 250, newest first')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next page' }));
    await waitFor(() => expect(lastListInput()).toEqual({ filters: {}, page: 1 }));

    await user.click(screen.getByRole('combobox', { name: 'Person' }));
    await user.click(await screen.findByRole('option', { name: 'Bea Jones' }));
    await waitFor(() => expect(lastListInput()).toEqual({ filters: { staffId: bea.id }, page: 0 }));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(lastListInput()).toEqual({ filters: {}, page: 0 }));
  });

  it('takes dates typed the UK way, sends them as ISO dates once whole, and explains back-to-front ones', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByText('3 entries, newest first');
    const from = screen.getByRole('textbox', { name: 'From' });
    const to = screen.getByRole('textbox', { name: 'To' });
    await user.type(from, '01/03/2025');
    await waitFor(() => expect(lastListInput()).toEqual({ filters: { from: '2025-03-01' }, page: 0 }));
    await user.type(to, '31/03/2025');
    await waitFor(() => expect(lastListInput()).toEqual({ filters: { from: '2025-03-01', to: '2025-03-31' }, page: 0 }));

    const calls = api.list.mock.calls.length;
    await user.clear(to);
    await user.type(to, '01/02/2025');
    expect(await screen.findByText('The end date is before the start date.')).toBeInTheDocument();
    // Only the cleared end date was asked for: never the back-to-front pair.
    expect(api.list.mock.calls.slice(calls).map((c) => c[0])).toEqual([{ filters: { from: '2025-03-01' }, page: 0 }]);
  });

  it('filters by a pupil chosen by name', async () => {
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByText('3 entries, newest first');
    await user.click(screen.getByRole('combobox', { name: 'Pupil' }));
    await user.click(await screen.findByRole('option', { name: 'Ava Marlow (born 04/03/2019)' }));
    await waitFor(() => expect(lastListInput()).toEqual({ filters: { pupilId }, page: 0 }));
  });

  it("opens filtered to the pupil whose history linked to it", async () => {
    renderPage(`/audit?pupil=${pupilId}`);
    await screen.findByText('3 entries, newest first');
    expect(api.list.mock.calls.map((c) => c[0])).toEqual([{ filters: { pupilId }, page: 0 }]);
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Pupil' })).toHaveValue('Ava Marlow (born 04/03/2019)'));
  });

  it('shows a filter the core refuses under that filter', async () => {
    api.list.mockImplementation((input: { filters: { from?: string } }) =>
      Promise.resolve(
        input.filters.from
          ? { ok: false, error: { code: 'INVALID_INPUT', message: 'Enter a date as dd/mm/yyyy.', field: 'filters.from' } }
          : { ok: true, value: { entries: [signedIn], total: 1, names: {} } },
      ),
    );
    renderPage();
    await screen.findByText('1 entry, newest first');
    await userEvent.setup({ delay: null }).type(screen.getByRole('textbox', { name: 'From' }), '01/03/2025');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'From' })).toHaveAccessibleDescription('Enter a date as dd/mm/yyyy.'));
  });

  it('says when nothing matches', async () => {
    api.list.mockImplementation(() => ok({ entries: [], total: 0, names: {} }));
    renderPage();
    expect(await screen.findByText('Nothing has been recorded yet.')).toBeInTheDocument();
  });

  it('exports the filtered trail and downloads the csv the core returns', async () => {
    const csv = 'When,Who,What\r\n2025-03-04T09:07:00.000Z,Ann Smith,Changed base';
    api.export.mockImplementation(() => ok({ fileName: 'key-desk-audit-2025-03-04.csv', csv }));
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      blobs.push(blob);
      return 'blob:audit';
    });
    URL.revokeObjectURL = vi.fn();
    const clicked: HTMLAnchorElement[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this);
    });
    const user = userEvent.setup({ delay: null });
    renderPage();
    await screen.findByRole('table', { name: 'Audit trail entries, newest first' });
    await user.click(screen.getByRole('combobox', { name: 'Person' }));
    await user.click(await screen.findByRole('option', { name: 'Ann Smith' }));

    await user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(api.export).toHaveBeenCalledWith({ filters: { staffId: ann.id } });
    expect(clicked[0]?.download).toBe('key-desk-audit-2025-03-04.csv');
    expect(clicked[0]?.href).toBe('blob:audit');
    expect(blobs[0]?.type).toBe('text/csv;charset=utf-8');
    // A byte-order mark first, so Excel reads the file as UTF-8; then the csv exactly as returned.
    const bytes = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes.slice(3))).toBe(csv);
  });
});
