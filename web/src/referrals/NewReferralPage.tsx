import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { Anchor, Button, Fieldset, Group, NativeSelect, Radio, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import type { ReferralInput } from '../../../src/referrals/referrals.schema.js';
import {
  CLOCK_POLICY_LABELS,
  LEGAL_ROUTE_LABELS,
  OFFENCE_CATEGORY_LABELS,
  REFERRAL_SOURCE_LABELS,
  URGENCY_LABELS,
} from '../../../src/shared/referral-vocabulary.js';
import { SPECIALISM_LABELS, TIER_LABELS } from '../../../src/shared/vocabulary.js';
import { api } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { useRegions } from '../directory/directory.api';
import { useWhen, WhenInput } from '../patients/WhenInput';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { optionsOf, regionOptions, withPrompt } from '../ui/options';
import { PageHeading } from '../ui/PageHeading';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { emptyReferral, LABELS, missingFields, needsUrgencyReason, toReferralInput, type ReferralForm } from './new-referral-form';
import { PanelPicker } from './PanelPicker';
import { PatientChooser } from './PatientChooser';
import { ReferrerPicker } from './ReferrerPicker';
import { BOARD_PATH, referralPath, useReferralSettings, type ReferralDetail } from './referrals.api';

const SECURE_TIERS = { high: TIER_LABELS.high, medium: TIER_LABELS.medium, low: TIER_LABELS.low };

/** Intake of a referral: who, from where, under what law, how urgent, to which panel, and on which clock. */
export function NewReferralPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const settings = useReferralSettings();
  const regions = useRegions();
  const when = useWhen();
  const keyFor = useIdempotencyKeys();
  const [form, setForm] = useState<ReferralForm>(() => emptyReferral());
  // The form's own checks show once the user has tried to save, and clear as each field is put right.
  const [tried, setTried] = useState(false);

  // The clock policy defaults to the service's setting; the referral keeps whichever is chosen for its life.
  const defaultPolicy = settings.data?.clockPolicy;
  useEffect(() => {
    if (defaultPolicy) setForm((f) => (f.clockPolicy ? f : { ...f, clockPolicy: defaultPolicy }));
  }, [defaultPolicy]);

  const create = useMutation({
    mutationFn: (input: ReferralInput) => api<ReferralDetail>(BOARD_PATH, { json: input, idempotencyKey: keyFor(input) }),
    onSuccess: async (referral) => {
      queryClient.setQueryData([referralPath(referral.id), {}], referral);
      void queryClient.invalidateQueries({ queryKey: [BOARD_PATH] });
      await navigate(referralPath(referral.id));
    },
  });
  const missing = tried ? missingFields(form) : {};
  const errors = { ...fieldErrors(create.error, LABELS), ...missing };

  const set = <K extends keyof ReferralForm>(key: K, value: ReferralForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const text = (key: 'referringClinician' | 'urgencyReason') => ({
    label: LABELS[key],
    value: form[key],
    error: errors[key],
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
  });
  const select = (key: 'source' | 'legalRoute' | 'urgency' | 'requestedTier' | 'requestedSpecialism' | 'homeRegionId' | 'offenceCategory', prompt: string, options: Parameters<typeof withPrompt>[1]) => ({
    label: LABELS[key],
    value: form[key],
    error: errors[key],
    data: withPrompt(prompt, options),
    onChange: (e: { currentTarget: { value: string } }) => set(key, e.currentTarget.value),
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTried(true);
    create.reset();
    if (Object.keys(missingFields(form)).length === 0) create.mutate(toReferralInput(form, when.iso));
  };

  const gapCount = Object.keys(missing).length;
  return (
    <>
      <PageHeading title="New referral" />
      <form onSubmit={onSubmit} noValidate>
        <Stack maw={960} gap="lg">
          {gapCount > 0 && (
            <Text c="red.9" fw={700} role="alert">
              {gapCount === 1 ? 'One detail is missing' : `${gapCount} details are missing`}: see the fields marked below.
            </Text>
          )}
          {create.isError && <ErrorMessage error={create.error} title="The referral could not be saved" labels={LABELS} />}

          <Section legend="The person referred">
            <PatientChooser
              mode={form.patientMode}
              onMode={(m) => set('patientMode', m)}
              patientId={form.patientId}
              onPatient={(id) => set('patientId', id)}
              person={form.person}
              onPerson={(p) => set('person', p)}
              errors={errors}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect {...select('homeRegionId', 'Choose a region', regionOptions(regions.data ?? []))} description="Where the person lives or will return to" />
              <NativeSelect {...select('offenceCategory', 'Choose', optionsOf(OFFENCE_CATEGORY_LABELS))} description="The most serious, or no index offence" />
            </SimpleGrid>
          </Section>

          <Section legend="Where the referral comes from">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect {...select('source', 'Choose the source', optionsOf(REFERRAL_SOURCE_LABELS))} />
              <TextInput {...text('referringClinician')} autoComplete="off" />
            </SimpleGrid>
            <ReferrerPicker
              value={form.referrer}
              onChange={(r) => set('referrer', r)}
              errors={{ organisationId: errors.referringOrganisationId, unitId: errors.referringUnitId }}
            />
            <WhenInput label={LABELS.receivedAt!} when={when} error={errors.receivedAt} />
          </Section>

          <Section legend="What is asked for">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <NativeSelect {...select('legalRoute', 'Choose the legal route', optionsOf(LEGAL_ROUTE_LABELS))} />
              <NativeSelect {...select('urgency', 'Choose the urgency', optionsOf(URGENCY_LABELS))} />
              <NativeSelect {...select('requestedTier', 'Choose a tier', optionsOf(SECURE_TIERS))} />
              <NativeSelect {...select('requestedSpecialism', 'Choose a specialism', optionsOf(SPECIALISM_LABELS))} />
            </SimpleGrid>
            {needsUrgencyReason(form.urgency) && (
              <Textarea
                {...text('urgencyReason')}
                description="Needed for emergency and urgent referrals: for example, stopped eating and drinking, or a serious risk to others"
                autosize
                minRows={2}
              />
            )}
          </Section>

          <Section legend="Which admission panel decides">
            <PanelPicker
              legend="Send the referral to"
              value={form.panel}
              onChange={(p) => set('panel', p)}
              errors={{ regionId: errors.targetRegionId, unitId: errors.targetUnitId }}
            />
          </Section>

          <Section legend="Transfer clock">
            <Radio.Group
              label="How the clock runs"
              description="Kept for the life of this referral, even if the service's setting changes later"
              value={form.clockPolicy}
              onChange={(v) => set('clockPolicy', v)}
              error={errors.clockPolicy}
            >
              <Stack gap={6} mt={6}>
                {Object.entries(CLOCK_POLICY_LABELS).map(([value, label]) => (
                  <Radio key={value} value={value} label={`${label}${value === defaultPolicy ? ' (the service’s setting)' : ''}`} />
                ))}
              </Stack>
            </Radio.Group>
          </Section>

          <Group>
            <Button type="submit" loading={create.isPending}>
              Make the referral
            </Button>
            <Anchor component={Link} to={BOARD_PATH}>
              Cancel
            </Anchor>
          </Group>
        </Stack>
      </form>
    </>
  );
}

function Section({ legend, children }: { legend: string; children: ReactNode }) {
  return (
    <Fieldset legend={legend}>
      <Stack>{children}</Stack>
    </Fieldset>
  );
}
