import { useState, type FormEvent } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, Container, Divider, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { OIDC_ERROR_CODES, type SignInOptions } from '../../../src/auth/auth.schema.js';
import { ERROR_CATALOGUE } from '../../../src/http/errors.js';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PageHeading } from '../ui/PageHeading';
import { useAuth } from './auth';

/** Only same-site paths, so a crafted link cannot send someone elsewhere after signing in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** Why signing in through the identity provider did not work, from `?oidc_error=`; known codes only. */
function oidcError(code: string | null): Error | null {
  const known = OIDC_ERROR_CODES.find((c) => c === code);
  return known ? new Error(ERROR_CATALOGUE[known].message) : null;
}

export function LoginPage() {
  const { me, signIn } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = safeNext(params.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const options = useQuery({ queryKey: ['/auth/options'], queryFn: () => api<SignInOptions>('/auth/options'), staleTime: Infinity });
  const provider = options.data?.oidc ?? null;
  const providerError = oidcError(params.get('oidc_error'));

  if (me) return <Navigate to={next} replace />;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      await navigate(next, { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };

  return (
    <main>
      <Container size={420} py={60}>
        <PageHeading title="Sign in to SecurePath" />
        <Paper withBorder p="lg">
          {providerError && <ErrorMessage error={providerError} title="You could not be signed in" />}
          {provider && (
            <>
              {/* A full page load: the server sends the browser on to the identity provider. */}
              <Button component="a" href={`/api/auth/oidc/start?next=${encodeURIComponent(next)}`} fullWidth>
                Sign in with {provider.name}
              </Button>
              <Divider my="lg" label="or with a SecurePath user name and password" labelPosition="center" />
            </>
          )}
          <form onSubmit={(e) => void onSubmit(e)} noValidate>
            <Stack>
              {error !== null && <ErrorMessage error={error} title="You could not be signed in" />}
              <TextInput label="User name" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.currentTarget.value)} />
              <TextInput
                type="password"
                label="Password"
                name="password"
                autoComplete="current-password"
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
              />
              <Button type="submit" loading={busy} variant={provider ? 'default' : 'filled'}>
                Sign in
              </Button>
            </Stack>
          </form>
        </Paper>
        <Text size="sm" c="dimmed" mt="md">
          Demo: user name = role, e.g. bed-manager; password demo
        </Text>
      </Container>
    </main>
  );
}
