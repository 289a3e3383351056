import { TidewatchError } from '../../../core/errors.js';

/**
 * SEC fair access: every request to sec.gov must carry a User-Agent naming the requester with a
 * contact address, or SEC answers 403 and may block the client for 10 minutes (PEERS.md).
 * There is no safe default, so without SEC_USER_AGENT we refuse to call EDGAR at all.
 */
export const SEC_USER_AGENT_ENV = 'SEC_USER_AGENT';

export function secUserAgent(env: Record<string, string | undefined> = process.env): string {
  const ua = env[SEC_USER_AGENT_ENV]?.trim();
  if (!ua) {
    throw new TidewatchError(
      'config',
      `${SEC_USER_AGENT_ENV} is not set; SEC EDGAR refuses requests without a contact User-Agent`,
      {
        hint: `export ${SEC_USER_AGENT_ENV}="Your Name your.email@example.com" (SEC fair-access policy), or replay recorded data with TIDEWATCH_REPLAY_DIR=../shared/data`,
      },
    );
  }
  if (!/@/.test(ua)) {
    throw new TidewatchError('config', `${SEC_USER_AGENT_ENV}='${ua}' has no contact e-mail address`, {
      hint: `export ${SEC_USER_AGENT_ENV}="Your Name your.email@example.com"`,
    });
  }
  return ua;
}
