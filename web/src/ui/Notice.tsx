import type { ReactNode } from 'react';
import { Alert } from '@mantine/core';

// Mantine's light alerts colour their titles at a shade below WCAG AA on the tinted background;
// these keep the tint for recognition and darken the words.
const TITLE: Record<Tone, string> = { orange: '#6b2c00', red: '#8a1538', gray: '#212b32', green: '#00401e' };

type Tone = 'orange' | 'red' | 'gray' | 'green';

interface Props {
  tone: Tone;
  title: string;
  children: ReactNode;
  role?: 'alert' | 'status';
  mb?: string;
  my?: string;
  /** Shows a close button. */
  onClose?: () => void;
}

/** A warning or note in a tinted box, with a title readable at AA contrast. */
export function Notice({ tone, title, children, role, mb, my, onClose }: Props) {
  return (
    <Alert color={tone} title={title} role={role} mb={mb} my={my} withCloseButton={onClose !== undefined} onClose={onClose} closeButtonLabel="Dismiss" styles={{ title: { color: TITLE[tone] } }}>
      {children}
    </Alert>
  );
}
