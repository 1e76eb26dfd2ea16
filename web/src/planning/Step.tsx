import type { ReactNode } from 'react';
import { Group, Paper, Text, ThemeIcon, Title } from '@mantine/core';

/** A numbered step of the planning work, in a card. */
export function Step({ n, title, intro, children }: { n: number; title: string; intro?: ReactNode; children: ReactNode }) {
  const id = `step-${n}`;
  return (
    <Paper component="section" aria-labelledby={id} withBorder radius="md" p="lg">
      <Group gap="sm" mb={intro ? 4 : 'md'} wrap="nowrap">
        <ThemeIcon radius="xl" size="md" aria-hidden>
          {n}
        </ThemeIcon>
        <Title order={2} size="h3" id={id}>
          {title}
        </Title>
      </Group>
      {intro && (
        <Text size="sm" mb="md" c="dimmed">
          {intro}
        </Text>
      )}
      {children}
    </Paper>
  );
}
