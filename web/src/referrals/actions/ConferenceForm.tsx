import { useState } from 'react';
import { NativeSelect, SimpleGrid, Textarea, TextInput } from '@mantine/core';
import type { ConferenceInput } from '../../../../src/referrals/referrals.schema.js';
import { CALENDAR_LABELS, CONFERENCE_KIND_LABELS, PROTOCOL_INVITEES, type Calendar, type ConferenceKind } from '../../../../src/shared/referral-vocabulary.js';
import { useWhen, WhenInput } from '../../patients/WhenInput';
import { localInputToIso } from '../../ui/datetime';
import { optionsOf } from '../../ui/options';
import { ActionFrame } from './ActionFrame';
import { InviteeChoice } from './InviteeChoice';
import { NoticeCheck, useNotice } from './NoticeCheck';
import { referralStep, useStep, type Check, type StepProps } from './use-step';

const LABELS = {
  kind: 'Kind of conference',
  calendar: 'Bank-holiday calendar',
  noticeGivenAt: 'Invitations sent',
  scheduledFor: 'Date and time of the conference',
  invited: 'Invited',
  venue: 'Venue',
  shortNoticeReason: 'Reason for short notice',
};

/** Call a prison–hospital case conference with working days' notice counted in the right calendar. */
export function ConferenceForm({ referral, onDone, onCancel }: StepProps) {
  const notified = useWhen();
  const [kind, setKind] = useState<ConferenceKind>('transfer');
  const [calendar, setCalendar] = useState<Calendar>('england_wales');
  const [scheduled, setScheduled] = useState('');
  const [invited, setInvited] = useState<string[]>([...PROTOCOL_INVITEES.transfer]);
  const [venue, setVenue] = useState('');
  const [reason, setReason] = useState('');
  const notice = useNotice(calendar, notified.value.slice(0, 10), scheduled.slice(0, 10));
  const short = notice.data?.enough === false;
  const checks: Check[] = [
    ['scheduledFor', Boolean(scheduled), 'Choose the date and time of the conference'],
    ['invited', invited.length > 0, 'Invite at least one person'],
    ['shortNoticeReason', !short || reason.trim().length >= 10, 'Give the reason for short notice (at least 10 characters)'],
  ];
  const { errors, submit, frame } = useStep<ConferenceInput>(referral, referralStep(referral, 'conferences'), LABELS, onDone, checks);

  // A different kind of conference invites different people: start again from its protocol list.
  const chooseKind = (next: ConferenceKind) => {
    setKind(next);
    setInvited([...PROTOCOL_INVITEES[next]]);
  };

  const onSubmit = () =>
    submit(
      () => ({
        kind,
        calendar,
        ...(notified.iso ? { noticeGivenAt: notified.iso } : {}),
        scheduledFor: localInputToIso(scheduled),
        invited: invited as ConferenceInput['invited'],
        ...(venue.trim() ? { venue: venue.trim() } : {}),
        ...(reason.trim() ? { shortNoticeReason: reason.trim() } : {}),
      }),
      'The case conference has been arranged.',
    );

  return (
    <ActionFrame title="Arrange a case conference" intro="Give at least 3 working days’ notice where possible." submitLabel="Arrange the conference" onSubmit={onSubmit} onCancel={onCancel} {...frame}>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NativeSelect label={LABELS.kind} data={optionsOf(CONFERENCE_KIND_LABELS)} value={kind} onChange={(e) => chooseKind(e.currentTarget.value as ConferenceKind)} />
        <NativeSelect label={LABELS.calendar} data={optionsOf(CALENDAR_LABELS)} value={calendar} onChange={(e) => setCalendar(e.currentTarget.value as Calendar)} />
        <WhenInput label={LABELS.noticeGivenAt} when={notified} error={errors.noticeGivenAt} />
        <TextInput type="datetime-local" label={LABELS.scheduledFor} value={scheduled} min={notified.value} onChange={(e) => setScheduled(e.currentTarget.value)} error={errors.scheduledFor} maw={320} />
      </SimpleGrid>
      <NoticeCheck calendar={calendar} notice={notice} />
      {(short || reason) && (
        <Textarea label={LABELS.shortNoticeReason} description="Required with fewer than 3 working days of notice" autosize minRows={2} value={reason} onChange={(e) => setReason(e.currentTarget.value)} error={errors.shortNoticeReason} />
      )}
      <InviteeChoice label={LABELS.invited} value={invited} onChange={setInvited} protocol={PROTOCOL_INVITEES[kind]} error={errors.invited} />
      <TextInput label={LABELS.venue} description="Optional" value={venue} onChange={(e) => setVenue(e.currentTarget.value)} error={errors.venue} maw={520} />
    </ActionFrame>
  );
}
