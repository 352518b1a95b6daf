/**
 * A call's input still as the JSON text the transport received, in bytes: browser mode's uploads
 * (`import.preview`, `import.start`, up to 160 MB). The HTTP thread, which relays every call of the
 * counter, neither decodes nor parses such a body (a 40 MB one took it 0.6–1.1 s on a busy
 * machine, the counter's calls over HTTP waiting behind it); it hands the bytes over to the lane
 * (moved, not copied: `transferOf`), and `dispatch` there parses them (main/api.ts). Any input
 * that is a Uint8Array is taken for JSON text: parsed JSON never is one.
 */
export function isJsonBytes(input: unknown): input is Uint8Array {
  return input instanceof Uint8Array;
}

/** The JSON text's value (an empty body is `{}`, as the HTTP handler has always read it), or null when it does not parse. */
export function parseJsonBytes(bytes: Uint8Array): { value: unknown } | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  try {
    return { value: text ? (JSON.parse(text) as unknown) : {} };
  } catch {
    return null;
  }
}

/** The buffers of a call's input to hand over with it: JSON bytes that own their whole buffer (not a slice of Node's pool). */
export function transferOf(input: unknown): ArrayBuffer[] {
  if (!isJsonBytes(input)) return [];
  const own = input.buffer instanceof ArrayBuffer && input.byteOffset === 0 && input.byteLength === input.buffer.byteLength;
  return own ? [input.buffer] : [];
}
