import { useId } from "react";
import { Button } from "../../../../components/Button";
import { InlineError } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { JournalDraft } from "../../../../lib/backend";
import { formatDate, snippet } from "../../../memory/format";
import { useDiscardJournalDraft } from "../../hooks/queries";
import styles from "./DraftBanner.module.css";

export interface DraftBannerProps {
  profileId: string;
  draft: JournalDraft;
  locale: string;
  onContinue: (draft: JournalDraft) => void;
}

/** The unsaved draft, offered back when the journal opens: continue it or discard it. */
export function DraftBanner({ profileId, draft, locale, onContinue }: DraftBannerProps) {
  const t = useT();
  const id = useId();
  const discard = useDiscardJournalDraft(profileId);
  const date = formatDate(draft.updatedAt ?? "", locale);
  return (
    <section aria-labelledby={`${id}-title`} className={styles.banner}>
      <h2 id={`${id}-title`} className={styles.title}>
        {t.journaling.draftTitle}
      </h2>
      <p className={styles.text}>
        {draft.entryId == null ? t.journaling.draftText(date) : t.journaling.draftOfEntry(date)}{" "}
        {t.journaling.draftReplaced}
      </p>
      <blockquote className={styles.quote}>{snippet(draft.text, 120)}</blockquote>
      <InlineError error={discard.error} />
      <div className={styles.actions}>
        <Button
          variant="primary"
          onClick={() => {
            onContinue(draft);
          }}
        >
          {t.journaling.continueDraft}
        </Button>
        <Button
          aria-busy={discard.isPending}
          onClick={() => {
            if (!discard.isPending) discard.mutate();
          }}
        >
          {t.journaling.discardDraft}
        </Button>
      </div>
    </section>
  );
}
