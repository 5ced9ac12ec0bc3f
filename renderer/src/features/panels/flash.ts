// A success line that survives one move to another route (a new panel's page after it is saved).
let message = '';

export function setFlash(text: string): void {
  message = text;
}

/** Read at mount; clearFlash() in an effect, so a double-mounted component still sees it. */
export function readFlash(): string {
  return message;
}

export function clearFlash(): void {
  message = '';
}
