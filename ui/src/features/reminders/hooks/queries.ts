import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useBackend, type ReminderInput } from "../../../lib/backend";

export const reminderKeys = {
  list: (profileId: string) => ["reminders", profileId] as const,
};

/** The profile's reminders, oldest first. */
export function useReminders(profileId: string) {
  const backend = useBackend();
  return useQuery({
    queryKey: reminderKeys.list(profileId),
    queryFn: () => backend.listReminders(profileId),
  });
}

/**
 * Saves a new reminder (no id) or a change to one. It stays pending until the list is read again, so
 * a switch shows its new state until the list says the same.
 */
export function useSaveReminder(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reminder: ReminderInput) => backend.saveReminder(profileId, reminder),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reminderKeys.list(profileId) }),
  });
}

export function useDeleteReminder(profileId: string) {
  const backend = useBackend();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (reminderId: string) => backend.deleteReminder(profileId, reminderId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reminderKeys.list(profileId) }),
  });
}
