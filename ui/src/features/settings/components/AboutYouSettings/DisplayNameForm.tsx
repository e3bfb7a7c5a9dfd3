import { useId, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import { useRenameProfile } from "../../../../lib/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./AboutYouSettings.module.css";

/**
 * The profile's display name (the name the companion greets and calls the person by). A failed save
 * keeps what was typed; a saved one shows in the profile switcher and the chat greeting at once.
 */
export function DisplayNameForm({ profileId, saved }: { profileId: string; saved: string }) {
  const t = useT();
  const copy = t.settings.aboutYou;
  const ids = useId();
  const inputId = `${ids}-name`;
  const hintId = `${ids}-hint`;
  const errorId = `${ids}-error`;
  const [draft, setDraft] = useState(saved);
  const rename = useRenameProfile();

  // The core trims the name, so spaces around the saved one are no change.
  const unchanged = draft.trim() === saved;

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (rename.isPending || unchanged) return;
    rename.mutate(
      { profileId, displayName: draft },
      {
        onSuccess: (renamed) => {
          setDraft(renamed.displayName);
        },
      },
    );
  }

  return (
    <form className={sectionStyles.part} onSubmit={onSubmit} noValidate>
      <div className={sectionStyles.field}>
        <label htmlFor={inputId} className={sectionStyles.label}>
          {copy.nameLabel}
        </label>
        <p id={hintId} className={sectionStyles.muted}>
          {copy.nameHint}
        </p>
        <div className={sectionStyles.row}>
          <input
            id={inputId}
            type="text"
            className={`${sectionStyles.textInput} ${styles.input}`}
            autoComplete="given-name"
            value={draft}
            aria-describedby={rename.isError ? `${hintId} ${errorId}` : hintId}
            aria-invalid={rename.isError || undefined}
            onChange={(event) => {
              setDraft(event.target.value);
              // A new change hides the last save's confirmation or error.
              if (!rename.isPending) rename.reset();
            }}
          />
          <Button type="submit" variant="primary" disabled={unchanged || rename.isPending}>
            {copy.saveName}
          </Button>
          <p role="status" className={sectionStyles.done}>
            {rename.isSuccess ? copy.nameSaved : ""}
          </p>
        </div>
      </div>
      {rename.isError ? (
        <div id={errorId}>
          <InlineError error={rename.error} />
        </div>
      ) : null}
    </form>
  );
}
