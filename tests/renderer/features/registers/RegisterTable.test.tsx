import { fireEvent, screen } from '@testing-library/react';
import type { Register, RegisterLine } from '../../../../shared/api/specs/registers';
import { RegisterTable } from '../../../../renderer/features/registers/RegisterTable';
import { readKey } from '../../../../renderer/features/registers/typing';
import { renderScreen } from '../../render';

const line = (name: string, code: string | null = null): RegisterLine => ({
  pupilId: `pupil-${name}`,
  placementId: `placement-${name}`,
  name,
  yearGroup: 4,
  homeSchoolName: 'Elmfield Primary',
  expected: true,
  code,
  minutesLate: null,
  markedBy: null,
  markedAt: null,
  note: null,
  amendments: 0,
});

const register = (pupils: RegisterLine[]): Register => ({
  baseId: 'base-1',
  baseName: 'Parkgate',
  date: '2026-11-23',
  session: 'AM',
  state: 'open',
  startsAt: '09:00',
  closesAt: '09:30',
  closed: false,
  takenBy: null,
  takenAt: null,
  submittedBy: null,
  submittedAt: null,
  pupils,
  atHomeSchool: [],
  unmarked: pupils.filter((p) => p.code === null).length,
});

describe('typing a code', () => {
  test('whole codes are set at once, two-key codes wait for their digit, present keys are /', () => {
    expect(readKey('', 'i')).toEqual({ kind: 'code', code: 'I' });
    expect(readKey('', ' ')).toEqual({ kind: 'code', code: '/' });
    expect(readKey('', '\\')).toEqual({ kind: 'code', code: '/' });
    expect(readKey('', 'c')).toEqual({ kind: 'pending', buffer: 'C' });
    expect(readKey('C', '1')).toEqual({ kind: 'code', code: 'C1' });
    expect(readKey('C', '/')).toEqual({ kind: 'code', code: 'C', then: { kind: 'code', code: '/' } });
    expect(readKey('', 'q')).toEqual({ kind: 'code', code: 'Q' });
    expect(readKey('', '9')).toEqual({ kind: 'none' });
  });
});

describe('RegisterTable', () => {
  test('opens with the first unmarked pupil focused, and keys typed one after another mark pupil after pupil', () => {
    const onMark = vi.fn();
    renderScreen(<RegisterTable register={register([line('Amara Bell', '/'), line('Ben Cole'), line('Cara Dunn'), line('Dev Ellis')])} onMark={onMark} />);
    const ben = screen.getByRole('row', { name: 'Ben Cole: not marked' });
    expect(document.activeElement).toBe(ben);

    // Typed faster than any save comes back: C then 1 is one code, then space, then M.
    fireEvent.keyDown(ben, { key: 'c' });
    fireEvent.keyDown(document.activeElement!, { key: '1' });
    fireEvent.keyDown(document.activeElement!, { key: ' ' });
    fireEvent.keyDown(document.activeElement!, { key: 'm' });
    expect(onMark.mock.calls.map(([request]) => [request.line.name, request.code])).toEqual([
      ['Ben Cole', 'C1'],
      ['Cara Dunn', '/'],
      ['Dev Ellis', 'M'],
    ]);
  });

  test('L asks for the minutes late and sends them with the mark', () => {
    const onMark = vi.fn();
    renderScreen(<RegisterTable register={register([line('Amara Bell'), line('Ben Cole')])} onMark={onMark} />);
    fireEvent.keyDown(screen.getByRole('row', { name: 'Amara Bell: not marked' }), { key: 'l' });
    const minutes = screen.getByRole('textbox', { name: 'Minutes late' });
    fireEvent.change(minutes, { target: { value: '12' } });
    fireEvent.keyDown(minutes, { key: 'Enter' });
    expect(onMark).toHaveBeenCalledWith({ line: expect.objectContaining({ name: 'Amara Bell' }), code: 'L', minutesLate: 12 });
  });
});
