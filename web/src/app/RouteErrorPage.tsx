import { isRouteErrorResponse, useRouteError } from 'react-router';
import { Anchor, Container, Text } from '@mantine/core';
import { PageHeading } from '../ui/PageHeading';

/** Shown when a page fails to load or throws: plain words, and a way back. */
export function RouteErrorPage() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error) ? `${error.status} ${error.statusText}` : error instanceof Error ? error.message : '';
  return (
    <main>
      <Container size="md" py="xl">
        <PageHeading title="Sorry, something went wrong" />
        <Text>Reload the page to try again. If it keeps happening, tell your system administrator.</Text>
        {detail && (
          <Text c="dimmed" size="sm" mt="sm">
            Details: {detail}
          </Text>
        )}
        <Anchor href="/" mt="md" display="inline-block">
          Go to the start page
        </Anchor>
      </Container>
    </main>
  );
}
