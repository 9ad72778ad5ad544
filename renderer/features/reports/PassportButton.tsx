import { unwrap } from '../../../shared/api/result';
import { api } from '../../lib/api';
import { PdfButton } from './PdfButton';

/** The pupil passport of a placement (one page for the home school, from the newest plan version), to look at, save or print. */
export function PassportButton({ placementId, pupilName }: { placementId: string; pupilName: string }) {
  return (
    <PdfButton
      make={async () => unwrap(await api.reports.passport({ placementId }))}
      title={`Pupil passport: ${pupilName}`}
      failed="The pupil passport was not made"
      aria-label={`Pupil passport for ${pupilName}`}
    >
      Pupil passport
    </PdfButton>
  );
}
