import { v7 } from 'uuid';

/** Client-made, time-ordered ids (UUIDv7): unique across branches, index-friendly. */
export function newId(): string {
  return v7();
}
