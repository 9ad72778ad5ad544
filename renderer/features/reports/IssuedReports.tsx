import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { ConfirmPanel } from '../../components/ConfirmPanel';
import { FormAlert } from '../../components/FormAlert';
import { useReadOnly } from '../../lib/readOnly';
import type { PdfFileView } from './PdfPreview';
import { useIssuedReports, useIssueReport, useReprintReport } from './queries';
import { ColumnHeadings } from '../../components/ListParts';

/**
 * Issuing keeps the report exactly as it is today, as the next version: what the home school was sent
 * can be reprinted word for word later, whatever has changed since. Earlier versions stay listed.
 */
export function IssuedReports({ placementId, pupilName, onPdf }: { placementId: string; pupilName: string; onPdf: (file: PdfFileView) => void }) {
  const issued = useIssuedReports(placementId);
  const issue = useIssueReport();
  const reprint = useReprintReport();
  const readOnly = useReadOnly();
  const [confirming, setConfirming] = useState(false);
  const next = (issued.data?.[0]?.version ?? 0) + 1;
  return (
    <Paper withBorder p="sm" component="section" aria-labelledby="issued-reports">
      <Stack gap="xs">
        <Title order={3} size="h5" id="issued-reports">
          Issued versions
        </Title>
        {issued.data && issued.data.length > 0 ? (
          <Table aria-label={`Issued reintegration reports for ${pupilName}`}>
            <ColumnHeadings columns={['Version', 'Issued', { hidden: 'Reprint' }]} />
            <Table.Tbody>
              {issued.data.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>Version {r.version}</Table.Td>
                  <Table.Td>
                    {formatUkDateTime(r.issuedAt)} by {r.issuedByName}
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="compact-sm"
                      variant="default"
                      aria-label={`Reprint version ${r.version}`}
                      loading={reprint.isPending && reprint.variables === r.id}
                      onClick={() => reprint.mutate(r.id, { onSuccess: (made) => onPdf({ title: `Reintegration report for ${pupilName}, version ${r.version} as issued`, ...made }) })}
                    >
                      Reprint
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm" c="dimmed">
            {issued.isPending ? 'Looking for issued versions…' : 'Not issued yet. Issue the report when it goes to the home school: that version can then be reprinted exactly as it was sent.'}
          </Text>
        )}
        <FormAlert title="Not reprinted" message={reprint.error?.message} />
        {confirming ? (
          <ConfirmPanel
            onCancel={() => {
              setConfirming(false);
              issue.reset();
            }}
            confirmLabel={`Issue version ${next}`}
            onConfirm={() =>
              issue.mutate(placementId, {
                onSuccess: (made) => {
                  setConfirming(false);
                  onPdf({ title: `Reintegration report for ${pupilName}, version ${made.issued.version} as issued`, fileName: made.fileName, pdf: made.pdf });
                },
              })
            }
            loading={issue.isPending}
            error={issue.error?.message}
            errorTitle="Not issued"
            note="Later changes to the plan, registers or texts do not change an issued version; issue again to send a newer one."
          >
            Issue the report as it is now, as version {next}? Key Desk keeps exactly what it says, to reprint word for word.
          </ConfirmPanel>
        ) : (
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(true)} disabled={readOnly}>
              Issue…
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
