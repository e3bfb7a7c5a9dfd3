import { Button } from "../../../../components/Button";
import { useT } from "../../../../i18n";
import {
  useDismissedUpdate,
  useUpdateCheck,
  useUpdateInstall,
  useUpdateStatus,
} from "../../../../lib/queries";
import styles from "./AppShell.module.css";

/**
 * Checks for updates in the background (see useUpdateCheck) and, when a newer release is there, says
 * so in a small banner: polite, never modal, never taking focus. "View" opens Settings › Updates;
 * dismissed, it stays hidden for that version until the app restarts. A failed check shows nothing.
 */
export function UpdateNotice({ onView }: { onView: () => void }) {
  const t = useT();
  const copy = t.updateNotice;
  const status = useUpdateStatus();
  const check = useUpdateCheck();
  const { installed } = useUpdateInstall();
  const { dismissed, dismiss } = useDismissedUpdate();
  const offer = check.data;

  // A return to stable is asked for in Settings, which shows it; an installed one waits for a restart.
  if (
    status.data?.supported !== true ||
    offer == null ||
    offer.downgrade ||
    installed !== undefined ||
    dismissed === offer.version
  ) {
    return null;
  }
  return (
    <div role="status" className={styles.notice}>
      <p className={styles.noticeText}>{copy.text(offer.version)}</p>
      <Button variant="ghost" onClick={onView}>
        {copy.view}
      </Button>
      <Button
        variant="ghost"
        aria-label={copy.dismiss}
        title={copy.dismiss}
        onClick={() => {
          dismiss(offer.version);
        }}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </Button>
    </div>
  );
}
