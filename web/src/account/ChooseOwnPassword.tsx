import { Paper, Text } from '@mantine/core';
import { PageHeading } from '../ui/PageHeading';
import { ChangePassword } from './ChangePassword';

/**
 * In place of every page while the password is one an administrator set (a new account, a reset):
 * two people know it, so nothing opens until the user has chosen their own.
 */
export function ChooseOwnPassword() {
  return (
    <>
      <PageHeading title="Choose your own password" />
      <Text mb="md" maw={640}>
        Your password was set by an administrator, so someone else knows it. Choose one only you know before you go on. Enter the password you were given as the current password.
      </Text>
      <Paper withBorder p="md" maw={720}>
        <ChangePassword />
      </Paper>
    </>
  );
}
