import type { PupilSummary } from '../../../../shared/domain/pupil-record';

export const PARKGATE = '6f1c1d7e-8a53-4c1e-9a4c-2f7f0c9d2b11';
export const FRED_BIRD = '0b9c4a8e-2b6f-4d0a-8f3e-5c1d2e3f4a5b';
export const ELMFIELD = 'e1111111-1111-4111-8111-111111111111';
export const WILLOW = 'e2222222-2222-4222-8222-222222222222';

let seq = 0;

/** A made-up pupil for the list: a placed KS1 child at Parkgate unless told otherwise. */
export function summary(patch: Partial<PupilSummary> & { name: string }): PupilSummary {
  seq += 1;
  return {
    id: `c${String(seq).padStart(7, '0')}-3333-4333-8333-333333333333`,
    legalName: patch.name,
    dateOfBirth: '2019-03-04',
    yearGroup: 2,
    keyStage: 'KS1',
    upn: null,
    homeSchoolId: ELMFIELD,
    homeSchoolName: 'Elmfield Primary School',
    status: 'placed',
    baseId: PARKGATE,
    baseName: 'Parkgate',
    startDate: '2026-09-07',
    endDate: '2027-03-26',
    ...patch,
  };
}

export const jo = summary({ name: 'Jo Bloggs', legalName: 'Joanna Bloggs', upn: 'A123456789012' });
export const zoe = summary({ name: 'Zoë Marlow', homeSchoolId: WILLOW, homeSchoolName: 'Willow Park Primary', yearGroup: 5, keyStage: 'KS2', baseId: FRED_BIRD, baseName: 'Frederick Bird' });
export const sam = summary({ name: 'Sam Okafor', status: 'referred', baseId: PARKGATE, startDate: null, endDate: null, yearGroup: 0, keyStage: 'EYFS' });
export const ali = summary({ name: 'Ali Hussain', status: 'none', baseId: null, baseName: null, startDate: null, endDate: null, homeSchoolId: null, homeSchoolName: null, yearGroup: 4, keyStage: 'KS2' });

export const PUPILS = [jo, zoe, sam, ali];
