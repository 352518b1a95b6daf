import { AppError } from '../../shared/api/errors';
import type { Ctx, Logger } from '../ctx';
import { ForwardedFailure } from '../errors';

/**
 * A write that a call on a reader lane hands to the writer lane (docs/architecture.md, "Write
 * steps"): the reader does the reading and the preparing (a segment, its messages, the file; an
 * upload's check and decoding) at its own pace, outside any transaction, and the writer runs only
 * the short write, in its own `BEGIN IMMEDIATE` transaction, queued with the counter's sales like
 * any other write. One writer owns every write that way, and a sale never waits for a lock that a
 * slowed reader thread holds.
 *
 * A step is named (the name crosses threads; `main/core/write-steps.ts` lists every step, and the
 * writer's thread runs only those) and its input and output are plain data (structured clone).
 * Where there is no writer lane to hand it to (the writer itself, the command line and the tests,
 * which run `dispatch` in-process) the step runs at once on the caller's own connection, so the
 * same code runs either way.
 */
export interface WriteStep<I, O> {
  readonly name: string;
  run(ctx: Ctx, input: I): O;
}

export function writeStep<I, O>(name: string, run: (ctx: Ctx, input: I) => O): WriteStep<I, O> {
  return { name, run };
}

/**
 * Runs the step on the writer lane and answers its result; a failure there is thrown here as it
 * was (an expected failure as the same AppError, anything else with the writer's incident id).
 * `transfer`: buffers of the input handed over rather than copied (a decoded upload).
 */
export async function onWriter<I, O>(
  ctx: Ctx,
  step: WriteStep<I, O>,
  input: I,
  transfer: readonly ArrayBuffer[] = [],
): Promise<Awaited<O>> {
  if (!ctx.writer) return await step.run(ctx, input);
  const reply = await ctx.writer(step.name, input, transfer);
  if (reply.ok) return reply.data as Awaited<O>;
  const { code, detail, issues, incidentId } = reply.error;
  if (incidentId !== undefined) throw new ForwardedFailure(reply);
  throw new AppError(code, detail, issues);
}

/**
 * For a write nobody waits for (a cache kept, a line of the activity log beside a long job):
 * handed to the writer lane and not awaited; a failure there is logged there, and here under the
 * step's name. In-process it runs at once, as before, and its failure is the caller's.
 */
export function writeLater<I>(ctx: Ctx, step: WriteStep<I, void>, input: I): void {
  if (!ctx.writer) return step.run(ctx, input);
  handOver(ctx.writer, ctx.log, step, input);
}

/** writeLater's hand-over, for a caller that holds only the lane (not a whole Ctx: a backup taken before the app opened). */
export function handOver<I>(writer: NonNullable<Ctx['writer']>, log: Logger, step: WriteStep<I, void>, input: I): void {
  void writer(step.name, input, []).then(
    (reply) => {
      if (!reply.ok) log.error(`the write step ${step.name} failed on the writer lane: ${JSON.stringify(reply.error)}`);
    },
    (e: unknown) => log.error(`the write step ${step.name} could not reach the writer lane`, e),
  );
}
