import { inject } from 'vitest';

/** moto's endpoint for the e2e tests; when the setup could not start it, the test file fails with the reason. */
export const motoEndpoint = (): string => {
  const unavailable = inject('motoUnavailable');
  if (unavailable) throw new Error(unavailable);
  return inject('motoEndpoint');
};
