import { TextInput } from '@mantine/core';

interface Props {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  label?: string;
}

/** The 6-digit code from an authenticator app; phones and password managers fill it in. */
export function CodeInput({ value, onChange, error, label = 'Code from your authenticator app' }: Props) {
  return (
    <TextInput
      label={label}
      description="6 digits; it changes every 30 seconds"
      value={value}
      onChange={(e) => onChange(e.currentTarget.value)}
      error={error}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      maw={320}
    />
  );
}
