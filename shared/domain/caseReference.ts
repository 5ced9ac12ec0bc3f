// The key a case reference is matched by: references are compared without regard to case, so
// "nc/123" finds, duplicates and confirms "NC/123". Stored as escalation.reference_key; one rule
// for creating, correcting, searching, sorting, importing and confirming a deletion.
export function referenceKey(reference: string): string {
  return reference.toUpperCase();
}
