import { useRef } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { api } from '../api/client';
import { patientPath } from './use-patient';

/**
 * Post an admission, transfer or discharge; on success show the updated patient. Everything else
 * (bed state, ward lists, search results) is refreshed, as a bed has been taken or freed.
 */
export function usePlacementAction<Input>(patientId: number, action: 'admit' | 'transfer' | 'discharge') {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // One key per distinct submission: a double click or a retry after a dropped connection sends the
  // same key and is recorded once; changing the form (adding a reason, say) makes a new request.
  const keys = useRef(new Map<string, string>());
  const keyFor = (input: Input) => {
    const body = JSON.stringify(input);
    let key = keys.current.get(body);
    if (!key) {
      // getRandomValues works outside secure contexts too, unlike randomUUID.
      key = Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, '0')).join('');
      keys.current.set(body, key);
    }
    return key;
  };
  return useMutation({
    mutationFn: (input: Input) => api<PatientDetail>(`${patientPath(patientId)}/${action}`, { json: input, idempotencyKey: keyFor(input) }),
    onSuccess: async (patient) => {
      queryClient.setQueryData([patientPath(patientId), {}], patient);
      await navigate(patientPath(patientId));
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== patientPath(patientId) && q.queryKey[0] !== '/auth/me' });
    },
  });
}
