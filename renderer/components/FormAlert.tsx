import { Alert, Text } from '@mantine/core';

/**
 * What went wrong with a form as a whole, when the core blamed none of its fields: boxed under a title
 * in dialogs, or as a red line in short forms. Nothing while there is no message.
 */
export function FormAlert({ title, message }: { title?: string; message: string | null | undefined }) {
  if (!message) return null;
  if (!title) {
    return (
      <Text c="red" size="sm" role="alert">
        {message}
      </Text>
    );
  }
  return (
    <Alert color="red" role="alert" title={title}>
      {message}
    </Alert>
  );
}
