import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { formatUkDate, formatUkDateTime } from '../../../shared/domain/dates';
import { OUTCOME_DECISION_LABELS, ratingText, REVIEW_KIND_LABELS, type PlanReview, type SupportPlan } from '../../../shared/domain/plans';
import { ColumnHeadings, EmptyState } from '../../components/ListParts';

/** A view given at the review, under its label; nothing when none was written. */
function SaidAt({ label, text }: { label: string; text: string }) {
  if (!text) return null;
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      <Text span size="sm" c="dimmed">
        {label}:{' '}
      </Text>
      {text}
    </Text>
  );
}

function ReviewCard({ review, plan }: { review: PlanReview; plan: SupportPlan }) {
  const version = plan.versions.find((v) => v.id === review.versionId);
  const outcomeText = (id: string) => version?.content.outcomes.find((o) => o.id === id)?.what ?? 'An outcome no longer in the plan';
  const headingId = `review-${review.id}`;
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={headingId}>
      <Stack gap="xs">
        <Title order={3} size="h4" id={headingId}>
          {REVIEW_KIND_LABELS[review.kind]} · {formatUkDate(review.heldOn)} · version {review.versionNumber}
        </Title>
        <Text size="sm">
          <Text span size="sm" c="dimmed">
            Attended:{' '}
          </Text>
          {review.attendees}
        </Text>
        <SaidAt label="The pupil's view" text={review.pupilView} />
        <SaidAt label="Parents' and carers' views" text={review.parentView} />
        {review.ratings.length > 0 && (
          <Table.ScrollContainer minWidth={720}>
            <Table withTableBorder aria-label={`Outcomes at the ${REVIEW_KIND_LABELS[review.kind].toLowerCase()} of ${formatUkDate(review.heldOn)}`}>
              <ColumnHeadings columns={['Outcome', 'Progress', 'Evidence', 'Next steps', 'Decision']} />
              <Table.Tbody>
                {review.ratings.map((r) => (
                  <Table.Tr key={r.outcomeId}>
                    <Table.Td>{outcomeText(r.outcomeId)}</Table.Td>
                    <Table.Td>{r.rating === null ? 'Not rated (baseline)' : ratingText(r.rating)}</Table.Td>
                    <Table.Td>{r.evidence}</Table.Td>
                    <Table.Td>{r.nextSteps}</Table.Td>
                    <Table.Td>{OUTCOME_DECISION_LABELS[r.decision]}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed">
          Recorded by {review.recordedByName}, {formatUkDateTime(review.recordedAt)}
        </Text>
      </Stack>
    </Paper>
  );
}

/** Every review of the plan, newest first, with each outcome's rating, evidence and decision. */
export function ReviewsList({ plan }: { plan: SupportPlan }) {
  if (plan.reviews.length === 0) {
    return <EmptyState title="No reviews yet.">Record the start review first: it agrees the plan with the pupil and family, and locks the first version.</EmptyState>;
  }
  return (
    <Stack gap="sm">
      {[...plan.reviews].reverse().map((r) => (
        <ReviewCard key={r.id} review={r} plan={plan} />
      ))}
    </Stack>
  );
}
