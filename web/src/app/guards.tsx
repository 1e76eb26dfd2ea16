import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { Text } from '@mantine/core';
import { Loading } from '../ui/Loading';
import { PageHeading } from '../ui/PageHeading';
import { useAuth, type Permission } from './auth';

/** Pages behind sign-in: someone whose session ran out is sent to /login, and back here afterwards. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, signedOut } = useAuth();
  const location = useLocation();
  if (me === undefined) return <Loading what="Checking your session" />;
  if (me === null) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' || signedOut ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return children;
}

/** A page only some roles may see. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  if (can(permission)) return children;
  return (
    <>
      <PageHeading title="You do not have access to this page" />
      <Text>Your role does not allow this. If you need it, ask your system administrator.</Text>
    </>
  );
}
