import { Link } from 'react-router';
import { Anchor, Text } from '@mantine/core';
import { PageHeading } from '../ui/PageHeading';

export function NotFoundPage() {
  return (
    <>
      <PageHeading title="Page not found" />
      <Text>
        Check the address, or go to the{' '}
        <Anchor component={Link} to="/">
          start page
        </Anchor>
        .
      </Text>
    </>
  );
}
