import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import type { PatientDetail } from '../../../src/patients/patients.schema.js';
import { api } from '../api/client';
import { useIdempotencyKeys } from '../api/idempotency';
import { patientPath } from './use-patient';

/**
 * Post an admission, transfer or discharge; on success show the updated patient. Everything else
 * (bed state, ward lists, search results) is refreshed, as a bed has been taken or freed.
 */
export function usePlacementAction<Input>(patientId: number, action: 'admit' | 'transfer' | 'discharge') {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const keyFor = useIdempotencyKeys();
  return useMutation({
    mutationFn: (input: Input) => api<PatientDetail>(`${patientPath(patientId)}/${action}`, { json: input, idempotencyKey: keyFor(input) }),
    onSuccess: async (patient) => {
      queryClient.setQueryData([patientPath(patientId), {}], patient);
      await navigate(patientPath(patientId));
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== patientPath(patientId) && q.queryKey[0] !== '/auth/me' });
    },
  });
}
