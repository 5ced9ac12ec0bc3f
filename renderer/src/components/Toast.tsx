interface Props {
  message: string;
  onDismiss: () => void;
}

/**
 * A saved line that stays until dismissed. The status region is always there, hidden when empty,
 * so a screen reader hears each new message.
 */
export function Toast({ message, onDismiss }: Props) {
  return (
    <div role="status" className={message ? 'toast' : 'visually-hidden'}>
      {message && (
        <>
          <p>{message}</p>
          <button type="button" className="button--small button--secondary" onClick={onDismiss}>
            Dismiss
          </button>
        </>
      )}
    </div>
  );
}
