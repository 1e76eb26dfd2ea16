import { useEffect, useState, type FormEvent } from 'react';
import { Button, Code, Group, Image, List, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import QRCode from 'qrcode';
import type { Me } from '../../../src/auth/auth.schema.js';
import { api } from '../api/client';
import { useAuth, useSetMe } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { CodeInput } from './CodeInput';

interface Setup {
  secret: string;
  otpauthUri: string;
}

const LABELS = { code: 'Code from your authenticator app' };

/** The secret in groups of four, as authenticator apps ask for it to be typed. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, '$1 ').trim();

/**
 * Sets up two-step sign-in (or, when it is set up, proves it for this session): a QR code and the
 * secret for the authenticator app, then the first code from it.
 */
export function SecondFactor({ purpose }: { purpose: string }) {
  const { me } = useAuth();
  const setMe = useSetMe();
  const [code, setCode] = useState('');
  const [qr, setQr] = useState<string | null>(null);
  const setup = useMutation({ mutationFn: () => api<Setup>('/auth/second-factor/setup', { method: 'POST' }) });
  const prove = useMutation({
    mutationFn: () => api<Me>('/auth/second-factor', { json: { code } }),
    onSuccess: (updated) => setMe(updated),
  });
  const uri = setup.data?.otpauthUri;
  useEffect(() => {
    if (uri) void QRCode.toDataURL(uri, { margin: 1, width: 180 }).then(setQr);
  }, [uri]);

  if (!me) return null;
  const enrolled = me.totpEnrolled;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    prove.mutate();
  };
  const form = (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        {prove.isError && <ErrorMessage error={prove.error} title="The code was not accepted" labels={LABELS} />}
        <CodeInput value={code} onChange={setCode} error={fieldErrors(prove.error, LABELS).code} />
        <Group>
          <Button type="submit" loading={prove.isPending}>
            {enrolled ? 'Confirm' : 'Finish setting up'}
          </Button>
        </Group>
      </Stack>
    </form>
  );

  if (enrolled) {
    return (
      <Stack gap="sm">
        <Text>{purpose} Enter the code your authenticator app shows for SecurePath.</Text>
        {form}
      </Stack>
    );
  }
  return (
    <Stack gap="sm">
      <Text>{purpose} It needs two-step sign-in: a code from an authenticator app on your phone, as well as your password.</Text>
      {!setup.data ? (
        <>
          {setup.isError && <ErrorMessage error={setup.error} title="Two-step sign-in could not be set up" />}
          <Group>
            <Button variant="outline" onClick={() => setup.mutate()} loading={setup.isPending}>
              Set up two-step sign-in
            </Button>
          </Group>
        </>
      ) : (
        <>
          <List type="ordered" spacing="xs">
            <List.Item>Open your authenticator app and add an account.</List.Item>
            <List.Item>Scan this QR code, or type the key below.</List.Item>
            <List.Item>Enter the 6-digit code it then shows.</List.Item>
          </List>
          {qr && <Image src={qr} alt="QR code for your authenticator app" w={180} h={180} />}
          <Text size="sm">
            Key: <Code data-testid="totp-secret">{grouped(setup.data.secret)}</Code>
          </Text>
          {form}
        </>
      )}
    </Stack>
  );
}
