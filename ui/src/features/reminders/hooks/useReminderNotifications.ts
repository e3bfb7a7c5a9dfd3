import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { messagesFor } from "../../../i18n";
import { useBackend, type CoreNotice, type ReminderDue, type Settings } from "../../../lib/backend";
import { queryKeys } from "../../../lib/queries";

/** The due reminder a core notice announces, or null for any other notice. */
export function dueReminder(notice: CoreNotice): ReminderDue | null {
  if (notice.kind !== "reminderDue") return null;
  const { profileId, reminderId, reminderKind } = notice;
  return { profileId, reminderId, reminderKind };
}

/**
 * Delivers the active profile's due reminders: each becomes a system notification worded in the
 * profile's language. Others' reminders are left alone; a notification that cannot be shown is only
 * logged (nobody is there to read a message about it).
 */
export function useReminderNotifications(profileId: string | undefined) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  useEffect(() => {
    if (profileId === undefined) return;
    return backend.onCoreNotice((notice) => {
      const due = dueReminder(notice);
      if (due === null || due.profileId !== profileId) return;
      const notify = async () => {
        const settings =
          queryClient.getQueryData<Settings>(queryKeys.settings(profileId)) ??
          (await backend.getSettings(profileId));
        const words = messagesFor(settings.locale).reminders;
        await backend.showNotification(
          words.notificationTitle,
          words.notificationBody[due.reminderKind],
        );
      };
      notify().catch((error: unknown) => {
        console.debug("A due reminder could not be shown", error);
      });
    });
  }, [backend, queryClient, profileId]);
}
