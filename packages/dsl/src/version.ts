// Names the rules a result came from: a content hash of the rule file, so a case system can store
// which rules decided. @noble/hashes is synchronous and browser-safe (no node:crypto), so the
// editor, the engine and the CLI compute the same value.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/** `"sha256:<64 lowercase hex>"`: the SHA-256 of the rule file's text as UTF-8 bytes. */
export function rulesVersion(source: string): string {
  return `sha256:${bytesToHex(sha256(utf8ToBytes(source)))}`;
}
