import { z } from 'zod';
import { Id, IsoDate, Text } from './common';

/** A price change the owner records (a date and what changed); the lapsed list and Insights use it. */
export const PriceChangeInput = z.strictObject({
  changedOn: IsoDate,
  note: Text(200, 'note_required'),
});

export const PriceChange = z.object({
  id: z.number(),
  changedOn: z.string(),
  note: z.string(),
  createdAt: z.number(),
});
export type PriceChange = z.infer<typeof PriceChange>;

export const PriceChangeId = z.strictObject({ id: Id });
