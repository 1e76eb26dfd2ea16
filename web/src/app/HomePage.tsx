import { Navigate } from 'react-router';
import { Text } from '@mantine/core';
import { BedStatePage } from '../beds/BedStatePage';
import { PageHeading } from '../ui/PageHeading';
import { useAuth } from './auth';
import { NAV_ITEMS } from './nav-items';

/** The bed state board, or the first page the role may see when it cannot see beds. */
export function HomePage() {
  const { can } = useAuth();
  if (can('beds:read')) return <BedStatePage />;
  const first = NAV_ITEMS.find((item) => can(item.permission));
  if (first) return <Navigate to={first.to} replace />;
  return (
    <>
      <PageHeading title="Welcome to SecurePath" />
      <Text>Your role has no pages in SecurePath yet. Ask your system administrator for access.</Text>
    </>
  );
}
