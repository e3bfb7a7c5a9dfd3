import { useId } from "react";
import { Button } from "../../../../components/Button";
import { ProgressBar } from "../../../../components/ProgressBar";
import { InlineError } from "../../../../components/StatusView";
import { useErrorText, useLocale, useT } from "../../../../i18n";
import type { UpdateChannel, UpdateStatus } from "../../../../lib/backend";
import {
  useInstallUpdate,
  useLastUpdateCheck,
  useRestartApp,
  useReturnToStable,
  useSetUpdateChannel,
  useUpdateInstall,
  useUpdateStatus,
} from "../../../../lib/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./UpdateSettings.module.css";

/** The section's id: the update notice's "View" brings it into view and focus. */
export const UPDATES_SECTION_ID = "settings-updates";

/**
 * Settings → Updates (ADR 0019): the running version, the channel, a check for a newer release (or,
 * from a beta, for the stable one to go back to), its download with progress, and the restart into it.
 * A build its store or package manager updates only says so.
 */
export function UpdateSettings() {
  const t = useT();
  const copy = t.settings.updates;
  const titleId = useId();
  const status = useUpdateStatus();

  return (
    <section
      id={UPDATES_SECTION_ID}
      tabIndex={-1}
      className={sectionStyles.section}
      aria-labelledby={titleId}
    >
      <h2 id={titleId} className={sectionStyles.title}>
        {copy.title}
      </h2>
      {status.data === undefined ? (
        <InlineError error={status.error} />
      ) : (
        <>
          <p className={sectionStyles.muted}>
            {copy.version(status.data.currentVersion, status.data.prerelease)}
          </p>
          {status.data.supported ? <Updater status={status.data} /> : <p>{copy.unsupported}</p>}
        </>
      )}
    </section>
  );
}

/** The channel, the checks and the install, for a build that updates itself. */
function Updater({ status }: { status: UpdateStatus }) {
  const t = useT();
  const copy = t.settings.updates;
  const errorText = useErrorText();
  const ids = useId();
  const channelId = `${ids}-channel`;
  const channelHintId = `${ids}-channel-hint`;
  const returnHintId = `${ids}-return-hint`;
  const check = useLastUpdateCheck();
  const returnToStable = useReturnToStable();
  const setChannel = useSetUpdateChannel();
  const install = useInstallUpdate();
  const restart = useRestartApp();
  const { installing, download, installed } = useUpdateInstall();

  const channel = setChannel.isPending ? setChannel.variables : status.channel;
  const checking = check.isFetching || returnToStable.isPending;
  // What a check found, or why it found nothing: said calmly in the status line, never as an alert.
  const checkError = returnToStable.error ?? (check.isError ? check.error : null);
  const offer = check.data ?? null;
  const line =
    installed !== undefined
      ? copy.installed
      : checking
        ? copy.checking
        : checkError !== null
          ? errorText(checkError)
          : check.data === undefined
            ? ""
            : offer === null
              ? copy.upToDate
              : offer.downgrade
                ? copy.downgrade(offer.version)
                : copy.available(offer.version);
  const busy = checking || installing;
  // Going back to stable is offered only to a beta that follows the stable channel.
  const canReturn = status.prerelease && status.channel === "stable";

  return (
    <>
      <div className={sectionStyles.part}>
        <div className={sectionStyles.selectField}>
          <label htmlFor={channelId} className={sectionStyles.label}>
            {copy.channel}
          </label>
          <p id={channelHintId} className={sectionStyles.muted}>
            {copy.channelHint}
          </p>
          <select
            id={channelId}
            className={sectionStyles.select}
            aria-describedby={channelHintId}
            value={channel}
            disabled={installing}
            onChange={(event) => {
              returnToStable.reset();
              // The backend validates the value; an unknown one comes back as a typed error shown below.
              setChannel.mutate(event.target.value as UpdateChannel);
            }}
          >
            {Object.entries(copy.channels).map(([value, name]) => (
              <option key={value} value={value}>
                {name}
              </option>
            ))}
          </select>
        </div>
        <InlineError error={setChannel.error} />
      </div>
      <div className={sectionStyles.part}>
        <div className={sectionStyles.row}>
          <Button
            disabled={busy}
            onClick={() => {
              returnToStable.reset();
              install.reset();
              void check.refetch();
            }}
          >
            {copy.check}
          </Button>
          {canReturn ? (
            <Button
              aria-describedby={returnHintId}
              disabled={busy}
              onClick={() => {
                install.reset();
                returnToStable.mutate();
              }}
            >
              {copy.returnToStable}
            </Button>
          ) : null}
        </div>
        {canReturn ? (
          <p id={returnHintId} className={sectionStyles.muted}>
            {copy.returnHint}
          </p>
        ) : null}
        <p role="status">{line}</p>
        {installed !== undefined ? (
          <div className={sectionStyles.row}>
            <Button
              variant="primary"
              disabled={restart.isPending}
              onClick={() => {
                restart.mutate();
              }}
            >
              {copy.restart}
            </Button>
          </div>
        ) : offer === null ? null : (
          <>
            {offer.notes === null || offer.notes.trim() === "" ? null : (
              <p className={styles.notes}>{offer.notes}</p>
            )}
            <div className={sectionStyles.row}>
              <Button
                variant="primary"
                disabled={busy}
                onClick={() => {
                  install.mutate();
                }}
              >
                {copy.install}
              </Button>
              {installing && download !== undefined ? <Download {...download} /> : null}
            </div>
          </>
        )}
        <InlineError error={install.error ?? restart.error} />
      </div>
    </>
  );
}

/** The download's progress bar and how many MB have come, of how many when the size is known. */
function Download({ downloaded, total }: { downloaded: number; total: number | null }) {
  const t = useT();
  const copy = t.settings.updates;
  const locale = useLocale();
  const format = new Intl.NumberFormat(locale, {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const mb = (bytes: number) => format.format(bytes / 1_000_000);
  return (
    <>
      <ProgressBar
        label={copy.downloading}
        done={downloaded}
        total={total}
        valueText={(done, whole) => copy.downloaded(mb(done), mb(whole))}
      />
      <span className={sectionStyles.muted}>
        {copy.downloaded(mb(downloaded), total === null ? null : mb(total))}
      </span>
    </>
  );
}
