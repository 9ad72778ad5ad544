import { Alert, Anchor, Badge, Button, Checkbox, FileInput, Group, List, Loader, Radio, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFileSpreadsheet } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { ImportPreview, ImportRow, SchoolChoice, SchoolMatch } from '../../../shared/api/specs/pupils';
import { FormAlert } from '../../components/FormAlert';
import { useAskBeforeDiscard, useDiscardGuard } from '../../components/FormModal';
import { count, formatUkDate } from '../../lib/format';
import { useImportPreview, useImportPupils } from './queries';
import { downloadTemplate } from './template';
import { ColumnHeadings } from '../../components/ListParts';

/** Valid rows shown under the ones with problems: enough to check the columns were read right. */
const READY_ROWS_SHOWN = 100;

/** For each school the file writes another way, what staff chose: a school on record (its id) or 'new'. */
type Choices = Record<string, SchoolChoice['use']>;

const firstChoices = (matches: readonly SchoolMatch[]): Choices => Object.fromEntries(matches.map((m) => [m.written, m.onRecord[0]!.id]));

/** The home school a row will have, as staff chose for a school the file writes another way. */
function homeSchoolOf(row: ImportRow, matches: readonly SchoolMatch[], choices: Choices): string | null {
  const match = matches.find((m) => m.lines.includes(row.line));
  if (!match) return row.homeSchool;
  const use = choices[match.written];
  return use === 'new' ? match.written : (match.onRecord.find((s) => s.id === use)?.name ?? row.homeSchool);
}

