import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Anchor, Button, Group, NativeSelect, Stack, Text, Textarea } from '@mantine/core';
import type { AdmitInput, PatientDetail, TransferInput } from '../../../src/patients/patients.schema.js';
import { ADMISSION_SOURCE_LABELS, SPECIALISM_LABELS } from '../../../src/shared/vocabulary.js';
import { ApiError, toSearch } from '../api/client';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { optionsOf, withPrompt } from '../ui/options';
import { PatientActionLayout } from './PatientActionLayout';
import { whyNotMove } from './placement-text';
import { usePlacementAction } from './use-placement-action';
import { WardPicker, type WardChoice } from './WardPicker';
import { useWhen, WhenInput } from './WhenInput';

type Move = 'admit' | 'transfer';

const LABELS = {
  wardId: 'Ward',
  source: 'Admitted from',
  admittedAt: 'Date and time of admission',
  at: 'Date and time of transfer',
  specialism: 'Specialism the patient needs',
  overCapacityReason: 'Reason for placing on this ward',
};

/** Codes the server answers with when a ward is full or does not fit: a recorded reason lets it go ahead. */
const NEEDS_REASON = new Set(['ward_full', 'ward_mismatch']);

function MoveToWardForm({ patient, move }: { patient: PatientDetail; move: Move }) {
  const [params] = useSearchParams();
  const [ward, setWard] = useState<WardChoice>({
    regionId: params.get('regionId') ?? String(patient.homeRegionId),
    unitId: params.get('unitId') ?? '',
    wardId: params.get('wardId') ?? '',
  });
  const [source, setSource] = useState('');
  const [specialism, setSpecialism] = useState(params.get('specialism') ?? '');
  const [reason, setReason] = useState('');
  const [askReason, setAskReason] = useState(false);
  const when = useWhen();
  const post = usePlacementAction<AdmitInput | TransferInput>(patient.id, move);

  // A reason given for one ward is not carried over to another.
  const chooseWard = (next: WardChoice) => {
    if (next.wardId !== ward.wardId) {
      setAskReason(false);
      post.reset();
    }
    setWard(next);
  };

  const refusal = post.error instanceof ApiError && NEEDS_REASON.has(post.error.code) ? post.error : null;
  const errors = refusal ? {} : fieldErrors(post.error, LABELS);

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const common = {
      wardId: Number(ward.wardId) || 0,
      ...(specialism ? { specialism: specialism as AdmitInput['specialism'] } : {}),
      ...(askReason && reason.trim() ? { overCapacityReason: reason.trim() } : {}),
    };
    const input: AdmitInput | TransferInput =
      move === 'admit'
        ? { ...common, source: source as AdmitInput['source'], ...(when.iso ? { admittedAt: when.iso } : {}) }
        : { ...common, ...(when.iso ? { at: when.iso } : {}) };
    post.mutate(input, {
      onError: (error) => {
        if (error instanceof ApiError && NEEDS_REASON.has(error.code)) setAskReason(true);
      },
    });
  };

  const verb = move === 'admit' ? 'Admit' : 'Transfer';
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack maw={960}>
        {refusal && <ErrorMessage error={refusal} withDetails={false} title={refusal.code === 'ward_full' ? 'This ward has no free bed' : 'This ward does not fit the patient'} />}
        {post.isError && !refusal && <ErrorMessage error={post.error} title={`The patient could not be ${move === 'admit' ? 'admitted' : 'transferred'}`} labels={LABELS} />}
        <WardPicker value={ward} onChange={chooseWard} error={errors.wardId} findBedHref={`/find-a-bed${toSearch({ patientId: patient.id })}`} />
        {move === 'admit' && (
          <NativeSelect
            label={LABELS.source}
            data={withPrompt('Choose where they came from', optionsOf(ADMISSION_SOURCE_LABELS))}
            value={source}
            onChange={(e) => setSource(e.currentTarget.value)}
            error={errors.source}
            maw={420}
          />
        )}
        <WhenInput label={move === 'admit' ? LABELS.admittedAt : LABELS.at} when={when} error={errors[move === 'admit' ? 'admittedAt' : 'at']} />
        <NativeSelect
          label={LABELS.specialism}
          description="Optional. If given, the ward must provide it"
          data={withPrompt('Not specified', optionsOf(SPECIALISM_LABELS))}
          value={specialism}
          onChange={(e) => setSpecialism(e.currentTarget.value)}
          error={errors.specialism}
          maw={420}
        />
        {askReason && (
          <Textarea
            label={LABELS.overCapacityReason}
            description="Needed because the ward is full or does not fit the patient. At least 10 characters; it is recorded on the placement."
            autosize
            minRows={3}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.overCapacityReason}
          />
        )}
        {refusal && !reason.trim() && <Text size="sm">Choose another ward, or give a reason and select {verb} again.</Text>}
        <Group>
          <Button type="submit" loading={post.isPending}>
            {verb}
          </Button>
          <Anchor component={Link} to={`/patients/${patient.id}`}>
            Cancel
          </Anchor>
        </Group>
      </Stack>
    </form>
  );
}

export function AdmitPage() {
  return (
    <PatientActionLayout verb="Admit" notNow={(p) => (p.currentPlacement ? <Text>This patient is already admitted. Transfer them instead.</Text> : null)}>
      {(p) => <MoveToWardForm patient={p} move="admit" />}
    </PatientActionLayout>
  );
}

export function TransferPage() {
  return (
    <PatientActionLayout verb="Transfer" notNow={(p) => (p.currentPlacement ? whyNotMove(p) : <Text>This patient is not in a secure bed now. Admit them instead.</Text>)}>
      {(p) => <MoveToWardForm patient={p} move="transfer" />}
    </PatientActionLayout>
  );
}
