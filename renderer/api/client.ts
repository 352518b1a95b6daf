import type { Input, Method, Out } from '../../shared/api/contract';
import type { ErrorCode, FieldIssue, Reply } from '../../shared/api/errors';

/** A failed call as the screens see it: a code to translate and issues to put beside fields. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NETWORK',
    readonly issues: FieldIssue[] = [],
    readonly detail: Record<string, unknown> = {},
    readonly incidentId?: string,
  ) {
    super(code);
  }
  /** The issue message key for a field path like 'phone' or 'amountMinor'. */
  fieldIssue(field: string): string | undefined {
    return this.issues.find((i) => i.path[0] === field)?.message;
  }
  /** The issue message key for an item of a list, like line 2's 'lineDiscountMinor'. */
  itemIssue(list: string, index: number, field?: string): string | undefined {
    return this.issues.find((i) => i.path[0] === list && i.path[1] === index && (field === undefined || i.path[2] === field))
      ?.message;
  }
}

export type Transport = (method: string, input: unknown) => Promise<Reply>;

export interface ApiClient {
  call<M extends Method>(method: M, input?: Input<M>): Promise<Out<M>>;
}

export function createClient(transport: Transport): ApiClient {
  return {
    async call(method, input) {
      let reply: Reply;
      try {
        reply = await transport(method, input ?? {});
      } catch {
        throw new ApiError('NETWORK');
      }
      if (reply.ok) return reply.data as never;
      throw new ApiError(reply.error.code, reply.error.issues, reply.error.detail, reply.error.incidentId);
    },
  };
}
