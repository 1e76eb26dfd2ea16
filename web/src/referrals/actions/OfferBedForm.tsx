import { useState } from 'react';
import { Link } from 'react-router';
import { Anchor, Checkbox, Radio, Stack, Text } from '@mantine/core';
import type { WardBeds } from '../../../../src/beds/beds.schema.js';
import type { OfferInput } from '../../../../src/referrals/referrals.schema.js';
import { SPECIALISM_LABELS, TIER_LABELS } from '../../../../src/shared/vocabulary.js';
import { toSearch } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { formatNumber } from '../../ui/format';
import { codeLabel } from '../../ui/options';
import { Loading } from '../../ui/Loading';
import { panelName } from '../referral-text';
import { ActionFrame } from './ActionFrame';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = { wardId: 'Ward', at: 'Date and time of the offer' };
const SECURE = new Set(['high', 'medium', 'low']);

const wardText = (w: WardBeds) =>
  `${w.wardName}, ${w.unitName}: ${(w.vacant ?? 0) > 0 ? `${formatNumber(w.vacant!)} vacant` : 'full'} (${TIER_LABELS[w.tier]}, ${codeLabel(w.sex)}, ${SPECIALISM_LABELS[w.specialism]})`;

/** Offer a bed on a secure ward of the accepting unit (or, for a regional panel, anywhere in its region). */
export function OfferBedForm({ referral, onDone, onCancel }: StepProps) {
  const when = useWhen();
  const [wardId, setWardId] = useState(referral.offeredWard ? String(referral.offeredWard.id) : '');
  const [showFull, setShowFull] = useState(false);
  const scope = referral.targetUnit ? { unitId: referral.targetUnit.id } : { regionId: referral.targetRegion.id };
  const wards = useApiQuery<WardBeds[]>('/beds/wards', scope);
  const checks: Check[] = [['wardId', Boolean(wardId), 'Choose the ward with the bed offered']];
  const { errors, submit, frame } = useStep<OfferInput>(referral, referralStep(referral, 'offer'), LABELS, onDone, checks);

  // Wards that fit the referral come first: the requested specialism, then the most vacant beds.
  const secure = (wards.data ?? []).filter((w) => SECURE.has(w.tier));
  const fits = (w: WardBeds) => (w.specialism === referral.requestedSpecialism ? 0 : 1);
  const listed = secure.filter((w) => showFull || (w.vacant ?? 0) > 0 || String(w.wardId) === wardId).sort((a, b) => fits(a) - fits(b) || (b.vacant ?? 0) - (a.vacant ?? 0));

  const onSubmit = () =>
    submit(() => ({ wardId: Number(wardId), ...(when.iso ? { at: when.iso } : {}) }), 'The bed offer has been recorded.');

  return (
    <ActionFrame title="Offer a bed" intro={`Wards of the ${panelName(referral)} panel.`} submitLabel="Offer this bed" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      {wards.isPending && <Loading what="Loading the wards" />}
      {wards.data && (
        <>
          {listed.length === 0 ? (
            <Text>No secure ward here has a vacant bed now.</Text>
          ) : (
            <Radio.Group label={LABELS.wardId} description={`The ${SPECIALISM_LABELS[referral.requestedSpecialism].toLowerCase()} wards come first`} value={wardId} onChange={setWardId} error={errors.wardId}>
              <Stack gap={6} mt={6}>
                {listed.map((w) => (
                  <Radio key={w.wardId} value={String(w.wardId)} label={wardText(w)} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Checkbox label="Show full wards too" checked={showFull} onChange={(e) => setShowFull(e.currentTarget.checked)} />
        </>
      )}
      <Text size="sm">
        Nothing suitable?{' '}
        <Anchor component={Link} to={`/find-a-bed${toSearch({ patientId: referral.patient.id, tier: referral.requestedTier, specialism: referral.requestedSpecialism })}`}>
          Find a bed elsewhere
        </Anchor>{' '}
        and forward the referral to that unit’s panel.
      </Text>
      <WhenInput label={LABELS.at} when={when} error={errors.at} />
    </ActionFrame>
  );
}
