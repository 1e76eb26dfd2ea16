import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../src/shared/vocabulary.js';
import type { UserInput } from '../../../src/users/users.schema.js';
import { api } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { PageHeading } from '../ui/PageHeading';
import { PasswordField } from './PasswordField';
import { RolesField } from './RolesField';
import { ScopesEditor } from './ScopesEditor';
import { USER_LABELS, type ScopeChoice } from './user-text';
import { USERS_PATH, userPath, type User } from './users.api';

/** A new account: who it is, the roles and places they work in, and a first password to hand over. */
export function NewUserPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<Role[]>([]);
  const [scopes, setScopes] = useState<ScopeChoice[]>([]);
  const [password, setPassword] = useState('');

  const create = useMutation({
    mutationFn: (input: UserInput) => api<User>(USERS_PATH, { json: input }),
    onSuccess: async (user) => {
      queryClient.setQueryData([userPath(user.id), {}], user);
      await queryClient.invalidateQueries({ queryKey: [USERS_PATH] });
      await navigate(userPath(user.id), { state: { message: `The account ${user.username} has been created. Give ${user.displayName} their first password by a safe route.` } });
    },
  });
  const errors = fieldErrors(create.error, USER_LABELS);

  const changeRoles = (next: Role[]) => {
    setRoles(next);
    // A scope belongs to a role: untick the role and its scopes go too (as the server would).
    setScopes(scopes.filter((s) => next.includes(s.role)));
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({
      username: username.trim().toLowerCase(),
      displayName: displayName.trim(),
      roles,
      scopes: scopes.map(({ role, level, refId }) => ({ role, level, refId })),
      password,
    });
  };

  return (
    <>
      <PageHeading title="New user" />
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={1100} gap="lg">
          {create.isError && <ErrorMessage error={create.error} title="The account could not be created" labels={USER_LABELS} />}
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={760}>
            <TextInput
              label={USER_LABELS.username}
              description="What they sign in with: lower-case letters, digits, dots and hyphens, e.g. j.smith"
              value={username}
              onChange={(e) => setUsername(e.currentTarget.value)}
              error={errors.username}
              autoComplete="off"
            />
            <TextInput
              label={USER_LABELS.displayName}
              description="As colleagues know them, e.g. Dr Jane Smith"
              value={displayName}
              onChange={(e) => setDisplayName(e.currentTarget.value)}
              error={errors.displayName}
              autoComplete="off"
            />
          </SimpleGrid>
          <RolesField value={roles} onChange={changeRoles} error={errors.roles} />
          <ScopesEditor roles={roles} value={scopes} onChange={setScopes} error={errors.scopes} />
          <PasswordField label="First password" value={password} onChange={setPassword} error={errors.password} />
          <Group>
            <Button type="submit" loading={create.isPending}>
              Create account
            </Button>
            <Anchor component={Link} to="/users">
              Cancel
            </Anchor>
          </Group>
        </Stack>
      </form>
    </>
  );
}
