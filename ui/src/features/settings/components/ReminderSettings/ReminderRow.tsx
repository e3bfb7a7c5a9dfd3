import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { InlineError } from "../../../../components/StatusView";
import { SwitchButton } from "../../../../components/Switch";
import { useT } from "../../../../i18n";
import type { Reminder } from "../../../../lib/backend";
import { reminderSummary } from "../../../reminders/format";
import { useDeleteReminder, useSaveReminder } from "../../../reminders/hooks/queries";
import sectionStyles from "../../../../styles/settingsSection.module.css";
import styles from "./ReminderSettings.module.css";

export interface ReminderRowProps {
  profileId: string;
  locale: string;
  reminder: Reminder;
  onEdit: () => void;
}

/** A reminder: a switch (named by the reminder) that turns it on or off at once, Edit and Delete. */
export function ReminderRow({ profileId, locale, reminder, onEdit }: ReminderRowProps) {
  const t = useT();
  const copy = t.reminders;
  const summaryId = useId();
  const save = useSaveReminder(profileId);
  const remove = useDeleteReminder(profileId);
  const [confirming, setConfirming] = useState(false);
  const summary = reminderSummary(t, locale, reminder);
  // Shown flipped while it saves.
  const enabled = save.isPending ? save.variables.enabled : reminder.enabled;

  return (
    <li className={sectionStyles.card}>
      <SwitchButton
        checked={enabled}
        className={styles.switch}
        onToggle={() => {
          if (!save.isPending) save.mutate({ ...reminder, enabled: !reminder.enabled });
        }}
      >
        <span id={summaryId}>{summary}</span>
      </SwitchButton>
      <div className={sectionStyles.actions}>
        <Button aria-describedby={summaryId} onClick={onEdit}>
          {copy.edit}
        </Button>
        <Button
          variant="ghost"
          aria-describedby={summaryId}
          onClick={() => {
            remove.reset();
            setConfirming(true);
          }}
        >
          {copy.delete}
        </Button>
      </div>
      <InlineError error={save.error} />
      {confirming ? (
        <ConfirmDialog
          title={copy.deleteTitle}
          description={copy.deleteText(summary)}
          confirmLabel={copy.delete}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setConfirming(false);
          }}
          onConfirm={() => {
            remove.mutate(reminder.id, {
              onSuccess: () => {
                setConfirming(false);
              },
            });
          }}
        />
      ) : null}
    </li>
  );
}
