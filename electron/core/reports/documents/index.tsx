import type { ReactElement } from 'react';
import type { ReportKind, ReportKinds } from '../kinds';
import { FireListDocument } from './fire-list';
import { ReintegrationDocument } from './reintegration';
import { ImpactDocument } from './impact';
import { PassportDocument } from './passport';

/** One document per report kind, drawn from the data the core built. */
export const DOCUMENTS: { [K in ReportKind]: (data: ReportKinds[K]) => ReactElement } = {
  'fire-list': (data) => <FireListDocument data={data} />,
  reintegration: (data) => <ReintegrationDocument data={data} />,
  passport: (data) => <PassportDocument data={data} />,
  impact: (data) => <ImpactDocument data={data} />,
};