function RowTable({ preview, choices }: { preview: ImportPreview; choices: Choices }) {
  const { problems, ready } = useMemo(() => {
    const byLine = (a: ImportRow, b: ImportRow) => a.line - b.line;
    return {
      problems: preview.rows.filter((r) => r.errors.length > 0).sort(byLine),
      ready: preview.rows.filter((r) => r.errors.length === 0).sort(byLine),
    };
  }, [preview]);
  const shown = [...problems, ...ready.slice(0, READY_ROWS_SHOWN)];
  return (
    <Stack gap={4}>
      <Table.ScrollContainer minWidth={600} mah={360}>
        <Table verticalSpacing={6} stickyHeader>
          <Table.Caption>
            {problems.length > 0 ? 'Rows with problems first, then the rows that are ready.' : 'The rows that will be imported.'} Row numbers are as the spreadsheet shows them.
          </Table.Caption>
          <ColumnHeadings columns={['Row', 'Name', 'Date of birth', 'Home school', 'Problems']} />
          <Table.Tbody>
            {shown.map((row) => (
              <Table.Tr key={row.line} bg={row.errors.length > 0 ? 'var(--mantine-color-red-light)' : undefined}>
                <Table.Th scope="row">{row.line}</Table.Th>
                <Table.Td>{row.name || <Text span size="sm" c="dimmed">No name</Text>}</Table.Td>
                <Table.Td>{row.dateOfBirth ? formatUkDate(row.dateOfBirth) : ''}</Table.Td>
                <Table.Td>{homeSchoolOf(row, preview.schoolMatches, choices) ?? ''}</Table.Td>
                <Table.Td>
                  {row.errors.length === 0 ? (
                    <Badge variant="light" color="keyTeal" c="keyTeal.9" tt="none">
                      Ready
                    </Badge>
                  ) : (
                    <Stack gap={2}>
                      {row.errors.map((e, i) => (
                        <Text key={i} size="sm" c="red.9">
                          {e.column}: {e.message}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {ready.length > READY_ROWS_SHOWN && (
        <Text size="xs" c="dimmed">
          And {count(ready.length - READY_ROWS_SHOWN, 'more row')} ready to import.
        </Text>
      )}
    </Stack>
  );
}

function Summary({ preview, choices }: { preview: ImportPreview; choices: Choices }) {
  const { valid, invalid, ignoredColumns } = preview;
  const newSchools = [...preview.newSchools, ...preview.schoolMatches.filter((m) => choices[m.written] === 'new').map((m) => m.written)];
  return (
    <Stack gap={6}>
      <Text fw={600} role="status">
        {valid + invalid === 0
          ? 'The file has no pupils in it: only a header row, or nothing at all.'
          : `${count(valid, 'row')} ready${invalid > 0 ? `, ${count(invalid, 'row')} with problems` : ''}.`}
      </Text>
      {newSchools.length > 0 && (
        <div>
          <Text size="sm">
            {newSchools.length === 1 ? 'This home school is' : `These ${newSchools.length} home schools are`} not on record yet and will be added:
          </Text>
          <List size="sm">
            {newSchools.map((name) => (
              <List.Item key={name}>{name}</List.Item>
            ))}
          </List>
        </div>
      )}
      {ignoredColumns.length > 0 && (
        <Text size="sm" c="dimmed">
          Not read (Key Desk has no place for {ignoredColumns.length === 1 ? 'this column' : 'these columns'}): {ignoredColumns.join(', ')}.
        </Text>
      )}
    </Stack>
  );
}

const rowList = (lines: readonly number[]) => (lines.length === 1 ? `row ${lines[0]}` : `rows ${lines.slice(0, -1).join(', ')} and ${lines.at(-1)}`);

/** Schools the file writes another way than the record: use the one on record, or add a new school. */
function SchoolMatches({ matches, choices, onChoose }: { matches: readonly SchoolMatch[]; choices: Choices; onChoose: (written: string, use: string) => void }) {
  return (
    <Alert color="orange" title={matches.length === 1 ? 'A home school may already be on record' : 'Some home schools may already be on record'}>
      <Stack gap="sm">
        <Text size="sm">Choose the school on record, so the same school is not added twice, unless it really is a different school.</Text>
        {matches.map((match) => (
          <Radio.Group
            key={match.written}
            label={`"${match.written}" (${rowList(match.lines)})`}
            value={choices[match.written] ?? null}
            onChange={(use) => onChoose(match.written, use)}
          >
            <Stack gap={6} mt={6}>
              {match.onRecord.map((school) => (
                <Radio key={school.id} value={school.id} label={`Use ${school.name}, on record`} />
              ))}
              <Radio value="new" label={`Add "${match.written}" as a new school`} />
            </Stack>
          </Radio.Group>
        ))}
      </Stack>
    </Alert>
  );
}

/**
 * A spreadsheet of pupils: read in the window, checked by the core row by row, imported only when
 * every row is valid or staff choose to leave out the rows with problems.
 */
export function ImportPupils({ onDone, onCancel }: { onDone: () => void; onCancel: () => void }) {
  const preview = useImportPreview();
  const importer = useImportPupils();
  const [file, setFile] = useState<File | null>(null);
  const [csv, setCsv] = useState<string | null>(null);
  const [readProblem, setReadProblem] = useState<string | null>(null);
  const [onlyValid, setOnlyValid] = useState(false);
  const [choices, setChoices] = useState<Choices>({});
  // A file chosen and checked is work to lose: closing by accident asks first.
  useDiscardGuard(file !== null);
  const askBeforeDiscard = useAskBeforeDiscard();

  const choose = async (chosen: File | null) => {
    setFile(chosen);
    setCsv(null);
    setOnlyValid(false);
    setChoices({});
    setReadProblem(null);
    preview.reset();
    importer.reset();
    if (!chosen) return;
    if (/\.(xlsx?|ods|numbers)$/i.test(chosen.name)) {
      setReadProblem('That is a spreadsheet file, not a CSV. Save it as "CSV UTF-8" from Excel (File, Save As) and choose that file.');
      return;
    }
    try {
      // Excel's "CSV UTF-8" starts with a byte-order mark; it is not part of the first column's name.
      const text = (await chosen.text()).replace(/^\uFEFF/, '');
      setCsv(text);
      preview.mutate({ csv: text }, { onSuccess: (checked) => setChoices(firstChoices(checked.schoolMatches)) });
    } catch {
      setReadProblem('Key Desk could not read that file. Check it opens in a spreadsheet, then choose it again.');
    }
  };

  const result = preview.data;
  const blocked = !result || result.valid === 0 || (result.invalid > 0 && !onlyValid);
  const run = () => {
    if (!csv || !result) return;
    const schoolChoices = result.schoolMatches.map((m) => ({ written: m.written, use: choices[m.written] ?? m.onRecord[0]!.id }));
    importer.mutate(
      { csv, ...(result.invalid > 0 ? { onlyValidRows: true } : {}), ...(schoolChoices.length > 0 ? { schoolChoices } : {}) },
      {
        onSuccess: ({ imported, skipped, schoolsAdded }) => {
          const extras = [skipped > 0 ? `${count(skipped, 'row')} with problems left out` : '', schoolsAdded > 0 ? `${count(schoolsAdded, 'home school')} added` : '']
            .filter(Boolean)
            .join('; ');
          notifications.show({ title: `Imported ${count(imported, 'pupil')}`, message: extras ? `${extras}.` : 'They are on the pupil list.' });
          onDone();
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        One pupil per row, with a header row naming the columns. Save the spreadsheet as CSV first.{' '}
        <Anchor component="button" type="button" size="sm" onClick={downloadTemplate}>
          Download a template
        </Anchor>{' '}
        with the columns Key Desk reads.
      </Text>
      <FileInput
        label="CSV file"
        placeholder="Choose a .csv file"
        accept=".csv,text/csv"
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
        value={file}
        onChange={(chosen) => void choose(chosen)}
        clearable
        clearButtonProps={{ 'aria-label': 'Clear the chosen file' }}
        error={readProblem}
        data-autofocus
      />

      {preview.isPending && (
        <Group gap="xs">
          <Loader size="sm" aria-hidden />
          <Text size="sm">Checking every row…</Text>
        </Group>
      )}
      <FormAlert title="The file could not be checked" message={preview.error?.message} />

      {result && (
        <>
          <Summary preview={result} choices={choices} />
          {result.schoolMatches.length > 0 && (
            <SchoolMatches matches={result.schoolMatches} choices={choices} onChoose={(written, use) => setChoices((current) => ({ ...current, [written]: use as SchoolChoice['use'] }))} />
          )}
          {result.rows.length > 0 && <RowTable preview={result} choices={choices} />}
          {result.invalid > 0 && result.valid > 0 && (
            <Stack gap={4}>
              <Text size="sm">
                Nothing is imported while any row has a problem. Correct the spreadsheet and choose it again, or leave those rows out.
              </Text>
              <Checkbox
                label={`Import only the valid rows (skip ${result.invalid})`}
                checked={onlyValid}
                onChange={(event) => setOnlyValid(event.currentTarget.checked)}
              />
            </Stack>
          )}
          {result.valid === 0 && result.rows.length > 0 && (
            <Text size="sm" c="red.9">
              No row can be imported: correct the spreadsheet and choose it again.
            </Text>
          )}
        </>
      )}

      <FormAlert title="Nothing was imported" message={importer.error?.message} />

      <Group justify="flex-end">
        <Button variant="default" onClick={() => askBeforeDiscard(onCancel)}>
          Cancel
        </Button>
        <Button onClick={run} disabled={blocked} loading={importer.isPending}>
          {result ? `Import ${count(result.valid, 'pupil')}` : 'Import pupils'}
        </Button>
      </Group>
    </Stack>
  );
}
