import { useEffect, useId, useRef, useState, type SubmitEvent } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Profile } from "../../../../lib/backend";
import { useForgetLockedData, useUnlockProfile } from "../../../../lib/queries";
import { ProfileSwitcher } from "../ProfileSwitcher";
import styles from "./LockScreen.module.css";

/**
 * What the app shows while the active profile has a PIN not yet given in this run (ADR 0016): the
 * PIN field, and the profile switcher for someone else to open their own profile. Nothing the
 * profile owns is read, and what was cached of it is dropped. Shown in the profile's theme and
 * language, which stay readable while it is locked.
 */
export function LockScreen({
  profile,
  onAddProfile,
}: {
  profile: Profile;
  onAddProfile: () => void;
}) {
  const t = useT();
  const copy = t.lockScreen;
  const ids = useId();
  const titleId = `${ids}-title`;
  const textId = `${ids}-text`;
  const inputId = `${ids}-pin`;
  const errorId = `${ids}-error`;
  const input = useRef<HTMLInputElement>(null);
  const [pin, setPin] = useState("");
  const unlock = useUnlockProfile();
  useForgetLockedData();

  // The PIN is what the screen is for: it takes the keyboard at once.
  useEffect(() => {
    input.current?.focus();
  }, []);

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (unlock.isPending || pin === "") return;
    unlock.mutate(
      { profileId: profile.id, pin },
      {
        // A wrong PIN is typed again from the start; the message says how many tries are left.
        onError: () => {
          setPin("");
          input.current?.focus();
        },
      },
    );
  }

  return (
    <main className={styles.page}>
      <section className={styles.card} aria-labelledby={titleId} aria-describedby={textId}>
        <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
          <path d="M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z" />
        </svg>
        <h1 id={titleId} className={styles.title}>
          {copy.title}
        </h1>
        <p id={textId} className={styles.text}>
          {copy.text(profile.displayName)}
        </p>
        <form className={styles.form} onSubmit={onSubmit} noValidate>
          <label htmlFor={inputId} className={styles.label}>
            {copy.pinLabel}
          </label>
          <div className={styles.row}>
            <input
              ref={input}
              id={inputId}
              type="password"
              inputMode="numeric"
              autoComplete="off"
              className={styles.input}
              value={pin}
              aria-invalid={unlock.isError || undefined}
              aria-describedby={unlock.isError ? errorId : undefined}
              onChange={(event) => {
                setPin(event.target.value);
              }}
            />
            <Button type="submit" variant="primary" disabled={pin === "" || unlock.isPending}>
              {copy.unlock}
            </Button>
          </div>
          {unlock.isError ? (
            <div id={errorId}>
              <InlineError error={unlock.error} />
            </div>
          ) : null}
        </form>
        <div className={styles.others}>
          <p className={styles.muted}>{copy.notYou(profile.displayName)}</p>
          <ProfileSwitcher activeProfile={profile} onAddProfile={onAddProfile} />
        </div>
      </section>
    </main>
  );
}
