import { Alert, List } from '@mantine/core';
import { ApiError } from '../api/client';
import { describeDetail } from './field-errors';

interface Props {
  error: unknown;
  title?: string;
  /** Labels of form fields, to name them in plain English in the list of problems. */
  labels?: Record<string, string>;
  /** List the server's details under the message (off when the message already says it all). */
  withDetails?: boolean;
}

/** The server's message, and any problems it listed, in an alert read out when it appears. */
export function ErrorMessage({ error, title = 'There is a problem', labels, withDetails = true }: Props) {
  const message = error instanceof Error ? error.message : 'Something went wrong. Try again.';
  const details = withDetails && error instanceof ApiError ? error.details : [];
  return (
    <Alert color="red" title={title} my="md">
      {message}
      {details.length > 0 && (
        <List size="sm" mt="xs">
          {details.map((d, i) => (
            <List.Item key={i}>
              {d.row !== undefined ? `Row ${d.row}: ` : ''}
              {describeDetail(d, labels)}
            </List.Item>
          ))}
        </List>
      )}
    </Alert>
  );
}
