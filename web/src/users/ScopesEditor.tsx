import { useState } from 'react';
import { Button, Fieldset, Group, NativeSelect, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { ROLE_LABELS, SERVICE_TYPE_LABELS, type Role } from '../../../src/shared/vocabulary.js';
import { roleUsesScopes, SCOPE_LEVEL_LABELS, SCOPE_LEVELS, type ScopeLevel } from '../../../src/users/users.rules.js';
import { useNations, useOrganisations, useRegions, useUnits, useWards } from '../directory/directory.api';
import { Notice } from '../ui/Notice';
import { groupedOptions, regionOptions, withPrompt, type Option } from '../ui/options';
import { placeText, type ScopeChoice } from './user-text';

interface Props {
  roles: Role[];
  value: ScopeChoice[];
  onChange(scopes: ScopeChoice[]): void;
  error?: string;
}

type Place = Option & { name: string; within: string | null };

interface Pick {
  role: string;
  level: ScopeLevel;
  regionId: string;
  unitId: string;
  placeId: string;
}

const sameScope = (a: ScopeChoice, b: ScopeChoice) => a.role === b.role && a.level === b.level && a.refId === b.refId;

/**
 * Where each of the user's roles applies: the wards, units, providers, regions or nations whose
 * patients and referrals they reach. Places are picked from the directory, level by level.
 */
export function ScopesEditor({ roles, value, onChange, error }: Props) {
  const scopedRoles = roles.filter(roleUsesScopes);
  const [pick, setPick] = useState<Pick>({ role: '', level: 'ward', regionId: '', unitId: '', placeId: '' });
  const [message, setMessage] = useState<string | null>(null);
  const role = scopedRoles.find((r) => r === pick.role) ?? (scopedRoles.length === 1 ? scopedRoles[0] : undefined);

  const regionId = Number(pick.regionId) || undefined;
  const unitId = Number(pick.unitId) || undefined;
  const needsRegion = pick.level === 'ward' || pick.level === 'unit' || pick.level === 'organisation';
  const nations = useNations();
  const regions = useRegions();
  const organisations = useOrganisations({ regionId }, pick.level === 'organisation' && regionId !== undefined);
  const units = useUnits({ regionId }, (pick.level === 'unit' || pick.level === 'ward') && regionId !== undefined);
  const wards = useWards({ unitId }, pick.level === 'ward' && unitId !== undefined);

  const regionName = (id: number) => regions.data?.find((r) => r.id === id)?.name ?? null;
  const places: Place[] =
    pick.level === 'nation'
      ? (nations.data ?? []).map((n) => ({ value: String(n.id), label: n.name, name: n.name, within: null }))
      : pick.level === 'region'
        ? (regions.data ?? []).map((r) => ({ value: String(r.id), label: r.name, name: r.name, within: r.nationName }))
        : pick.level === 'organisation'
          ? (organisations.data ?? []).map((o) => ({ value: String(o.id), label: `${o.name} (${o.code})`, name: o.name, within: regionName(o.regionId) }))
          : pick.level === 'unit'
            ? (units.data ?? []).map((u) => ({ value: String(u.id), label: `${u.name} (${SERVICE_TYPE_LABELS[u.serviceType]})`, name: u.name, within: u.organisationName }))
            : (wards.data ?? []).map((w) => ({ value: String(w.id), label: `${w.name} (${w.code})`, name: w.name, within: w.unitName }));
  const placeReady = !needsRegion || (regionId !== undefined && (pick.level !== 'ward' || unitId !== undefined));
  const placeLabel = SCOPE_LEVEL_LABELS[pick.level];

  const add = () => {
    const place = places.find((p) => p.value === pick.placeId);
    if (!role || !place) {
      setMessage(!role ? 'Choose the role this scope is for.' : `Choose the ${placeLabel.toLowerCase()} first.`);
      return;
    }
    const scope: ScopeChoice = { role, level: pick.level, refId: Number(place.value), name: place.name, within: place.within };
    if (value.some((s) => sameScope(s, scope))) {
      setMessage(`${ROLE_LABELS[role]} already has ${placeText(scope)}.`);
      return;
    }
    onChange([...value, scope]);
    setMessage(`Added ${placeText(scope)} for ${ROLE_LABELS[role]}. Save to keep it.`);
    setPick({ ...pick, placeId: '' });
  };
  const remove = (scope: ScopeChoice) => {
    onChange(value.filter((s) => !sameScope(s, scope)));
    setMessage(`Removed ${placeText(scope)} for ${ROLE_LABELS[scope.role]}. Save to keep the change.`);
  };

  const unscoped = scopedRoles.filter((r) => !value.some((s) => s.role === r));
  return (
    <Fieldset legend="Scopes">
      <Stack gap="sm">
        <Text size="sm">A scope says whose patients and referrals a role reaches: those on a ward, in a unit, at a provider, in a region or in a whole nation.</Text>
        {scopedRoles.length === 0 ? (
          <Text size="sm">None of the roles ticked works with named patients, so no scope is needed.</Text>
        ) : (
          <>
            {value.length > 0 ? (
              <Table withTableBorder aria-label="Scopes of this user">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">Role</Table.Th>
                    <Table.Th scope="col">Place</Table.Th>
                    <Table.Th scope="col">Change</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {value.map((s) => (
                    <Table.Tr key={`${s.role}|${s.level}|${s.refId}`}>
                      <Table.Td>{ROLE_LABELS[s.role]}</Table.Td>
                      <Table.Td>{placeText(s)}</Table.Td>
                      <Table.Td>
                        <Button size="xs" variant="default" onClick={() => remove(s)} aria-label={`Remove ${placeText(s)} for ${ROLE_LABELS[s.role]}`}>
                          Remove
                        </Button>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            ) : null}
            {unscoped.length > 0 && (
              <Notice tone="orange" title="No scope yet">
                {unscoped.map((r) => ROLE_LABELS[r]).join(', ')}: reaches no patients until a scope is added.
              </Notice>
            )}
            <Fieldset legend="Add a scope">
              <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }}>
                <NativeSelect
                  label="For role"
                  data={withPrompt('Choose a role', scopedRoles.map((r) => ({ value: r, label: ROLE_LABELS[r] })))}
                  value={role ?? ''}
                  onChange={(e) => setPick({ ...pick, role: e.currentTarget.value })}
                />
                <NativeSelect
                  label="Level"
                  data={SCOPE_LEVELS.map((l) => ({ value: l, label: SCOPE_LEVEL_LABELS[l] }))}
                  value={pick.level}
                  onChange={(e) => setPick({ ...pick, level: e.currentTarget.value as ScopeLevel, placeId: '' })}
                />
                {needsRegion && (
                  <NativeSelect
                    label="In region"
                    data={withPrompt('Choose a region', regionOptions(regions.data ?? []))}
                    value={pick.regionId}
                    onChange={(e) => setPick({ ...pick, regionId: e.currentTarget.value, unitId: '', placeId: '' })}
                  />
                )}
                {pick.level === 'ward' && (
                  <NativeSelect
                    label="In unit"
                    disabled={regionId === undefined}
                    data={withPrompt(regionId === undefined ? 'Choose a region first' : 'Choose a unit', (units.data ?? []).map((u) => ({ value: String(u.id), label: u.name })))}
                    value={pick.unitId}
                    onChange={(e) => setPick({ ...pick, unitId: e.currentTarget.value, placeId: '' })}
                  />
                )}
                <NativeSelect
                  label={placeLabel}
                  disabled={!placeReady}
                  data={withPrompt(placeReady ? `Choose a ${placeLabel.toLowerCase()}` : 'Narrow it down first', pick.level === 'region' ? regionOptions(regions.data ?? []) : groupedIfWithin(places))}
                  value={pick.placeId}
                  onChange={(e) => setPick({ ...pick, placeId: e.currentTarget.value })}
                />
              </SimpleGrid>
              <Group mt="sm">
                <Button variant="default" onClick={add}>
                  Add scope
                </Button>
              </Group>
            </Fieldset>
          </>
        )}
        {message && (
          <Text role="status" size="sm" fw={600}>
            {message}
          </Text>
        )}
        {error && (
          <Text c="red.9" size="sm" role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </Fieldset>
  );
}

/** Organisations and units grouped under what they lie in when there is more than one. */
function groupedIfWithin(places: Place[]) {
  const groups = new Set(places.map((p) => p.within));
  if (groups.size <= 1) return places.map(({ value, label }) => ({ value, label }));
  return groupedOptions(places, (p) => p.within ?? 'Other', ({ value, label }) => ({ value, label }));
}
