import { useEffect, type ReactNode } from 'react';
import { Group, Title } from '@mantine/core';

interface Props {
  title: string;
  /** Buttons or links shown beside the heading. */
  actions?: ReactNode;
}

/** The page's one h1; also names the browser tab. */
export function PageHeading({ title, actions }: Props) {
  useEffect(() => {
    document.title = `${title} – SecurePath`;
  }, [title]);
  return (
    <Group justify="space-between" align="flex-start" mb="md" wrap="wrap">
      <Title order={1}>{title}</Title>
      {actions && <Group gap="sm">{actions}</Group>}
    </Group>
  );
}
