import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, NativeSelect, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { SECURE_TIER_LABELS, type SecureTier } from '../../../src/planning/places.js';
import { describeChange, type VariantChange } from '../../../src/planning/variants.js';
import type { VariantInput } from './planning.api';
import { usePlanning } from './planning-state';
import { tiersWithBeds } from './scenario-edit';

type Kind = 'beds' | 'stays' | 'arrivals' | 'prison';

const KIND_OPTIONS = [
  { value: 'beds', label: 'Add or remove beds' },
  { value: 'stays', label: 'Make stays longer or shorter' },
  { value: 'arrivals', label: 'More or fewer admissions' },
  { value: 'prison', label: 'More or fewer prison referrals' },
];

const described = (v: VariantInput) => v.changes.map((c) => describeChange(c as VariantChange)).join('; ');

/** A variant from the custom form: "+10 low secure beds", "Stays −10% at medium secure". */
function buildVariant(kind: Kind, tier: SecureTier, amount: number): VariantInput {
  const label = SECURE_TIER_LABELS[tier].toLowerCase();
  const factor = Math.round((1 + amount / 100) * 1000) / 1000;
  const signed = (n: number, unit = '') => `${n >= 0 ? '+' : '−'}${Math.abs(n)}${unit}`;
  switch (kind) {
    case 'beds':
      return { name: `${signed(amount)} ${label} beds`, changes: [{ kind: 'beds', tier, change: amount }] };
    case 'stays':
      return { name: `Stays ${signed(amount, '%')} at ${label}`, changes: [{ kind: 'stays', tier, factor }] };
    case 'arrivals':
      return { name: `Admissions ${signed(amount, '%')} at ${label}`, changes: [{ kind: 'arrivals', tier, factor }] };
    case 'prison':
      return { name: `Prison referrals ${signed(amount, '%')} at ${label}`, changes: [{ kind: 'arrivals', tier, source: 'prison', factor }] };
  }
}

/** Variants to run beside the baseline: one-click common ones, or built from a short form. */
export function VariantsEditor({ maxVariants }: { maxVariants: number }) {
  const { state, update } = usePlanning();
  const tiers = state.scenario ? tiersWithBeds(state.scenario) : [];
  const [kind, setKind] = useState<Kind>('beds');
  const [tier, setTier] = useState<SecureTier>(tiers.includes('low') ? 'low' : (tiers[0] ?? 'medium'));
  const [amount, setAmount] = useState<number>(10);
  const full = state.variants.length >= maxVariants;

  const add = (v: VariantInput) => {
    if (full || state.variants.some((x) => x.name === v.name)) return;
    update({ variants: [...state.variants, v] });
  };
  const quick = tiers.map((t) => buildVariant('beds', t, 10));

  return (
    <Stack gap="md">
      <div>
        <Text size="sm" fw={600} mb={6}>
          Quick variants
        </Text>
        <Group gap="xs">
          {quick.map((v) => (
            <Button key={v.name} variant="light" size="sm" onClick={() => add(v)} disabled={full}>
              {v.name}
            </Button>
          ))}
          {tiers.length > 0 && (
            <>
              <Button variant="light" size="sm" onClick={() => add({ name: 'Stays 10% shorter', changes: [{ kind: 'stays', factor: 0.9 }] })} disabled={full}>
                Stays 10% shorter
              </Button>
              <Button variant="light" size="sm" onClick={() => add({ name: 'Prison referrals up 20%', changes: [{ kind: 'arrivals', source: 'prison', factor: 1.2 }] })} disabled={full}>
                Prison referrals up 20%
              </Button>
            </>
          )}
        </Group>
      </div>
      <Paper withBorder p="md">
        <Text size="sm" fw={600} mb={6}>
          Your own variant
        </Text>
        <Group align="flex-end" gap="sm" wrap="wrap">
          <NativeSelect label="Change" data={KIND_OPTIONS} value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)} />
          <NativeSelect label="Tier" data={tiers.map((t) => ({ value: t, label: SECURE_TIER_LABELS[t] }))} value={tier} onChange={(e) => setTier(e.currentTarget.value as SecureTier)} />
          <NumberInput
            label={kind === 'beds' ? 'Beds (negative removes)' : 'Per cent (negative lowers)'}
            value={amount}
            onChange={(v) => setAmount(Number(v) || 0)}
            allowDecimal={kind !== 'beds'}
            w={190}
          />
          <Button onClick={() => add(buildVariant(kind, tier, amount))} disabled={full || amount === 0 || tiers.length === 0}>
            Add variant
          </Button>
        </Group>
      </Paper>
      {state.variants.length === 0 ? (
        <Text c="dimmed">No variants yet: the run will show the baseline alone.</Text>
      ) : (
        <Stack gap="xs" component="ul" aria-label="Variants to compare" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {state.variants.map((v, i) => (
            <Paper component="li" key={v.name} withBorder p="xs" px="md">
              <Group justify="space-between">
                <Group gap="sm">
                  <Badge variant="light">Variant {i + 1}</Badge>
                  <Text fw={600}>{v.name}</Text>
                  {described(v) !== v.name && (
                    <Text size="sm" c="dimmed">
                      {described(v)}
                    </Text>
                  )}
                </Group>
                <ActionIcon variant="subtle" color="red" aria-label={`Remove ${v.name}`} onClick={() => update({ variants: state.variants.filter((x) => x !== v) })}>
                  ×
                </ActionIcon>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {full && <Text size="sm">This server allows {maxVariants} variants beside the baseline in one run.</Text>}
    </Stack>
  );
}
