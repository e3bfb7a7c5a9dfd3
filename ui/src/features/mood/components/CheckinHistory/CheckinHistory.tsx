import { useId, useState } from "react";
import { Button } from "../../../../components/Button";
import { LoadMore } from "../../../../components/LoadMore";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { useT } from "../../../../i18n";
import type { Checkin } from "../../../../lib/backend";
import { formatDate } from "../../../memory/format";
import { asMood } from "../../emotions";
import { useCheckins, useDeleteCheckin } from "../../hooks/queries";
import listStyles from "../../../../styles/listSection.module.css";
import styles from "./CheckinHistory.module.css";

export interface CheckinHistoryProps {
  profileId: string;
  locale: string;
}

/** The latest check-ins of every kind (standalone, and around activities), each deletable. */
export function CheckinHistory({ profileId, locale }: CheckinHistoryProps) {
  const t = useT();
  const id = useId();
  const list = useCheckins(profileId);
  const remove = useDeleteCheckin(profileId);
  const [deleting, setDeleting] = useState<Checkin | null>(null);

  const content = (() => {
    if (list.isPending) return <Loading />;
    if (list.isError) return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
    const checkins = list.data.pages.flat();
    if (checkins.length === 0) return <p className={listStyles.muted}>{t.mood.recentEmpty}</p>;
    return (
      <>
        <ul className={listStyles.list} aria-labelledby={`${id}-title`}>
          {checkins.map((checkin) => {
            const when = formatDate(checkin.createdAt, locale);
            const context =
              checkin.activity === null || checkin.moment === null
                ? t.mood.standalone
                : t.mood.context[checkin.activity][checkin.moment];
            return (
              <li key={checkin.id} className={listStyles.item}>
                <div className={styles.head}>
                  <p className={styles.mood}>{t.mood.levels[asMood(checkin.mood)]}</p>
                  <Button
                    variant="ghost"
                    aria-label={t.mood.deleteLabel(when, context)}
                    onClick={() => {
                      remove.reset();
                      setDeleting(checkin);
                    }}
                  >
                    {t.mood.delete}
                  </Button>
                </div>
                <p className={styles.meta}>
                  <span>{when}</span>
                  <span>{context}</span>
                </p>
                {checkin.emotions.length > 0 ? (
                  <ul className={styles.emotions}>
                    {checkin.emotions.map((emotion) => (
                      <li key={emotion} className={styles.emotion}>
                        {t.mood.emotions[emotion]}
                      </li>
                    ))}
                  </ul>
                ) : null}
                {checkin.note === "" ? null : <p className={styles.note}>{checkin.note}</p>}
              </li>
            );
          })}
        </ul>
        <LoadMore list={list} label={t.mood.loadMore} />
      </>
    );
  })();

  return (
    <section aria-labelledby={`${id}-title`} className={listStyles.section}>
      <h2 id={`${id}-title`} className={listStyles.title}>
        {t.mood.recentTitle}
      </h2>
      {content}
      {deleting !== null ? (
        <ConfirmDialog
          title={t.mood.deleteTitle}
          description={t.mood.deleteText}
          confirmLabel={t.mood.delete}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setDeleting(null);
          }}
          onConfirm={() => {
            remove.mutate(deleting.id, {
              onSuccess: () => {
                setDeleting(null);
              },
            });
          }}
        />
      ) : null}
    </section>
  );
}
