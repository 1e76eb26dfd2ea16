import { useState } from 'react';
import { Paper, Text, Title } from '@mantine/core';
import { ROLE_LABELS } from '../../../src/shared/vocabulary.js';
import { useAuth } from '../app/auth';
import { FactList } from '../ui/FactList';
import { PageHeading } from '../ui/PageHeading';
import { ChangePassword } from './ChangePassword';

/** The signed-in person's own account: who they are here, and a new password when they want one. */
export function AccountPage() {
  const { me } = useAuth();
  const [changed, setChanged] = useState(false);
  if (!me) return null;
  return (
    <>
      <PageHeading title="Your account" />
      <FactList
        cols={{ base: 1, sm: 3 }}
        facts={[
          ['User name', me.username],
          ['Roles', me.roles.map((r) => ROLE_LABELS[r]).join(', ')],
          ['Two-step sign-in', me.totpEnrolled ? 'Set up' : 'Not set up'],
        ]}
      />
      <Paper withBorder p="md" component="section" aria-labelledby="change-password-heading" mt="md">
        <Title order={2} id="change-password-heading" mb="sm">
          Change password
        </Title>
        {changed && (
          <Text role="status" fw={600} mb="sm">
            Your password is changed. Your other sessions have been signed out.
          </Text>
        )}
        <ChangePassword onChanged={() => setChanged(true)} />
      </Paper>
    </>
  );
}
