import { List, Paper, Stack, Text, Title } from '@mantine/core';
import { CLOCK_POLICY_LABELS } from '../../../src/shared/referral-vocabulary.js';
import { formatDate, plural } from '../ui/format';
import { ClockBadge, Countdown } from './ClockBadge';
import { STAGE_LABELS } from './clock-text';
import type { Clock } from './referrals.api';
import classes from './clock.module.css';

type Stage = Clock['stages'][number];

function stageText(stage: Stage): string {
  const verdict = stage.breached ? 'breached' : 'within 14 days';
  if (stage.endedOn) return `${formatDate(stage.startedOn)} to ${formatDate(stage.endedOn)}: ${plural(stage.days, 'day')}, ${verdict}.`;
  return `Started ${formatDate(stage.startedOn)}, due by ${formatDate(stage.dueOn)}: day ${stage.days} of 14${stage.breached ? ', breached' : ''}.`;
}

/** The transfer clock in full: where it stands, when it is due, and each stage of a two-stage clock. */
export function ClockPanel({ clock }: { clock: Clock }) {
  const running = clock.stoppedOn === null;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="clock-heading" className={classes.panel} data-tone={clock.status}>
      <Stack gap="xs">
        <Title order={2} size="h3" id="clock-heading">
          Transfer clock
        </Title>
        <div className={classes.big}>
          <ClockBadge clock={clock} live={false} />
        </div>
        {running ? (
          <Text>
            Due by the end of <strong>{formatDate(clock.current.dueOn)}</strong>.
            <Countdown dueAt={clock.dueAt} />
          </Text>
        ) : (
          <Text>Stopped on {formatDate(clock.stoppedOn!)}.</Text>
        )}
        <Text size="sm" c="dimmed">
          {CLOCK_POLICY_LABELS[clock.policy]}.
        </Text>
        <List size="sm" spacing={4} aria-label="Stages of the clock">
          {clock.stages.map((s) => (
            <List.Item key={s.name}>
              <strong>{STAGE_LABELS[s.name]}</strong>: {stageText(s)}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Paper>
  );
}
