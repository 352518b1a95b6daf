import type { Reply } from '../../shared/api/errors';

const ENCODED = Symbol('encodedReply');

/**
 * A successful reply as the worker wrote it: its JSON text, parsed only if someone on this thread
 * reads `data`. The threads that relay calls (browser mode's HTTP server, Electron's main process)
 * never read a list's rows: a 100,000-customer lapsed list is 10 MB of JSON, and cloning it onto
 * their thread and encoding it there again cost 375 ms during which the counter's next search
 * waited (measured on the bench shop). They pass the text on as it came (encodedText).
 */
export function encodedReply(json: string): Reply {
  let data: unknown;
  let parsed = false;
  const reply = { ok: true } as Reply & { data: unknown };
  Object.defineProperty(reply, 'data', {
    enumerable: true,
    get() {
      if (!parsed) {
        data = (JSON.parse(json) as { data: unknown }).data;
        parsed = true;
      }
      return data;
    },
  });
  Object.defineProperty(reply, ENCODED, { value: json });
  return reply;
}

/** The reply's JSON text when it came encoded from a worker (send it as it is), else undefined. */
export function encodedText(reply: Reply): string | undefined {
  return (reply as { [ENCODED]?: string })[ENCODED];
}

/** The reply as JSON text: as it came from the worker, or encoded now. */
export function replyText(reply: Reply): string {
  return encodedText(reply) ?? JSON.stringify(reply);
}
