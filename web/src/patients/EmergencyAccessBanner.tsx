import { Alert } from '@mantine/core';
import { formatTime } from '../ui/format';

/** Shown on a record opened only through emergency (break-glass) access, with when that access ends. */
export function EmergencyAccessBanner({ until }: { until: string }) {
  return (
    <Alert color="red.9" variant="filled" mb="md">
      <strong>Emergency access</strong> — you can see this record until {formatTime(until)} because you claimed emergency access. This is recorded and
      reviewed.
    </Alert>
  );
}
