// Turns file bytes into document text, refusing what is not text: NUL bytes (binary files, PDFs renamed
// to .md) and invalid UTF-8. A byte-order mark is dropped so offsets match what an editor shows.

export type Decoded = { ok: true; text: string } | { ok: false; reason: string };

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export function decodeDocument(bytes: Uint8Array): Decoded {
  // The whole file, not a prefix: a text with binary appended is no document either (a native scan, quick).
  if (bytes.indexOf(0) >= 0) return { ok: false, reason: 'binary content (NUL bytes)' };
  try {
    return { ok: true, text: decoder.decode(bytes) };
  } catch {
    return { ok: false, reason: 'not valid UTF-8 text' };
  }
}
