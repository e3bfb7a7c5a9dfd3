import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { useT } from "../../../../i18n";
import type { Profile } from "../../../../lib/backend";
import { useDeleteProfile } from "../../../../lib/queries";

export interface DeleteProfileDialogProps {
  profile: Profile;
  /** The dialog's words, when the place it opens from asks in its own; the profile switcher's otherwise. */
  words?: { title: string; description: string; confirmLabel: string };
  /** Called when the person cancels, and once the profile is deleted. */
  onClose: () => void;
}

/**
 * Asks before deleting a profile and everything saved in it, then deletes it (a failure shows in the
 * dialog). When it was the active profile, another one becomes active, or onboarding starts when it
 * was the last (useDeleteProfile).
 */
export function DeleteProfileDialog({ profile, words, onClose }: DeleteProfileDialogProps) {
  const t = useT();
  const deleteProfile = useDeleteProfile();
  const name = profile.displayName;
  return (
    <ConfirmDialog
      title={words?.title ?? t.profiles.confirmTitle(name)}
      description={words?.description ?? t.profiles.confirmText(name)}
      confirmLabel={words?.confirmLabel ?? t.profiles.delete}
      pending={deleteProfile.isPending}
      error={deleteProfile.error}
      onCancel={onClose}
      onConfirm={() => {
        deleteProfile.mutate(profile.id, { onSuccess: onClose });
      }}
    />
  );
}
