import { z } from 'zod';

/**
 * A shop model as stored in `model_fits.params` (JSON). The version changes whenever the stored
 * shape or the fitting changes; a stored fit of another version, or one that does not parse, is
 * fitted again instead of being trusted.
 */
export const MODEL_FIT_VERSION = 2;

const positive = z.number().finite().positive();

export const StoredModelFit = z.strictObject({
  version: z.literal(MODEL_FIT_VERSION),
  calibration_end: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  source: z.enum(['fitted', 'prior']),
  bgnbd: z.strictObject({ r: positive, alpha: positive, a: positive, b: positive }),
  bgnbd_log_likelihood: z.number().finite().nullable(),
  gamma_gamma: z.strictObject({ p: positive, q: positive, gamma: positive }).nullable(),
});
export type StoredModelFit = z.infer<typeof StoredModelFit>;
