import { useCallback, useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../api/client';

/** What a save sends from: the version being edited, the form and the fields that differ from it. */
export interface ConflictEditDraft<R, V> {
  base: R;
  values: V;
  changed: (keyof V)[];
}

export interface ConflictEditOptions<R, V> {
  /** The record to edit; an editor that also creates passes null (then any form may be saved). */
  record: R;
  /** The record as the form holds it. */
  toForm(record: R): V;
  /** The fields whose form value differs from the version being edited. */
  changedOf(values: V, base: V): (keyof V)[];
  /** Send the changes, with the version they were made against (If-Match). */
  save(draft: ConflictEditDraft<R, V>): Promise<NonNullable<R>>;
  /** After a save: update the cache, say so, move on (the save stays pending until a promise settles). */
  onSaved(saved: NonNullable<R>): unknown;
  /** Someone else saved first (412 `version_conflict`): the record as it is now saved. */
  onConflict?(current: NonNullable<R>): void;
  /** The label of the save button, as the notice after re-applying names it. */
  saveLabel: string;
}

/**
 * Optimistic-concurrency editing: the form starts from a version of the record (`base`) and a save
 * sends only the changed fields against that version. If someone else saved first, `conflict` holds
 * the record as it is now; the user either re-applies their changes on top of it (`reapply`) or
 * takes it as it is (`keepTheirs`), then saves again. Nothing is overwritten unseen.
 */
export function useConflictEdit<R, V>({ record, toForm, changedOf, save, onSaved, onConflict, saveLabel }: ConflictEditOptions<R, V>) {
  const [base, setBase] = useState<R>(record);
  const baseValues = toForm(base);
  const [values, setValues] = useState<V>(baseValues);
  const [conflict, setConflict] = useState<NonNullable<R> | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const changed = changedOf(values, baseValues);

  const mutation = useMutation({
    mutationFn: () => save({ base, values, changed }),
    onSuccess: (saved) => {
      setNotice(null);
      return onSaved(saved);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.code === 'version_conflict' && error.current) {
        const current = error.current as NonNullable<R>;
        setConflict(current);
        onConflict?.(current);
      }
    },
  });

  /** Edit from this version of the record, as it is saved (the form loses what it held). */
  const startFrom = useCallback(
    (next: R) => {
      setBase(next);
      setValues(toForm(next));
    },
    [toForm],
  );

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setNotice(null);
    if (base !== null && changed.length === 0) {
      setNotice('Nothing has changed, so there is nothing to save.');
      return;
    }
    mutation.mutate();
  };

  /** The current version becomes the starting point, with the user's changes on top; they check and save again. */
  const reapply = () => {
    if (!conflict) return;
    const mine = Object.fromEntries(changed.map((k) => [k, values[k]])) as Partial<V>;
    setBase(conflict);
    setValues({ ...toForm(conflict), ...mine });
    setConflict(null);
    mutation.reset();
    setNotice(`Your changes are now on top of the current version. Check them, then select ${saveLabel}.`);
  };

  /** The current version as it is: the user's changes are dropped. */
  const keepTheirs = () => {
    if (!conflict) return;
    startFrom(conflict);
    setConflict(null);
    mutation.reset();
    setNotice('The form now shows the current version. Nothing of yours was saved.');
  };

  return { base, baseValues, values, setValues, changed, conflict, notice, onSubmit, reapply, keepTheirs, startFrom, mutation };
}
