import { useState } from 'react';
import { Fieldset, Text, Textarea, TextInput } from '@mantine/core';
import type { ConferenceRecordInput } from '../../../../src/referrals/referrals.schema.js';
import { PROTOCOL_INVITEES } from '../../../../src/shared/referral-vocabulary.js';
import { localInputToIso, toLocalInputValue } from '../../ui/datetime';
import { formatDateTime } from '../../ui/format';
import type { Conference } from '../referrals.api';
import { ActionFrame } from './ActionFrame';
import { InviteeChoice } from './InviteeChoice';
import { useStep, type Check, type StepProps } from './use-step';
import classes from './gist.module.css';

const LABELS = {
  heldAt: 'Date and time it was held',
  attended: 'Attended',
  disclosableRecord: 'Record of the conference (disclosable)',
  intelligenceGist: 'Intelligence gist (not disclosable)',
};

/**
 * The conference's record, in two deliberately separate parts: one written so it can be shown to the
 * patient in full and travels with them; and a gist of intelligence that must not be disclosed.
 */
export function ConferenceRecordForm({ referral, conference, onDone, onCancel }: StepProps & { conference: Conference }) {
  // Held at the time it was called for, or now if that is still to come; kept to the second while untouched,
  // since the input holds only minutes and the record may not predate the notice given.
  const [initial] = useState(() => new Date(Math.min(Date.now(), Date.parse(conference.scheduledFor))));
  const [heldAt, setHeldAt] = useState(() => toLocalInputValue(initial));
  const [attended, setAttended] = useState<string[]>([...conference.invited]);
  const [record, setRecord] = useState('');
  const [gist, setGist] = useState('');
  const checks: Check[] = [
    ['heldAt', Boolean(heldAt), 'Give when it was held'],
    ['attended', attended.length > 0, 'Tick who attended'],
    ['disclosableRecord', record.trim().length >= 10, 'Write the record (at least 10 characters)'],
  ];
  const { errors, submit, frame } = useStep<ConferenceRecordInput>(referral, { path: `/conferences/${conference.id}/record`, version: conference.version }, LABELS, onDone, checks);

  const onSubmit = () =>
    submit(
      () => ({
        heldAt: heldAt === toLocalInputValue(initial) ? initial.toISOString() : localInputToIso(heldAt),
        attended: attended as ConferenceRecordInput['attended'],
        disclosableRecord: record.trim(),
        ...(gist.trim() ? { intelligenceGist: gist.trim() } : {}),
      }),
      'The conference record has been saved.',
    );

  return (
    <ActionFrame title={`Record the case conference of ${formatDateTime(conference.scheduledFor)}`} submitLabel="Save the record" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      <TextInput type="datetime-local" label={LABELS.heldAt} value={heldAt} max={toLocalInputValue(new Date())} onChange={(e) => setHeldAt(e.currentTarget.value)} error={errors.heldAt} maw={320} />
      <InviteeChoice label={LABELS.attended} value={attended} onChange={setAttended} protocol={PROTOCOL_INVITEES[conference.kind]} error={errors.attended} />
      <Textarea
        label={LABELS.disclosableRecord}
        description="Write it so it can be shown to the patient in full: it travels with them."
        autosize
        minRows={5}
        value={record}
        onChange={(e) => setRecord(e.currentTarget.value)}
        error={errors.disclosableRecord}
      />
      <Fieldset legend="Not disclosable to the patient" className={classes.gist}>
        <Text size="sm" mb="xs">
          Only the gist of intelligence whose detail would prejudice third parties or security. Kept apart from the record above and never shown to the patient.
        </Text>
        <Textarea label={LABELS.intelligenceGist} description="Optional" autosize minRows={3} value={gist} onChange={(e) => setGist(e.currentTarget.value)} error={errors.intelligenceGist} />
      </Fieldset>
    </ActionFrame>
  );
}
