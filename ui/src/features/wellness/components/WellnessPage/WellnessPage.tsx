import { useEffect, useRef, useState } from "react";
import { Button } from "../../../../components/Button";
import { ConfirmDialog } from "../../../../components/ConfirmDialog";
import { ErrorState, Loading } from "../../../../components/StatusView";
import { Switch } from "../../../../components/Switch";
import { useT } from "../../../../i18n";
import type { WellnessItem } from "../../../../lib/backend";
import { WELLNESS_KINDS } from "../../codes";
import { itemName, itemsOfKind } from "../../format";
import {
  useRemoveWellnessItem,
  useResetWellness,
  useSetWellnessLearning,
  useWellnessProfile,
} from "../../hooks/queries";
import { WellnessGroup } from "../WellnessGroup";
import pageStyles from "../../../../styles/page.module.css";
import styles from "./WellnessPage.module.css";

export interface WellnessPageProps {
  profileId: string;
  locale: string;
}

/**
 * The Wellness section: what the companion has learned about the person, by kind, each item with its
 * note and a way to remove it; learning on or off, and a reset of it all.
 */
export function WellnessPage({ profileId, locale }: WellnessPageProps) {
  const t = useT();
  const copy = t.wellness;
  const profile = useWellnessProfile(profileId);
  const learning = useSetWellnessLearning(profileId);
  const remove = useRemoveWellnessItem(profileId);
  const reset = useResetWellness(profileId);
  const [removing, setRemoving] = useState<WellnessItem | null>(null);
  const [resetting, setResetting] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The item being removed: its buttons leave with it, so focus then moves to the page's heading.
  const removedId = useRef<string | null>(null);
  const items = profile.data?.items;

  useEffect(() => {
    const id = removedId.current;
    if (id === null || items === undefined || items.some((item) => item.id === id)) return;
    removedId.current = null;
    headingRef.current?.focus();
  }, [items]);

  const content = (() => {
    if (profile.isPending) return <Loading />;
    if (profile.isError) {
      return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
    }
    const { data } = profile;
    return (
      <>
        <Switch
          checked={learning.isPending ? learning.variables : data.learning}
          label={copy.learning}
          hint={copy.learningHint}
          error={learning.error}
          onToggle={() => {
            if (!learning.isPending) learning.mutate(!data.learning);
          }}
        />
        {data.learning ? null : <p className={pageStyles.muted}>{copy.paused}</p>}
        {data.items.length === 0 ? (
          <p className={pageStyles.empty}>{copy.empty}</p>
        ) : (
          WELLNESS_KINDS.map((kind) => {
            const ofKind = itemsOfKind(data.items, kind);
            return ofKind.length === 0 ? null : (
              <WellnessGroup
                key={kind}
                profileId={profileId}
                kind={kind}
                items={ofKind}
                locale={locale}
                onRemove={(item) => {
                  remove.reset();
                  setRemoving(item);
                }}
              />
            );
          })
        )}
        <div className={styles.footer}>
          <Button
            onClick={() => {
              reset.reset();
              setResetting(true);
            }}
          >
            {copy.reset}
          </Button>
        </div>
      </>
    );
  })();

  return (
    <div className={pageStyles.page}>
      <header className={pageStyles.header}>
        <h1 ref={headingRef} tabIndex={-1} className={pageStyles.title}>
          {copy.title}
        </h1>
        <p className={pageStyles.muted}>{copy.intro}</p>
      </header>
      {content}
      {removing !== null ? (
        <ConfirmDialog
          title={copy.removeTitle(itemName(t, removing))}
          description={copy.removeText}
          confirmLabel={copy.remove}
          pending={remove.isPending}
          error={remove.error}
          onCancel={() => {
            setRemoving(null);
          }}
          onConfirm={() => {
            removedId.current = removing.id;
            remove.mutate(removing.id, {
              onSuccess: () => {
                setRemoving(null);
              },
              onError: () => {
                removedId.current = null;
              },
            });
          }}
        />
      ) : null}
      {resetting ? (
        <ConfirmDialog
          title={copy.resetTitle}
          description={copy.resetText}
          confirmLabel={copy.resetConfirm}
          pending={reset.isPending}
          error={reset.error}
          onCancel={() => {
            setResetting(false);
          }}
          onConfirm={() => {
            reset.mutate(undefined, {
              onSuccess: () => {
                setResetting(false);
              },
            });
          }}
        />
      ) : null}
    </div>
  );
}
