import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { Alert, Anchor, Button, Group, Stack, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CodeInput } from '../account/CodeInput';
import { SecondFactor } from '../account/SecondFactor';
import { api, ApiError } from '../api/client';
import { useAuth } from '../app/auth';
import { ErrorMessage } from '../ui/ErrorMessage';
import { fieldErrors } from '../ui/field-errors';
import { PageHeading } from '../ui/PageHeading';
import { patientPath } from './use-patient';

const LABELS = { identifier: 'NHS or CHI number', reason: 'Reason for emergency access', code: 'Code from your authenticator app' };

interface Grant {
  patientId: number;
  expiresAt: string;
}

/** The same answer whether the patient does not exist or is simply outside the user's care. */
const NOT_FOUND = new Error('No patient with that number was found. Check the number and try again.');

/** Break-glass: open one patient's record without a care relationship, for a limited time, on a written reason. */
export function EmergencyAccessPage() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { me } = useAuth();
  const [identifier, setIdentifier] = useState('');
  const [reason, setReason] = useState('');
  const [code, setCode] = useState('');
  const claim = useMutation({
    mutationFn: () => api<Grant>('/access/break-glass', { json: { identifier: identifier.trim(), reason, code: code.trim() } }),
    onSuccess: async ({ patientId }) => {
      // Forget any earlier "not found" for this patient, and let searches include them now.
      queryClient.removeQueries({ queryKey: [patientPath(patientId)] });
      void queryClient.invalidateQueries({ queryKey: ['/patients'] });
      await navigate(patientPath(patientId));
    },
  });
  const errors = fieldErrors(claim.error, LABELS);
  const notFound = claim.error instanceof ApiError && claim.error.status === 404;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    claim.mutate();
  };

  return (
    <>
      <PageHeading title="Emergency access to a patient record" />
      <Stack maw={760}>
        <Alert color="red.9" variant="outline" title="Emergency access is time-limited, recorded and reviewed" role="note">
          Use this only when you urgently need the record of a patient you have no care relationship with. The record opens to you for a limited time.
          Your name, your reason and everything you look at are recorded, and the privacy officer reviews every emergency access.
        </Alert>
        {!me?.totpEnrolled ? (
          <SecondFactor purpose="Emergency access is confirmed with a code, so nobody can claim it with your password alone." />
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack>
              {claim.isError && <ErrorMessage error={notFound ? NOT_FOUND : claim.error} title="The record could not be opened" labels={LABELS} />}
              <TextInput
                label={LABELS.identifier}
                description="10 digits; spaces are fine"
                value={identifier}
                onChange={(e) => setIdentifier(e.currentTarget.value)}
                error={errors.identifier}
                inputMode="numeric"
                autoComplete="off"
                maw={320}
              />
              <Textarea
                label={LABELS.reason}
                description="At least 20 characters. Say why you need this record now: the privacy officer reads it."
                autosize
                minRows={3}
                value={reason}
                onChange={(e) => setReason(e.currentTarget.value)}
                error={errors.reason}
              />
              <CodeInput value={code} onChange={setCode} error={errors.code} />
              <Group>
                <Button type="submit" color="red.9" loading={claim.isPending}>
                  Open the record
                </Button>
                <Anchor component={Link} to="/patients">
                  Cancel
                </Anchor>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </>
  );
}
