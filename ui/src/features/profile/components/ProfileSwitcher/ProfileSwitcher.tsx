import { useEffect, useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { InlineError, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Profile } from "../../../../lib/backend";
import { useProfiles, useSwitchProfile } from "../../../../lib/queries";
import { DeleteProfileDialog } from "../DeleteProfileDialog";
import styles from "./ProfileSwitcher.module.css";

function Avatar({ name }: { name: string }) {
  return (
    <span className={styles.avatar} aria-hidden="true">
      {name.trim().charAt(0).toUpperCase() || "?"}
    </span>
  );
}

/**
 * Marks a profile with a PIN: a small padlock, read as `label` after the name (the space before it is
 * a text node of its own, so the name and the label are read as separate words).
 */
function LockMark({ label }: { label: string }) {
  return (
    <>
      {" "}
      <span className={styles.lock}>
        <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.lockIcon}>
          <path d="M7 11V8a5 5 0 0 1 10 0v3M5 11h14v10H5z" />
        </svg>
        <span className="visually-hidden">{label}</span>
      </span>
    </>
  );
}

export function ProfileSwitcher({
  activeProfile,
  onAddProfile,
}: {
  activeProfile: Profile;
  onAddProfile: () => void;
}) {
  const t = useT();
  const panelId = useId();
  const titleId = useId();
  const [open, setOpen] = useState(false);
  const [toDelete, setToDelete] = useState<Profile | null>(null);
  const profiles = useProfiles();
  const switchProfile = useSwitchProfile();

  useEffect(() => {
    if (!open || toDelete !== null) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === "Escape") setOpen(false);
    };
    document.addEventListener("keydown", onKeyDown);
    return () => {
      document.removeEventListener("keydown", onKeyDown);
    };
  }, [open, toDelete]);

  return (
    <div className={styles.switcher}>
      {open && (
        <section id={panelId} aria-labelledby={titleId} className={styles.panel}>
          <h2 id={titleId} className={styles.panelTitle}>
            {t.profiles.yourProfiles}
          </h2>
          {profiles.isPending ? (
            <Loading />
          ) : profiles.isError ? (
            <InlineError error={profiles.error} />
          ) : (
            <ul className={styles.list}>
              {profiles.data.map((profile) => {
                const isActive = profile.id === activeProfile.id;
                return (
                  <li key={profile.id} className={styles.row}>
                    <button
                      type="button"
                      className={styles.profile}
                      aria-current={isActive ? "true" : undefined}
                      onClick={() => {
                        if (isActive) setOpen(false);
                        else if (!switchProfile.isPending) switchProfile.mutate(profile.id);
                      }}
                    >
                      <Avatar name={profile.displayName} />
                      <span className={styles.name}>{profile.displayName}</span>
                      {profile.hasPin && <LockMark label={t.profiles.hasPin} />}
                      {isActive && <span className={styles.badge}>{t.profiles.active}</span>}
                    </button>
                    <button
                      type="button"
                      className={styles.delete}
                      aria-label={t.profiles.deleteProfile(profile.displayName)}
                      title={t.profiles.deleteProfile(profile.displayName)}
                      onClick={() => {
                        setToDelete(profile);
                      }}
                    >
                      <svg viewBox="0 0 24 24" aria-hidden="true" className={styles.icon}>
                        <path d="M4 7h16M10 11v6m4-6v6M6 7l1 12h10l1-12M9 7V4h6v3" />
                      </svg>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          <InlineError error={switchProfile.error} />
          <Button variant="ghost" className={styles.add} onClick={onAddProfile}>
            {t.profiles.addProfile}
          </Button>
        </section>
      )}

      <button
        type="button"
        data-testid="profile-switcher"
        className={styles.trigger}
        aria-label={t.profiles.switchProfile}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => {
          setOpen(!open);
        }}
      >
        <Avatar name={activeProfile.displayName} />
        <span className={styles.name}>{activeProfile.displayName}</span>
      </button>

      {toDelete !== null && (
        <DeleteProfileDialog
          profile={toDelete}
          onClose={() => {
            setToDelete(null);
          }}
        />
      )}
    </div>
  );
}
