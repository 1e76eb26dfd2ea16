import { useState } from 'react';
import { TextInput } from '@mantine/core';
import { localInputToIso, toLocalInputValue } from '../ui/datetime';

/** A date and time that starts at now; left as it was, the server's clock decides "now". */
export function useWhen() {
  const [initial] = useState(() => toLocalInputValue(new Date()));
  const [value, setValue] = useState(initial);
  return { value, setValue, iso: value && value !== initial ? localInputToIso(value) : undefined };
}

interface Props {
  label: string;
  when: ReturnType<typeof useWhen>;
  error?: string;
}

export function WhenInput({ label, when, error }: Props) {
  return (
    <TextInput
      type="datetime-local"
      label={label}
      description="Now, unless you change it"
      value={when.value}
      max={toLocalInputValue(new Date())}
      onChange={(e) => when.setValue(e.currentTarget.value)}
      error={error}
      maw={320}
    />
  );
}
