import { useContact } from '../lib/liveChanges';

const time = (at: Date) => at.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' });

/** Which server the page talks to, in the words its people use for it. */
const serverName = () =>
  ['127.0.0.1', 'localhost', '[::1]'].includes(window.location.hostname) ? 'the app’s local server' : 'the board server';

/**
 * Says plainly when the page has lost contact with the server (so what it shows may be out of date)
 * and when contact is back. The status region is always there, hidden when empty, so it is announced.
 */
export function ContactNotice() {
  const contact = useContact();
  const message =
    contact.state === 'lost'
      ? `Lost contact with ${serverName()} at ${time(contact.since)}; trying again… What this page shows may be out of date, and nothing can be saved until contact is back.`
      : contact.state === 'back'
        ? `Back in contact with ${serverName()} at ${time(contact.at)}; the page shows the latest records.`
        : '';
  return (
    <div role="status" className={message ? 'contact-notice' : 'visually-hidden'}>
      {message && <p>{message}</p>}
    </div>
  );
}
