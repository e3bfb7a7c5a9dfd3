import { useMutation } from "@tanstack/react-query";
import { useBackend, type NewJournalEntry } from "../../../lib/backend";

/** Saves a journal entry. */
export function useSaveJournalEntry(profileId: string) {
  const backend = useBackend();
  return useMutation({
    mutationFn: (entry: NewJournalEntry) => backend.saveJournalEntry(profileId, entry),
  });
}
