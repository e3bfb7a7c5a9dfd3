import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Locale } from "../../../../lib/backend";
import { useReminders } from "../../../reminders/hooks/queries";
import { ReminderForm } from "./ReminderForm";
import { ReminderRow } from "./ReminderRow";
import listStyles from "../../../../styles/listSection.module.css";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./ReminderSettings.module.css";

export interface ReminderSettingsProps {
  profileId: string;
  /** The profile's language, for the names of the days. */
  locale: Locale;
}

/** Settings → Reminders: the daily reminders, each on or off, and adding, editing and deleting them. */
export function ReminderSettings({ profileId, locale }: ReminderSettingsProps) {
  const t = useT();
  const copy = t.reminders;
  const titleId = useId();
  const reminders = useReminders(profileId);
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <section className={sectionStyles.section} aria-labelledby={titleId}>
      <h2 id={titleId} className={sectionStyles.title}>
        {copy.title}
      </h2>
      <p className={sectionStyles.muted}>{copy.intro}</p>
      {reminders.isPending ? (
        <Loading />
      ) : reminders.isError ? (
        <ErrorState error={reminders.error} onRetry={() => void reminders.refetch()} />
      ) : reminders.data.length === 0 ? (
        <p className={sectionStyles.muted}>{copy.empty}</p>
      ) : (
        <ul className={listStyles.list}>
          {reminders.data.map((reminder) =>
            editing === reminder.id ? (
              <li key={reminder.id} className={sectionStyles.card}>
                <ReminderForm
                  profileId={profileId}
                  locale={locale}
                  initial={reminder}
                  onDone={() => {
                    setEditing(null);
                  }}
                />
              </li>
            ) : (
              <ReminderRow
                key={reminder.id}
                profileId={profileId}
                locale={locale}
                reminder={reminder}
                onEdit={() => {
                  setEditing(reminder.id);
                }}
              />
            ),
          )}
        </ul>
      )}
      {adding ? (
        <div className={sectionStyles.card}>
          <ReminderForm
            profileId={profileId}
            locale={locale}
            onDone={() => {
              setAdding(false);
            }}
          />
        </div>
      ) : (
        <Button
          className={styles.add}
          onClick={() => {
            setAdding(true);
          }}
        >
          {copy.add}
        </Button>
      )}
    </section>
  );
}
