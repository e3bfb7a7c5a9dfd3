import { useId } from "react";
import { useT } from "../../../../i18n";
import type { WellnessItem, WellnessKind } from "../../../../lib/backend";
import { LearnedItem } from "../LearnedItem";
import listStyles from "../../../../styles/listSection.module.css";

export interface WellnessGroupProps {
  profileId: string;
  kind: WellnessKind;
  /** The group's items, in the core's order (strongest first). */
  items: WellnessItem[];
  locale: string;
  onRemove: (item: WellnessItem) => void;
}

/** The items of one kind under their heading ("Topics you come back to"). */
export function WellnessGroup({ profileId, kind, items, locale, onRemove }: WellnessGroupProps) {
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={id} className={listStyles.section}>
      <h2 id={id} className={listStyles.title}>
        {t.wellness.groups[kind]}
      </h2>
      <ul className={listStyles.list} aria-labelledby={id}>
        {items.map((item) => (
          <LearnedItem
            key={item.id}
            profileId={profileId}
            item={item}
            locale={locale}
            onRemove={onRemove}
          />
        ))}
      </ul>
    </section>
  );
}
