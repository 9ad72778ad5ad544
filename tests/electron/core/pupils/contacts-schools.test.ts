import { afterEach, describe, expect, it } from 'vitest';
import { unwrap } from '../../../../shared/api/result';
import { auditRows, lastAuditSeq } from '../sealed-files';
import { expectRefused, MAYA, pupilsCore, type PupilsCore } from './fixtures';

let kd: PupilsCore;
afterEach(async () => {
  await kd?.cleanup();
});

const UNKNOWN_ID = '3f1d2c4b-0000-4000-8000-000000000000';

describe('schools', () => {
  it('adds, lists by name and changes home schools', async () => {
    kd = await pupilsCore();
    const whitley = unwrap(
      await kd.call('schools.create', {
        name: ' Whitley Abbey Primary School ',
        sencoName: 'Priya Raman',
        phone: '024 7630 0000',
        email: 'senco@whitley.example.org',
        address: '1 Abbey Road, Coventry',
      }),
    );
    expect(whitley).toEqual({
      id: expect.any(String),
      name: 'Whitley Abbey Primary School',
      sencoName: 'Priya Raman',
      phone: '024 7630 0000',
      email: 'senco@whitley.example.org',
      address: '1 Abbey Road, Coventry',
    });
    const allesley = unwrap(await kd.call('schools.create', { name: 'Allesley Primary School' }));
    expect(allesley).toMatchObject({ sencoName: null, phone: null, email: null, address: null });
    expect(unwrap(await kd.call('schools.list')).map((s) => s.name)).toEqual(['Allesley Primary School', 'Whitley Abbey Primary School']);

    const changed = unwrap(await kd.call('schools.update', { id: whitley.id, sencoName: 'Tom Price', address: '' }));
    expect(changed).toEqual({ ...whitley, sencoName: 'Tom Price', address: null });
  });

  it('refuses a second school of the same name, whatever the case, on create and rename', async () => {
    kd = await pupilsCore();
    const whitley = unwrap(await kd.call('schools.create', { name: 'Whitley Abbey Primary School' }));
    await expectRefused(kd.core, () => kd.call('schools.create', { name: 'whitley abbey primary school' }), {
      code: 'CONFLICT',
      field: 'name',
      message: 'There is already a school called Whitley Abbey Primary School.',
    });
    const other = unwrap(await kd.call('schools.create', { name: 'Allesley Primary School' }));
    await expectRefused(kd.core, () => kd.call('schools.update', { id: other.id, name: 'WHITLEY ABBEY PRIMARY SCHOOL' }), { code: 'CONFLICT', field: 'name' });
    // Renaming a school to itself (a change of case) is fine.
    expect(unwrap(await kd.call('schools.update', { id: whitley.id, name: 'Whitley Abbey primary school' })).name).toBe('Whitley Abbey primary school');
  });

  it('refuses bad details and unknown schools, naming the field', async () => {
    kd = await pupilsCore();
    await expectRefused(kd.core, () => kd.call('schools.create', { name: '' }), { code: 'INVALID_INPUT', field: 'name' });
    await expectRefused(kd.core, () => kd.call('schools.create', { name: 'A', email: 'not an email' }), { code: 'INVALID_INPUT', field: 'email' });
    await expectRefused(kd.core, () => kd.call('schools.update', { id: UNKNOWN_ID, name: 'B' }), { code: 'NOT_FOUND', field: 'id' });
  });

  it('lets teachers see the list but not change it', async () => {
    kd = await pupilsCore();
    unwrap(await kd.call('schools.create', { name: 'Allesley Primary School' }));
    await kd.asTeacher();
    expect(unwrap(await kd.call('schools.list'))).toHaveLength(1);
    expect(await kd.call('schools.create', { name: 'Another' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});

describe('contacts', () => {
  it('adds, changes and removes a pupil\u2019s contacts, those with parental responsibility first', async () => {
    kd = await pupilsCore();
    const pupil = unwrap(await kd.call('pupils.create', MAYA));
    const gran = unwrap(await kd.call('contacts.save', { pupilId: pupil.id, name: 'Ruth Okonjo', relationship: 'Grandmother', phone: '07700 900123' }));
    expect(gran).toEqual({
      id: expect.any(String),
      pupilId: pupil.id,
      name: 'Ruth Okonjo',
      relationship: 'Grandmother',
      phone: '07700 900123',
      email: null,
      parentalResponsibility: false,
    });
    const mum = unwrap(
      await kd.call('contacts.save', { pupilId: pupil.id, name: 'Ada Okonjo', relationship: 'Mother', email: 'ada@example.org', parentalResponsibility: true }),
    );
    expect(unwrap(await kd.call('pupils.get', { id: pupil.id })).contacts.map((c) => c.name)).toEqual(['Ada Okonjo', 'Ruth Okonjo']);

    const seq = lastAuditSeq(kd.core);
    const changed = unwrap(await kd.call('contacts.save', { id: gran.id, pupilId: pupil.id, name: 'Ruth Okonjo', relationship: 'Grandmother (kinship carer)' }));
    expect(changed).toEqual({ ...gran, relationship: 'Grandmother (kinship carer)', phone: null });
    expect(auditRows(kd.core, seq)).toEqual([expect.objectContaining({ action: 'update', entity: 'contacts', entity_id: gran.id, pupil_id: pupil.id })]);

    expect(unwrap(await kd.call('contacts.remove', { id: mum.id }))).toEqual({ removed: true });
    expect(unwrap(await kd.call('pupils.get', { id: pupil.id })).contacts).toEqual([changed]);
  });

  it('refuses bad details, unknown pupils and unknown contacts, writing nothing', async () => {
    kd = await pupilsCore();
    const pupil = unwrap(await kd.call('pupils.create', MAYA));
    const other = unwrap(await kd.call('pupils.create', { legalFirstName: 'Ava', legalLastName: 'Byrne', dateOfBirth: '2019-08-31' }));
    const contact = unwrap(await kd.call('contacts.save', { pupilId: pupil.id, name: 'Ada Okonjo', relationship: 'Mother' }));
    const save = (input: Record<string, unknown>) => () => kd.call('contacts.save', { pupilId: pupil.id, name: 'Ada Okonjo', relationship: 'Mother', ...input });
    await expectRefused(kd.core, save({ name: ' ' }), { code: 'INVALID_INPUT', field: 'name' });
    await expectRefused(kd.core, save({ phone: 'call me' }), { code: 'INVALID_INPUT', field: 'phone' });
    await expectRefused(kd.core, save({ email: 'ada at home' }), { code: 'INVALID_INPUT', field: 'email' });
    await expectRefused(kd.core, save({ pupilId: UNKNOWN_ID }), { code: 'NOT_FOUND', field: 'pupilId' });
    await expectRefused(kd.core, save({ id: UNKNOWN_ID }), { code: 'NOT_FOUND', field: 'id' });
    // A contact cannot be moved to another pupil by saving it there.
    await expectRefused(kd.core, save({ id: contact.id, pupilId: other.id }), { code: 'NOT_FOUND', field: 'id' });
    await expectRefused(kd.core, () => kd.call('contacts.remove', { id: UNKNOWN_ID }), { code: 'NOT_FOUND', field: 'id' });
  });
});
