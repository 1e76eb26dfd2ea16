import { useEffect } from 'react';
import { Button, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import type { Role } from '../../../src/shared/vocabulary.js';
import type { UserPatch } from '../../../src/users/users.schema.js';
import { api } from '../api/client';
import { ConflictReview, type ConflictField, type FormValues } from '../ui/ConflictReview';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { useConflictEdit } from '../ui/use-conflict-edit';
import { RolesField } from './RolesField';
import { ScopesEditor } from './ScopesEditor';
import { roleList, scopesText, USER_LABELS, type ScopeChoice } from './user-text';
import { USERS_PATH, userPath, type User } from './users.api';

interface Values {
  displayName: string;
  roles: Role[];
  scopes: ScopeChoice[];
}

const valuesOf = (u: User): Values => ({ displayName: u.displayName, roles: u.roles, scopes: u.scopes });
const scopeKeys = (scopes: ScopeChoice[]) =>
  scopes
    .map((s) => `${s.role}|${s.level}|${s.refId}`)
    .sort()
    .join(',');

/** The fields as the conflict review compares them: words, not codes. */
const FIELDS: ConflictField[] = [
  { name: 'displayName', label: 'Name' },
  { name: 'roles', label: 'Roles' },
  { name: 'scopes', label: 'Scopes' },
];
const asText = (v: Values): FormValues => ({ displayName: v.displayName, roles: roleList(v.roles), scopes: scopesText(v.scopes) });

function changedOf(values: Values, base: Values): (keyof Values)[] {
  const out: (keyof Values)[] = [];
  if (values.displayName.trim() !== base.displayName) out.push('displayName');
  if (values.roles.join(',') !== base.roles.join(',')) out.push('roles');
  if (scopeKeys(values.scopes) !== scopeKeys(base.scopes)) out.push('scopes');
  return out;
}

interface Props {
  user: User;
  /** The signed-in administrator's own account: their administrator role cannot be taken away here. */
  isSelf: boolean;
  onSaved(user: User, message: string): void;
}

/**
 * Name, roles and scopes of an account, saved against the version on screen (If-Match). If another
 * administrator saved first, both versions are shown side by side and the choice is the user's.
 */
export function UserEditor({ user, isSelf, onSaved }: Props) {
  const queryClient = useQueryClient();
  const { base, baseValues, values, setValues, changed, conflict, notice, onSubmit, reapply, keepTheirs, startFrom, mutation: save } = useConflictEdit({
    record: user,
    toForm: valuesOf,
    changedOf,
    save: ({ base, values, changed }) => {
      const patch: UserPatch = {};
      if (changed.includes('displayName')) patch.displayName = values.displayName.trim();
      if (changed.includes('roles')) patch.roles = values.roles;
      if (changed.includes('roles') || changed.includes('scopes')) patch.scopes = values.scopes.map(({ role, level, refId }) => ({ role, level, refId }));
      return api<User>(userPath(base.id), { method: 'PATCH', json: patch, ifMatch: base.version });
    },
    onSaved: (saved) => {
      queryClient.setQueryData([userPath(saved.id), {}], saved);
      void queryClient.invalidateQueries({ queryKey: [USERS_PATH] });
      startFrom(saved);
      onSaved(saved, `The changes to ${saved.displayName} have been saved.`);
    },
    onConflict: (current) => queryClient.setQueryData([userPath(current.id), {}], current),
    saveLabel: 'Save changes',
  });

  // An action elsewhere on the page (unlock, deactivate) moved the version on: start from it, unless
  // there are unsaved changes, which then meet the conflict review when saved.
  useEffect(() => {
    if (user.version !== base.version && changed.length === 0) startFrom(user);
  }, [user, base, changed.length, startFrom]);

  const changeRoles = (roles: Role[]) => setValues({ ...values, roles, scopes: values.scopes.filter((s) => roles.includes(s.role)) });

  const errors = fieldErrors(save.error, USER_LABELS);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="user-editor-heading">
      <Title order={2} id="user-editor-heading" mb="sm">
        Name, roles and scopes
      </Title>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          {conflict && <ConflictReview fields={FIELDS} mine={asText(values)} current={asText(valuesOf(conflict))} base={asText(baseValues)} changed={new Set(changed)} onReapply={reapply} onDiscard={keepTheirs} />}
          {save.isError && !conflict && <ErrorMessage error={save.error} title="The changes could not be saved" labels={USER_LABELS} />}
          {notice && (
            <Text role="status" fw={600}>
              {notice}
            </Text>
          )}
          <TextInput label={USER_LABELS.displayName} value={values.displayName} onChange={(e) => setValues({ ...values, displayName: e.currentTarget.value })} error={errors.displayName} maw={420} />
          <RolesField value={values.roles} onChange={changeRoles} error={errors.roles} locked={isSelf ? { admin: 'Your own: another administrator can change it' } : {}} />
          <ScopesEditor roles={values.roles} value={values.scopes} onChange={(scopes) => setValues({ ...values, scopes })} error={errors.scopes} />
          <div>
            <Button type="submit" loading={save.isPending} disabled={conflict !== null}>
              Save changes
            </Button>
          </div>
        </Stack>
      </form>
    </Paper>
  );
}
