import { useState } from 'react';
import { Button, Paper, Stack, Text } from '@mantine/core';
import { CALENDAR_LABELS, CONFERENCE_KIND_LABELS, CONFERENCE_ROLE_LABELS, type ConferenceRole } from '../../../src/shared/referral-vocabulary.js';
import { formatDateTime, plural } from '../ui/format';
import { ConferenceRecordForm } from './actions/ConferenceRecordForm';
import type { Conference, ReferralDetail } from './referrals.api';
import gist from './actions/gist.module.css';

const roles = (list: ConferenceRole[]) => list.map((r) => CONFERENCE_ROLE_LABELS[r]).join(', ');

interface Props {
  referral: ReferralDetail;
  /** May this user record a conference? */
  canRecord: boolean;
  onDone(message: string): void;
}

function ConferenceCard({ conference: c, referral, canRecord, onDone }: Props & { conference: Conference }) {
  const [recording, setRecording] = useState(false);
  return (
    <Paper withBorder p="sm" component="article">
      <Text fw={700}>
        {CONFERENCE_KIND_LABELS[c.kind]}: {formatDateTime(c.scheduledFor)}
        {c.venue ? `, ${c.venue}` : ''}
      </Text>
      <Text size="sm">
        {plural(c.noticeWorkingDays, 'working day')} of notice ({CALENDAR_LABELS[c.calendar]}), given {formatDateTime(c.noticeGivenAt)}.
        {c.shortNoticeReason ? ` Short notice because: ${c.shortNoticeReason}` : ''}
      </Text>
      <Text size="sm">Invited: {roles(c.invited)}.</Text>
      {c.missingInvitees.length > 0 && (
        <Text size="sm" c="#8a4b00" fw={600}>
          Not invited, though the protocol names them: {roles(c.missingInvitees)}.
        </Text>
      )}
      {c.heldAt ? (
        <Stack gap="xs" mt="sm">
          <Text size="sm">
            Held {formatDateTime(c.heldAt)}. Attended: {roles(c.attended)}.
          </Text>
          <div>
            <Text fw={700} size="sm">
              Record (disclosable to the patient)
            </Text>
            <Text style={{ whiteSpace: 'pre-wrap' }}>{c.disclosableRecord}</Text>
          </div>
          {c.intelligenceGist && (
            <div className={gist.gist} style={{ padding: '0.5rem 0.75rem' }}>
              <Text fw={700} size="sm" c="red.9">
                Intelligence gist: NOT disclosable to the patient
              </Text>
              <Text style={{ whiteSpace: 'pre-wrap' }}>{c.intelligenceGist}</Text>
            </div>
          )}
        </Stack>
      ) : (
        canRecord &&
        (recording ? (
          <ConferenceRecordForm
            referral={referral}
            conference={c}
            onCancel={() => setRecording(false)}
            onDone={(message) => {
              setRecording(false);
              onDone(message);
            }}
          />
        ) : (
          <Button mt="sm" variant="outline" onClick={() => setRecording(true)}>
            Record this conference
          </Button>
        ))
      )}
    </Paper>
  );
}

/** The case conferences of the referral, each with its record once held. */
export function ConferenceList(props: Props) {
  return (
    <Stack gap="sm">
      {props.referral.conferences.map((c) => (
        <ConferenceCard key={c.id} conference={c} {...props} />
      ))}
    </Stack>
  );
}
