import { Button, Group, TextInput } from '@mantine/core';
import { useState } from 'react';
import { unwrap, type Result } from '../../../shared/api/result';
import { api } from '../../lib/api';

/** A folder path: typed, or picked with the system dialog where the desktop app offers one. */
export function FolderField(props: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  canChoose: boolean;
  error?: string | undefined;
  description?: string | undefined;
  /** The call that shows the folder picker (set-up's by default; other screens have their own, for their roles). */
  chooseFolder?: () => Promise<Result<{ folder: string | null }>>;
}) {
  const [choosing, setChoosing] = useState(false);
  const [chooseError, setChooseError] = useState<string>();
  const choose = async () => {
    setChoosing(true);
    setChooseError(undefined);
    try {
      const { folder } = unwrap(await (props.chooseFolder ?? api.setup.chooseFolder)());
      if (folder) props.onChange(folder);
    } catch (error) {
      setChooseError((error as Error).message);
    } finally {
      setChoosing(false);
    }
  };
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <TextInput
        style={{ flex: 1 }}
        label={props.label}
        description={props.description}
        placeholder="For example C:\Key Desk"
        value={props.value}
        onChange={(event) => props.onChange(event.currentTarget.value)}
        error={props.error ?? chooseError}
      />
      {props.canChoose && (
        <Button variant="default" onClick={() => void choose()} loading={choosing}>
          Browse…
        </Button>
      )}
    </Group>
  );
}
