import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Container } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../../src/auth/auth.schema.js';
import { api, ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';

import type { Permission } from '../../../src/shared/vocabulary.js';

export type { Permission };

interface Auth {
  /** The signed-in user; null when signed out; undefined while the session is being checked. */
  me: Me | null | undefined;
  /** True once the user has signed out themselves (rather than the session running out). */
  signedOut: boolean;
  can(permission: Permission): boolean;
  signIn(username: string, password: string): Promise<Me>;
  signOut(): Promise<void>;
}

const ME_KEY = ['/auth/me'];
const AuthContext = createContext<Auth | null>(null);

async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity });
  const me = meQuery.data;
  const [signedOut, setSignedOut] = useState(false);

  const forget = useCallback(() => {
    setCsrfToken(null);
    // Work kept for a reload of this tab (the planning page's scenario) was this user's: the next
    // person to sign in at this computer starts without it.
    try {
      sessionStorage.clear();
    } catch {
      // Storage blocked: nothing was kept in it.
    }
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] });
    queryClient.setQueryData(ME_KEY, null);
  }, [queryClient]);

  // Any 401 from the API means the session is over: forget the user, and the route guard sends them to sign in.
  useEffect(() => setUnauthenticatedHandler(forget), [forget]);

  const login = useMutation({
    mutationFn: (input: { username: string; password: string }) => api<Me>('/auth/login', { json: input }),
    onSuccess: (signedIn) => {
      setSignedOut(false);
      setCsrfToken(signedIn.csrfToken);
      queryClient.setQueryData(ME_KEY, signedIn);
    },
  });
  const { mutateAsync: loginAsync } = login;

  const value = useMemo<Auth>(
    () => ({
      me,
      signedOut,
      can: (permission) => me?.permissions.includes(permission) ?? false,
      signIn: (username, password) => loginAsync({ username, password }),
      signOut: async () => {
        try {
          await api<unknown>('/auth/logout', { method: 'POST' });
        } finally {
          setSignedOut(true);
          forget();
        }
        // Signed in through the identity provider: sign out there too (a full page load), or the
        // next person at this computer could press "Sign in with …" and be let in as this one.
        if (me?.signedInWith === 'identity_provider') window.location.assign('/api/auth/oidc/logout');
      },
    }),
    [me, signedOut, loginAsync, forget],
  );

  if (meQuery.isError) {
    return (
      <main>
        <Container size="sm" py="xl">
          <ErrorMessage error={meQuery.error} title="SecurePath is not available" />
          <Button mt="md" onClick={() => void meQuery.refetch()}>
            Try again
          </Button>
        </Container>
      </main>
    );
  }
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

/** Replaces the signed-in user's details, e.g. once the session has proved a second factor. */
/** Takes the signed-in user as the server last answered: its CSRF token too, which proving the second factor renews. */
export function useSetMe(): (me: Me) => void {
  const queryClient = useQueryClient();
  return useCallback(
    (me: Me) => {
      setCsrfToken(me.csrfToken);
      queryClient.setQueryData(ME_KEY, me);
    },
    [queryClient],
  );
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth must be used inside <AuthProvider>');
  return auth;
}
