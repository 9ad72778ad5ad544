import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Skeleton, Stack, Text, Textarea, type ButtonProps } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { REPORT_TEXT_LIMITS, type ReportTexts } from '../../../shared/api/specs/reports';
import { formatUkDateTime } from '../../../shared/domain/dates';
import { FormAlert } from '../../components/FormAlert';
import { saveForm } from '../../lib/errors';
import { IssuedReports } from './IssuedReports';
import { PdfPreview, type PdfFileView } from './PdfPreview';
import { useReintegrationReport, useReportTexts, useSaveReportTexts } from './queries';

const text = (label: string, max: number) => z.string().trim().max(max, `${label} can be at most ${max} characters.`);
const schema = z.object({
  recommendations: text('The recommendations', REPORT_TEXT_LIMITS.recommendations),
  needsSummary: text('The summary of needs', REPORT_TEXT_LIMITS.needsSummary),
  whatHelped: text('What has helped', REPORT_TEXT_LIMITS.whatHelped),
});
type Values = z.infer<typeof schema>;
const FIELDS = ['recommendations', 'needsSummary', 'whatHelped'] as const;

function TextsForm({ placementId, pupilName, texts, onPreview, previewing }: { placementId: string; pupilName: string; texts: ReportTexts; onPreview: () => void; previewing: boolean }) {
  const save = useSaveReportTexts();
  const form = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { recommendations: texts.recommendations, needsSummary: texts.needsSummary, whatHelped: texts.whatHelped },
  });
  const { errors, isSubmitting, isDirty } = form.formState;
  const store = (values: Values, then?: () => void) =>
    saveForm(form.setError, [...FIELDS], async () => {
      const saved = await save.mutateAsync({ placementId, ...values });
      form.reset({ recommendations: saved.recommendations, needsSummary: saved.needsSummary, whatHelped: saved.whatHelped });
      if (then) then();
      else notifications.show({ title: 'Saved', message: `The report text for ${pupilName} is saved.` });
    });
  const submit = form.handleSubmit((values) => store(values));
  // Preview what is on screen: unsaved words are saved first, so the PDF matches the form.
  const preview = isDirty ? form.handleSubmit((values) => store(values, onPreview)) : async () => onPreview();
  return (
    <form onSubmit={(event) => void submit(event)} noValidate>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          The rest of the report comes from the plan, the registers, the measures and the timetable. Recommendations are needed before the report is issued; you can
          save a draft at any time.
        </Text>
        <Textarea label="Recommendations for the school" autosize minRows={5} maxRows={14} {...form.register('recommendations')} error={errors.recommendations?.message} />
        <Textarea
          label="Summary of needs: added to the plan's"
          description="Optional. Printed after the needs written in the My Support Plan."
          autosize
          minRows={2}
          maxRows={8}
          {...form.register('needsSummary')}
          error={errors.needsSummary?.message}
        />
        <Textarea
          label="What has helped: added to the plan's"
          description="Optional. Printed after the plan's 'About me'."
          autosize
          minRows={2}
          maxRows={8}
          {...form.register('whatHelped')}
          error={errors.whatHelped?.message}
        />
        {texts.updatedAt && (
          <Text size="xs" c="dimmed">
            Last saved {formatUkDateTime(texts.updatedAt)}
            {texts.updatedBy ? ` by ${texts.updatedBy}` : ''}.
          </Text>
        )}
        <FormAlert message={errors.root?.message} />
        <Group justify="flex-end">
          <Button type="submit" variant="default" loading={isSubmitting && !previewing} disabled={!isDirty}>
            Save
          </Button>
          <Button onClick={() => void preview()} loading={previewing}>
            Preview
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * "Reintegration report" for a placement: the recommendations and other words written before
 * printing, then a preview of the PDF to save (under its default name) or print.
 */
export function ReintegrationReportButton({ placementId, pupilName, ...props }: { placementId: string; pupilName: string } & ButtonProps) {
  const [opened, setOpened] = useState(false);
  const texts = useReportTexts(placementId, opened);
  const report = useReintegrationReport();
  const [file, setFile] = useState<PdfFileView | null>(null);
  const preview = () =>
    report.mutate(placementId, {
      onSuccess: (made) => setFile({ title: `Reintegration report: ${pupilName}`, ...made }),
      onError: (error) => notifications.show({ color: 'red', title: 'The report was not made', message: error.message }),
    });
  return (
    <>
      <Button variant="default" size="compact-sm" onClick={() => setOpened(true)} {...props}>
        Reintegration report
      </Button>
      <Modal opened={opened} onClose={() => setOpened(false)} title={`Reintegration report for ${pupilName}`} size="lg">
        {texts.data ? (
          <Stack gap="md">
            <TextsForm placementId={placementId} pupilName={pupilName} texts={texts.data} onPreview={preview} previewing={report.isPending} />
            <IssuedReports placementId={placementId} pupilName={pupilName} onPdf={setFile} />
          </Stack>
        ) : texts.error ? (
          <FormAlert message={texts.error.message} />
        ) : (
          <Skeleton h={240} />
        )}
      </Modal>
      <PdfPreview file={file} onClose={() => setFile(null)} />
    </>
  );
}
